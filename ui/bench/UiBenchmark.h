#pragma once
// `eventscape --bench-ui`: how fast the window draws and how much it slows the engine.
//   1. Token load: with the run paused, synthetic snapshots (the same path real ones take: per-edge
//      counts and sampled hops into GraphView::updateFrom) keep N messages in flight on the graph's
//      edges, spread evenly; frames per second and paint times are measured for each N. With charts,
//      six charts are shown in the dock and every frame also brings them a new sampled row
//      (ChartsPanel::follow, as a run at 60 or more simulated seconds per wall second does): the worst
//      case, every chart redrawn on every frame; the dock's time per frame is measured too.
//   2. Engine: the scenario runs at full speed in the window (the six charts still shown), then
//      headless (a RunDriver on this thread, the window idle) for the same wall time; both in kernel
//      events per wall second.
// `eventscape --bench-memory`: the scenario (scenarios/bench/ui-memory.yaml: 1,000 messages/s for ten
// hours) runs at full speed in the window, its resident memory printed every simulated hour.
// Wall-clock figures for the notes and for people, never asserted by tests.
#include <QString>

#include <vector>

namespace esui {

class MainWindow;

struct TokenLoadResult {
    int inFlight = 0;        // messages kept in flight (drawn one by one or standing in a band)
    double fps = 0;          // viewport paints per second
    double paintMedianMs = 0, paintP95Ms = 0;
    int tokensDrawn = 0;     // individual tokens alive at the end
    int bands = 0;           // edges drawn as flow bands at the end
    int charts = 0;          // charts shown in the dock and fed a row every frame
    int chartsInView = 0;    // of those, not scrolled out of the dock's view
    double chartsMedianMs = 0, chartsP95Ms = 0; // ChartsPanel::follow per frame
    double chartRedrawsPerSecond = 0;            // how often the dock redrew its charts meanwhile
};

struct MemorySample {
    double simHours = 0;
    double residentMb = 0;
};

struct MemoryResult {
    std::vector<MemorySample> samples; // at the start and every simulated hour
    double wallSeconds = 0;
    double reachedHours = 0;
};

struct EngineRateResult {
    double windowed = 0;     // events/s with the window animating at full speed
    double headless = 0;     // events/s of a RunDriver alone
    double windowFps = 0;    // frames per second of the view meanwhile
    // Responsiveness meanwhile: the longest and the 99th-percentile wait of a 16 ms GUI timer (how
    // late a resize or a pause click would be handled).
    double loopLagMaxMs = 0, loopLagP99Ms = 0;
};

class UiBenchmark {
public:
    explicit UiBenchmark(MainWindow& window) : window_(window) {}

    // `charts` > 0: that many charts shown and fed a row per frame (see above).
    TokenLoadResult measureTokens(int inFlight, double seconds, int charts = 0);
    EngineRateResult measureEngine(double seconds);
    // Runs the loaded scenario from the start at full speed until `simHours` or its end (or
    // `maxWallSeconds`), reading the resident memory every simulated hour.
    MemoryResult measureMemory(double simHours, double maxWallSeconds);
    // Runs both on the loaded scenario and prints a table on stdout. Returns the exit code.
    int runAll(double seconds);
    // measureMemory(10 h) on the loaded scenario, printed. Returns the exit code.
    int runMemory();

private:
    MainWindow& window_;
};

} // namespace esui

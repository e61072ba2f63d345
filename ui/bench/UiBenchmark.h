#pragma once
// `eventscape --bench-ui`: how fast the window draws and how much it slows the engine.
//   1. Token load: with the run paused, synthetic snapshots (the same path real ones take: per-edge
//      counts and sampled hops into GraphView::updateFrom) keep N messages in flight on the graph's
//      edges, spread evenly; frames per second and paint times are measured for each N.
//   2. Engine: the scenario runs at full speed in the window, then headless (a RunDriver on this
//      thread, the window idle) for the same wall time; both in kernel events per wall second.
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

    TokenLoadResult measureTokens(int inFlight, double seconds);
    EngineRateResult measureEngine(double seconds);
    // Runs both on the loaded scenario and prints a table on stdout. Returns the exit code.
    int runAll(double seconds);

private:
    MainWindow& window_;
};

} // namespace esui

#include "bench/UiBenchmark.h"

#include "MainWindow.h"
#include "bench/ResidentMemory.h"
#include "charts/ChartStore.h"
#include "charts/ChartWidget.h"
#include "graph/GraphView.h"
#include "graph/TokenLayer.h"
#include "panels/ChartsPanel.h"
#include "run/RunDriver.h"
#include "sim/SimulationController.h"

#include <QAbstractScrollArea>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace esui {

namespace {

// Lets the event loop run (timers, paints) for `ms` of wall time.
void spin(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

double percentile(std::vector<double> v, double q)
{
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1))];
}

// Shows the first `n` charts of the dock (and only them); returns the ids shown before.
QStringList showCharts(ChartsPanel* panel, int n)
{
    QStringList before;
    for (ChartWidget* c : panel->charts())
        if (!c->isHidden()) before << c->figure().spec().id;
    int i = 0;
    for (ChartWidget* c : panel->charts()) panel->setChartShown(c->figure().spec().id, i++ < n);
    return before;
}

// Not scrolled out of the dock's view (QWidget::visibleRegion does not say so for a scroll area's
// contents).
bool inView(const QWidget* w)
{
    if (w->isHidden()) return false;
    for (const QWidget* p = w->parentWidget(); p; p = p->parentWidget())
        if (const auto* area = qobject_cast<const QAbstractScrollArea*>(p)) {
            const QRect port(area->viewport()->mapTo(w->window(), QPoint()), area->viewport()->size());
            return port.intersects(QRect(w->mapTo(w->window(), QPoint()), w->size()));
        }
    return true;
}

void restoreCharts(ChartsPanel* panel, const QStringList& shown)
{
    for (ChartWidget* c : panel->charts()) panel->setChartShown(c->figure().spec().id, shown.contains(c->figure().spec().id));
}

} // namespace

TokenLoadResult UiBenchmark::measureTokens(int inFlight, double seconds, int charts)
{
    SimulationController* c = window_.controller();
    GraphView* view = window_.graphView();
    TokenLayer* layer = view->tokenLayer();
    c->pause();
    spin(100);
    layer->clear();
    const ServiceGraph& g = c->graph();
    const int edges = static_cast<int>(g.edges.size());
    TokenLoadResult r;
    r.inFlight = inFlight;
    if (edges == 0) return r;

    // Each edge carries inFlight / edges at once: a rate of (inFlight / edges) / travel time.
    std::vector<double> perSecond(static_cast<std::size_t>(edges)), owed(static_cast<std::size_t>(edges), 0);
    for (int e = 0; e < edges; ++e) perSecond[static_cast<std::size_t>(e)] = inFlight / static_cast<double>(edges) / layer->travelSeconds(e);

    Snapshot s = c->latest();
    s.edges.assign(g.edges.size(), EdgeFlow{});
    s.state = RunState::Paused;
    std::uint64_t nextId = 1;

    // The charts' feed: one new row per frame of every series the dock has, around its last value.
    ChartsPanel* panel = window_.chartsPanel();
    QStringList shownBefore;
    if (charts > 0) shownBefore = showCharts(panel, charts);
    for (ChartWidget* w : panel->charts()) r.charts += !w->isHidden();
    Snapshot chartFrame = c->latest();
    chartFrame.state = RunState::Playing; // as in a run: the dock merges frames between redraws
    const ChartStore& store = panel->store();
    chartFrame.series.run = store.run();
    chartFrame.series.names = store.names();
    std::vector<double> base;
    for (const std::string& n : store.names()) {
        const SeriesBuffer* b = store.series(n);
        const double v = b && !b->empty() ? b->back().v : 0;
        base.push_back(std::isfinite(v) && v != 0 ? v : 1);
    }
    double rowTime = std::isfinite(store.lastTime()) ? store.lastTime() : 0;
    std::vector<double> follows;

    QElapsedTimer wall;
    wall.start();
    double lastTick = 0;
    QTimer feed;
    feed.setTimerType(Qt::PreciseTimer);
    feed.setInterval(16);
    QObject::connect(&feed, &QTimer::timeout, [&] {
        const double now = static_cast<double>(wall.nsecsElapsed()) / 1e9;
        const double dt = now - lastTick;
        lastTick = now;
        s.hops.clear();
        const double simFrom = s.simTime;
        s.simTime += dt;
        for (int e = 0; e < edges; ++e) {
            double& o = owed[static_cast<std::size_t>(e)];
            o += perSecond[static_cast<std::size_t>(e)] * dt;
            const auto n = static_cast<std::uint64_t>(o);
            o -= static_cast<double>(n);
            s.edges[static_cast<std::size_t>(e)].count[0] += n;
            for (std::uint64_t k = 0; k < n && s.hops.size() < 4096; ++k) {
                es::Hop h;
                h.at = es::fromSeconds(simFrom + dt * static_cast<double>(k) / static_cast<double>(n));
                h.from = static_cast<std::uint16_t>(g.edges[static_cast<std::size_t>(e)].from);
                h.to = static_cast<std::uint16_t>(g.edges[static_cast<std::size_t>(e)].to);
                h.envelope.eventId = nextId++;
                h.envelope.type = static_cast<std::uint16_t>(e % 3);
                h.kind = nextId % 50 == 0 ? es::HopKind::Redelivery : es::HopKind::Deliver;
                s.hops.push_back(h);
            }
        }
        view->updateFrom(s);
        if (charts <= 0) return;
        rowTime += 1;
        chartFrame.simTime = rowTime;
        chartFrame.series.times.assign(1, rowTime);
        chartFrame.series.values.resize(base.size());
        for (std::size_t k = 0; k < base.size(); ++k)
            chartFrame.series.values[k] = base[k] * (1 + 0.3 * std::sin(rowTime * 0.05 + static_cast<double>(k)));
        QElapsedTimer f;
        f.start();
        panel->follow(chartFrame);
        follows.push_back(static_cast<double>(f.nsecsElapsed()) / 1e6);
    });
    feed.start();
    spin(1500); // the rates settle and the edges reach their steady load

    std::vector<double> paints;
    std::uint64_t lastFrame = view->framesPainted();
    const std::uint64_t frames0 = lastFrame;
    const std::uint64_t redraws0 = panel->redraws();
    QElapsedTimer measured;
    measured.start();
    QTimer sample;
    sample.setInterval(4);
    QObject::connect(&sample, &QTimer::timeout, [&] {
        if (view->framesPainted() != lastFrame) {
            lastFrame = view->framesPainted();
            paints.push_back(view->lastPaintMs());
        }
    });
    sample.start();
    follows.clear(); // the settling second's rows are not measured
    spin(static_cast<int>(seconds * 1000));
    sample.stop();
    feed.stop();
    for (ChartWidget* w : panel->charts()) r.chartsInView += inView(w);
    r.chartsMedianMs = percentile(follows, 0.5);
    r.chartsP95Ms = percentile(follows, 0.95);
    if (charts > 0) restoreCharts(panel, shownBefore);
    const double secs = static_cast<double>(measured.nsecsElapsed()) / 1e9;
    r.fps = static_cast<double>(view->framesPainted() - frames0) / secs;
    r.chartRedrawsPerSecond = static_cast<double>(panel->redraws() - redraws0) / secs;
    r.paintMedianMs = percentile(paints, 0.5);
    r.paintP95Ms = percentile(paints, 0.95);
    r.tokensDrawn = layer->liveTokens();
    r.bands = layer->bandCount();
    layer->clear();
    return r;
}

EngineRateResult UiBenchmark::measureEngine(double seconds)
{
    SimulationController* c = window_.controller();
    GraphView* view = window_.graphView();
    EngineRateResult r;
    c->setSpeed(0);
    c->restart();
    c->play();
    spin(1000);
    const std::uint64_t e0 = c->latest().eventsProcessed;
    const std::uint64_t f0 = view->framesPainted();
    QElapsedTimer t;
    t.start();
    std::vector<double> lags;
    QElapsedTimer since;
    since.start();
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(16);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        lags.push_back(std::max(0.0, static_cast<double>(since.nsecsElapsed()) / 1e6 - 16.0));
        since.restart();
    });
    probe.start();
    spin(static_cast<int>(seconds * 1000));
    probe.stop();
    r.loopLagMaxMs = lags.empty() ? 0 : *std::max_element(lags.begin(), lags.end());
    r.loopLagP99Ms = percentile(lags, 0.99);
    const double secs = static_cast<double>(t.nsecsElapsed()) / 1e9;
    r.windowed = static_cast<double>(c->latest().eventsProcessed - e0) / secs;
    r.windowFps = static_cast<double>(view->framesPainted() - f0) / secs;
    c->pause();
    spin(200);

    // Headless: the same scenario from the start, as the CLI would run it, for the same wall time.
    es::RunDriver driver(c->scenario());
    es::Simulation& sim = driver.world().sim();
    QElapsedTimer h;
    h.start();
    const std::uint64_t warm = 2'000'000; // skip the first events, as the windowed run skipped a second
    sim.runUntil(driver.endTime(), nullptr, warm);
    const std::uint64_t h0 = sim.eventsProcessed();
    h.restart();
    while (static_cast<double>(h.nsecsElapsed()) / 1e9 < seconds)
        if (sim.runUntil(driver.endTime(), nullptr, 65536)) break;
    r.headless = static_cast<double>(sim.eventsProcessed() - h0) / (static_cast<double>(h.nsecsElapsed()) / 1e9);
    return r;
}

MemoryResult UiBenchmark::measureMemory(double simHours, double maxWallSeconds)
{
    SimulationController* c = window_.controller();
    MemoryResult r;
    c->setSpeed(0);
    c->restart();
    spin(200);
    if (const auto mb = residentMegabytes()) r.samples.push_back({0, *mb});
    c->play();
    QElapsedTimer wall;
    wall.start();
    double nextHour = 1;
    while (static_cast<double>(wall.nsecsElapsed()) / 1e9 < maxWallSeconds) {
        spin(100);
        const Snapshot& s = c->latest();
        const double hours = s.simTime / 3600;
        r.reachedHours = hours;
        if (hours >= nextHour) {
            if (const auto mb = residentMegabytes()) r.samples.push_back({hours, *mb});
            std::printf("  %6.2f simulated h: %8.1f MiB resident (%.0f s wall)\n", hours, r.samples.back().residentMb,
                        static_cast<double>(wall.nsecsElapsed()) / 1e9);
            std::fflush(stdout);
            while (nextHour <= hours) nextHour += 1;
        }
        if (hours >= simHours || s.state == RunState::Finished) break;
    }
    r.wallSeconds = static_cast<double>(wall.nsecsElapsed()) / 1e9;
    c->pause();
    return r;
}

int UiBenchmark::runMemory()
{
    std::printf("eventscape --bench-memory: %s at full speed, resident memory every simulated hour\n",
                qPrintable(window_.controller()->path()));
    std::fflush(stdout);
    const MemoryResult m = measureMemory(10, 1800);
    if (m.samples.empty()) {
        std::printf("resident memory unknown on this system\n");
        return 0;
    }
    std::printf("start %.1f MiB, after %.2f simulated h %.1f MiB (%.0f s wall)", m.samples.front().residentMb, m.reachedHours,
                m.samples.back().residentMb, m.wallSeconds);
    if (m.samples.size() > 2) // after the first hour the buffers are full: what grows after it would grow forever
        std::printf("; from hour %.0f on: %+.1f MiB", m.samples[1].simHours, m.samples.back().residentMb - m.samples[1].residentMb);
    std::printf("\n");
    return 0;
}

int UiBenchmark::runAll(double seconds)
{
    // A known size, so runs on different screens compare (the dock shares the width with the graph).
    window_.resize(1600, 1000);
    // A second of the run first, so the charts dock has the scenario's series and charts.
    SimulationController* c = window_.controller();
    c->setSpeed(0);
    c->play();
    spin(1000);
    c->pause();
    spin(200);
    std::printf("eventscape --bench-ui: %s, view %dx%d, %.1f s per measurement\n", qPrintable(window_.controller()->path()),
                window_.graphView()->viewport()->width(), window_.graphView()->viewport()->height(), seconds);
    std::printf("%10s %8s %12s %10s %8s %6s\n", "in flight", "fps", "paint p50", "paint p95", "tokens", "bands");
    for (int n : {200, 2000, 20000}) {
        const TokenLoadResult t = measureTokens(n, seconds);
        std::printf("%10d %8.1f %9.2f ms %7.2f ms %8d %6d\n", t.inFlight, t.fps, t.paintMedianMs, t.paintP95Ms, t.tokensDrawn, t.bands);
        std::fflush(stdout);
    }
    const TokenLoadResult t = measureTokens(2000, seconds, 6);
    std::printf("%10d %8.1f %9.2f ms %7.2f ms %8d %6d   with %d charts shown (%d in view), a row each per frame: "
                "dock %.2f ms p50, %.2f ms p95 per frame, charts redrawn %.1f times/s\n",
                t.inFlight, t.fps, t.paintMedianMs, t.paintP95Ms, t.tokensDrawn, t.bands, t.charts, t.chartsInView, t.chartsMedianMs,
                t.chartsP95Ms, t.chartRedrawsPerSecond);
    std::fflush(stdout);
    const QStringList shownBefore = showCharts(window_.chartsPanel(), 6); // the engine measured with six charts live
    const EngineRateResult e = measureEngine(seconds);
    restoreCharts(window_.chartsPanel(), shownBefore);
    std::printf("engine at full speed, six charts shown: window %.2f M events/s (view %.1f fps), headless %.2f M events/s, ratio %.0f%%\n",
                e.windowed / 1e6, e.windowFps, e.headless / 1e6, e.headless > 0 ? 100.0 * e.windowed / e.headless : 0.0);
    std::printf("GUI loop meanwhile: a 16 ms timer fired late by %.1f ms at the 99th percentile, %.1f ms at most\n",
                e.loopLagP99Ms, e.loopLagMaxMs);
    return 0;
}

} // namespace esui

#include "bench/UiBenchmark.h"

#include "MainWindow.h"
#include "graph/GraphView.h"
#include "graph/TokenLayer.h"
#include "run/RunDriver.h"
#include "sim/SimulationController.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <algorithm>
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

} // namespace

TokenLoadResult UiBenchmark::measureTokens(int inFlight, double seconds)
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
    });
    feed.start();
    spin(1500); // the rates settle and the edges reach their steady load

    std::vector<double> paints;
    std::uint64_t lastFrame = view->framesPainted();
    const std::uint64_t frames0 = lastFrame;
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
    spin(static_cast<int>(seconds * 1000));
    sample.stop();
    feed.stop();
    const double secs = static_cast<double>(measured.nsecsElapsed()) / 1e9;
    r.fps = static_cast<double>(view->framesPainted() - frames0) / secs;
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

int UiBenchmark::runAll(double seconds)
{
    std::printf("eventscape --bench-ui: %s, view %dx%d, %.1f s per measurement\n", qPrintable(window_.controller()->path()),
                window_.graphView()->viewport()->width(), window_.graphView()->viewport()->height(), seconds);
    std::printf("%10s %8s %12s %10s %8s %6s\n", "in flight", "fps", "paint p50", "paint p95", "tokens", "bands");
    for (int n : {200, 2000, 20000}) {
        const TokenLoadResult t = measureTokens(n, seconds);
        std::printf("%10d %8.1f %9.2f ms %7.2f ms %8d %6d\n", t.inFlight, t.fps, t.paintMedianMs, t.paintP95Ms, t.tokensDrawn, t.bands);
        std::fflush(stdout);
    }
    const EngineRateResult e = measureEngine(seconds);
    std::printf("engine at full speed: window %.2f M events/s (view %.1f fps), headless %.2f M events/s, ratio %.0f%%\n",
                e.windowed / 1e6, e.windowFps, e.headless / 1e6, e.headless > 0 ? 100.0 * e.windowed / e.headless : 0.0);
    std::printf("GUI loop meanwhile: a 16 ms timer fired late by %.1f ms at the 99th percentile, %.1f ms at most\n",
                e.loopLagP99Ms, e.loopLagMaxMs);
    return 0;
}

} // namespace esui

// Numbers at the edges of the clock's range and a digest that sees outcomes (issue 17's defects):
// - time sums saturate at kNever instead of wrapping, and an event at kNever is never run;
// - a service time drawn beyond the run simply does not finish inside it (no "latency 0" effects);
// - two runs whose outcomes differ (failed instead of applied, one flipped decision) never share a
//   trace digest, though their kernel events may be identical.
#include "kernel/Simulation.h"
#include "kernel/TraceDigest.h"
#include "random/Distribution.h"
#include "run/RunDriver.h"
#include "scenario/ScenarioLoader.h"

#include "SummaryLookup.h"

#include <QtTest>

#include <limits>
#include <string>

using namespace es;
using testsupport::findGroup;

namespace {

class Counter final : public Component {
public:
    explicit Counter(Simulation& sim) : Component(sim, "counter") {}
    void handle(const Event&) override { ++fired; }
    int fired = 0;
};

RunSummary runText(const std::string& yaml, const std::vector<Override>& overrides = {})
{
    const Scenario s = loadScenarioText(yaml, "case.yaml", overrides);
    RunDriver d(s);
    return d.run();
}

// One consumer whose service time is (mostly) far beyond the run.
const char* kWrap = R"(scenario: wrap
duration: 10s
services:
  p: { produces: E, to: q, rate: 50/s }
  c: { consumes: q, concurrency: 1000, service_time: { exponential: { mean: 30000d } } }
brokers:
  q: { kind: queue, visibility_timeout: 1d }
)";

// Issue 17's M/D/1 check: errors change what happens but not which kernel events run.
const char* kMd1 = R"(scenario: md1-check
seed: 11
duration: 400s
services:
  src: { produces: Job, to: jobs, rate: 8.43/s }
  srv: { consumes: jobs, concurrency: 1, service_time: 83ms }
brokers:
  jobs: { kind: queue, visibility_timeout: 1d }
)";

} // namespace

class TestClockEdges : public QObject {
    Q_OBJECT
private slots:
    void addTimeSaturates();
    void scaleTimeSaturates();
    void fromSecondsEdges();
    void eventAtNeverIsNotRun();
    void heavyTailDrawsAreNeverNegative();
    void drawBeyondTheRunNeverFinishes();
    void paretoTailHasNoInstantCompletions();
    void digestSeesOutcomes();
    void oneFlippedOutcomeChangesTheDigest();
};

void TestClockEdges::addTimeSaturates()
{
    QCOMPARE(addTime(5, 7), SimTime{12});
    QCOMPARE(addTime(5, 0), SimTime{5});
    QCOMPARE(addTime(5, -3), SimTime{5}); // a negative duration is 0, never a step back in time
    QCOMPARE(addTime(kNever - 10, 9), kNever - 1);
    QCOMPARE(addTime(kNever - 10, 10), kNever);
    QCOMPARE(addTime(kNever - 10, 11), kNever);
    QCOMPARE(addTime(kNever, 1), kNever);
    QCOMPARE(addTime(1, kNever), kNever);
    QCOMPARE(addTime(kNever / 2 + 1, kNever / 2 + 1), kNever);
    QCOMPARE(addTime(100 * kSecond, kNever), kNever);
}

void TestClockEdges::scaleTimeSaturates()
{
    QCOMPARE(scaleTime(10, 3.0), SimTime{30});
    QCOMPARE(scaleTime(10, 0.25), SimTime{3}); // 2.5 rounds half up
    QCOMPARE(scaleTime(10, 0.0), SimTime{0});
    QCOMPARE(scaleTime(kNever / 2, 3.0), kNever);
    QCOMPARE(scaleTime(kNever, 1.5), kNever);
    QCOMPARE(scaleTime(1, std::numeric_limits<double>::infinity()), kNever);
    QCOMPARE(scaleTime(1, std::numeric_limits<double>::quiet_NaN()), SimTime{0});
}

void TestClockEdges::fromSecondsEdges()
{
    QCOMPARE(fromSeconds(0), SimTime{0});
    QCOMPARE(fromSeconds(1e-9), SimTime{1});
    QCOMPARE(fromSeconds(9.19e9), SimTime(9.19e18));
    QCOMPARE(fromSeconds(9.2e9), kNever);
    QCOMPARE(fromSeconds(1e300), kNever);
    QCOMPARE(fromSeconds(std::numeric_limits<double>::infinity()), kNever);
}

void TestClockEdges::eventAtNeverIsNotRun()
{
    Simulation sim;
    Counter c(sim);
    sim.schedule(kSecond, c, 0);
    QVERIFY(sim.runUntil(2 * kSecond));
    // From t = 2 s a delay of nearly the whole range saturates; before the fix it wrapped to a
    // negative time, was clamped to "now" and ran at once.
    const EventHandle h = sim.scheduleIn(kNever - kSecond, c, 0);
    QVERIFY(h.isNull());
    QVERIFY(!sim.isPending(h));
    QVERIFY(!sim.cancel(h));
    QCOMPARE(sim.pendingEvents(), std::size_t{0});
    sim.scheduleIn(kNever, c, 0);
    sim.schedule(kNever, c, 0);
    QCOMPARE(sim.pendingEvents(), std::size_t{0});
    QVERIFY(sim.runUntil(kNever - 1));
    QCOMPARE(c.fired, 1);
    // The largest finite delay still runs, at the right time.
    Simulation sim2;
    Counter c2(sim2);
    sim2.scheduleIn(kNever - 1, c2, 0);
    QCOMPARE(sim2.nextEventTime(), kNever - 1);
}

void TestClockEdges::heavyTailDrawsAreNeverNegative()
{
    const Distribution pareto = Distribution::pareto(0.005, 0.05);
    const Distribution expo = Distribution::exponential(30000.0 * 86400.0);
    RandomStream rng(7, 1);
    int beyond = 0;
    for (int i = 0; i < 20000; ++i) {
        const SimTime t = pareto.sampleTime(rng);
        QVERIFY2(t >= fromSeconds(0.005), "a Pareto draw below its scale");
        if (t == kNever) ++beyond;
        QVERIFY(expo.sampleTime(rng) >= 0);
    }
    // P(X > 9.2e9 s) = (0.005 / 9.2e9)^0.05 ≈ 0.24: about a quarter saturate, as the issue measured.
    QVERIFY2(beyond > 4000 && beyond < 5600, qPrintable(QString::number(beyond)));
}

void TestClockEdges::drawBeyondTheRunNeverFinishes()
{
    const RunSummary s = runText(kWrap);
    const GroupSummary* g = findGroup(s, "c");
    QVERIFY(g);
    QVERIFY(s.conservationOk);
    QVERIFY(g->events > 400);
    // A mean of 30,000 days: the chance that any of ~500 draws ends inside 10 s is about 2e-9.
    QCOMPARE(g->effects, std::uint64_t{0});
    QCOMPARE(g->inFlight, g->events);
    QCOMPARE(g->latency.count, std::uint64_t{0});
}

void TestClockEdges::paretoTailHasNoInstantCompletions()
{
    std::string yaml = kWrap;
    yaml.replace(yaml.find("{ exponential: { mean: 30000d } }"), 33, "{ pareto: { scale: 5ms, shape: 0.05 } }");
    const RunSummary s = runText(yaml);
    const GroupSummary* g = findGroup(s, "c");
    QVERIFY(g);
    QVERIFY(g->effects > 0);
    QVERIFY(g->inFlight > 0);
    // Every draw is at least the 5 ms scale, so every latency is; before the fix about a quarter of
    // all draws wrapped to "finished at once" and the median completion was 0.
    QVERIFY2(g->latency.p50 >= 0.005, qPrintable(QString::number(g->latency.p50)));
    QVERIFY(g->latency.mean >= 0.005);
}

void TestClockEdges::digestSeesOutcomes()
{
    const RunSummary ok = runText(kMd1, {{"services.srv.errors", "0"}});
    const RunSummary some = runText(kMd1, {{"services.srv.errors", "0.37"}});
    const RunSummary most = runText(kMd1, {{"services.srv.errors", "0.9"}});
    QVERIFY(findGroup(ok, "srv")->effects > findGroup(some, "srv")->effects);
    QVERIFY(findGroup(some, "srv")->effects > findGroup(most, "srv")->effects);
    // Same arrivals and service times, so the same kernel events; only the outcomes differ.
    QCOMPARE(ok.eventsProcessed, some.eventsProcessed);
    QVERIFY(ok.traceDigest != some.traceDigest);
    QVERIFY(some.traceDigest != most.traceDigest);
    QVERIFY(ok.traceDigest != most.traceDigest);
    // And the digest is still a function of the run.
    QCOMPARE(runText(kMd1, {{"services.srv.errors", "0.37"}}).traceDigest, some.traceDigest);
}

void TestClockEdges::oneFlippedOutcomeChangesTheDigest()
{
    // The same events; one outcome differs in kind, in its event, or in its argument.
    auto digestOf = [](std::uint32_t code, std::uint64_t a, std::uint64_t b) {
        TraceDigest d;
        for (int i = 0; i < 1000; ++i) {
            d.add(Event{i * kMillisecond, 3, 1, std::uint64_t(i), 0});
            if (i == 500) d.addOutcome(code, a, b);
            else d.addOutcome(1, std::uint64_t(i), 0);
        }
        return d.value();
    };
    const std::uint64_t base = digestOf(1, 500, 0);
    QCOMPARE(digestOf(1, 500, 0), base);
    QVERIFY(digestOf(7, 500, 0) != base); // failed instead of applied
    QVERIFY(digestOf(1, 501, 0) != base); // another event
    QVERIFY(digestOf(1, 500, 1) != base); // another sink
    TraceDigest eventsOnly;
    for (int i = 0; i < 1000; ++i) eventsOnly.add(Event{i * kMillisecond, 3, 1, std::uint64_t(i), 0});
    QVERIFY(eventsOnly.value() != base);
}

QTEST_APPLESS_MAIN(TestClockEdges)
#include "tst_clock_edges.moc"

// End-to-end latency per flow (issue 17): a root event's creation to the last effect it caused,
// through every emitted follow-up. Checked against queueing theory on a tandem of three M/M/1
// stations (Burke's theorem: each station sees Poisson arrivals at rate λ, so the mean time through
// the tandem is the sum of 1/(μi − λ)), and on flows whose shape is known exactly.
#include "model/MetricsSampler.h"
#include "model/World.h"
#include "run/RunDriver.h"
#include "scenario/ScenarioLoader.h"

#include "SummaryLookup.h"

#include <QtTest>

#include <cmath>

using namespace es;
using testsupport::findGroup;
using testsupport::findProducer;

namespace {

RunSummary runText(const std::string& yaml)
{
    const Scenario s = loadScenarioText(yaml, "case.yaml");
    RunDriver d(s);
    return d.run();
}

} // namespace

class TestEndToEnd : public QObject {
    Q_OBJECT
private slots:
    void tandemOfThreeMM1();
    void fanOutWaitsForTheSlowestBranch();
    void flowsWithoutEffectAndInFlight();
    void sampledSeries();
};

void TestEndToEnd::sampledSeries()
{
    // The per-window series of a constant flow shows its constant end-to-end time in every window.
    const Scenario sc = loadScenarioText(R"(scenario: chain
duration: 30s
services:
  src: { produces: A, to: q1, rate: 4/s, arrivals: constant }
  a: { consumes: q1, service_time: 30ms, emits: { type: B, to: q2 } }
  b: { consumes: q2, service_time: 20ms }
brokers:
  q1: { kind: queue }
  q2: { kind: queue }
)", "chain.yaml");
    RunDriver d(sc);
    const RunSummary s = d.run();
    QVERIFY(std::fabs(findProducer(s, "src")->endToEnd.mean - 0.05) < 1e-6);
    const TimeSeriesSet& ts = d.world().sampler().series();
    std::size_t col = SIZE_MAX;
    for (std::size_t c = 0; c < ts.seriesCount(); ++c)
        if (ts.name(c) == "src.end_to_end_mean_s") col = c;
    QVERIFY(col != SIZE_MAX);
    QVERIFY(ts.rowCount() >= 29);
    for (std::size_t r = 1; r < ts.rowCount(); ++r)
        QVERIFY2(std::fabs(ts.valueAt(r, col) - 0.05) < 1e-6, qPrintable(QString::number(ts.valueAt(r, col))));
    // The window's percentiles of a constant 50 ms are 50 ms (within the histogram's 0.8% bucket).
    for (const char* q : {"src.end_to_end_p50_s", "src.end_to_end_p95_s", "src.end_to_end_p99_s"}) {
        std::size_t pc = SIZE_MAX;
        for (std::size_t c = 0; c < ts.seriesCount(); ++c)
            if (ts.name(c) == q) pc = c;
        QVERIFY2(pc != SIZE_MAX, q);
        for (std::size_t r = 1; r < ts.rowCount(); ++r)
            QVERIFY2(std::fabs(ts.valueAt(r, pc) - 0.05) < 0.05 * 0.008, qPrintable(QString::number(ts.valueAt(r, pc))));
    }
}

void TestEndToEnd::tandemOfThreeMM1()
{
    // λ = 5/s; μ = 10, 12.5, 8 /s: W = 1/5 + 1/7.5 + 1/3 = 0.6667 s.
    const RunSummary s = runText(R"(scenario: tandem
seed: 5
duration: 40000s
services:
  src: { produces: A, to: q1, rate: 5/s }
  s1: { consumes: q1, service_time: { exponential: { mean: 100ms } }, emits: { type: B, to: q2 } }
  s2: { consumes: q2, service_time: { exponential: { mean: 80ms } }, emits: { type: C, to: q3 } }
  s3: { consumes: q3, service_time: { exponential: { mean: 125ms } } }
brokers:
  q1: { kind: queue, visibility_timeout: 1d }
  q2: { kind: queue, visibility_timeout: 1d }
  q3: { kind: queue, visibility_timeout: 1d }
)");
    QVERIFY(s.conservationOk);
    const ProducerSummary* p = findProducer(s, "src");
    QVERIFY(p);
    const double theory = 1 / (10.0 - 5) + 1 / (12.5 - 5) + 1 / (8.0 - 5);
    // 200,000 flows; the run's mean has a relative standard error near 1% (sojourn times are
    // autocorrelated at these loads), so 3% is a 3-sigma bound.
    const double rel = std::fabs(p->endToEnd.mean - theory) / theory;
    QVERIFY2(rel < 0.03, qPrintable(QStringLiteral("end to end %1 s, theory %2 s (%3%)").arg(p->endToEnd.mean).arg(theory).arg(rel * 100)));
    QVERIFY(p->flowsCompleted > 190000);
    QCOMPARE(p->endToEnd.count, p->flowsCompleted);
    // A follow-up's own latency starts at its creation: each station's group latency is one station's
    // time, and the end-to-end time is their sum, not any one of them.
    const double s3 = findGroup(s, "s3")->latency.mean;
    QVERIFY(std::fabs(s3 - 1 / (8.0 - 5)) / (1 / 3.0) < 0.05);
    QVERIFY(p->endToEnd.mean > s3 * 1.8);
    QVERIFY(p->endToEnd.p99 > p->endToEnd.p50);
}

void TestEndToEnd::fanOutWaitsForTheSlowestBranch()
{
    // One root fans out to two consumers through a topic: 10 ms and 200 ms, constant, never queued
    // (concurrency covers the load). The flow ends at the slower branch's effect: exactly 200 ms.
    const RunSummary s = runText(R"(scenario: fan
duration: 100s
services:
  src: { produces: A, to: t, rate: 2/s, arrivals: constant }
  fast: { consumes: t, concurrency: 8, service_time: 10ms }
  slow: { consumes: t, concurrency: 8, service_time: 200ms }
brokers:
  t: { kind: topic }
)");
    const ProducerSummary* p = findProducer(s, "src");
    QVERIFY(p && p->flowsCompleted >= 198);
    QVERIFY2(std::fabs(p->endToEnd.mean - 0.2) < 0.002, qPrintable(QString::number(p->endToEnd.mean)));
    QVERIFY(std::fabs(p->endToEnd.max - 0.2) < 0.002);
}

void TestEndToEnd::flowsWithoutEffectAndInFlight()
{
    // Every attempt fails and nothing retries: each flow ends dead-lettered, with no effect and no
    // end-to-end time; a consumer that never finishes inside the run leaves its flows in flight.
    const RunSummary dead = runText(R"(scenario: dead
duration: 20s
services:
  src: { produces: A, to: q, rate: 10/s, arrivals: constant }
  w: { consumes: q, service_time: 1ms, errors: 100% }
brokers:
  q: { kind: queue, visibility_timeout: 1s, max_receives: 1 }
)");
    const ProducerSummary* p = findProducer(dead, "src");
    QVERIFY(p);
    QCOMPARE(p->endToEnd.count, std::uint64_t{0});
    QVERIFY(p->flowsNoEffect > 150);
    QCOMPARE(p->flowsCompleted, std::uint64_t{0});
    const RunSummary stuck = runText(R"(scenario: stuck
duration: 20s
services:
  src: { produces: A, to: q, rate: 10/s, arrivals: constant }
  w: { consumes: q, concurrency: 1000, service_time: 1h }
brokers:
  q: { kind: queue, visibility_timeout: 2h }
)");
    const ProducerSummary* ps = findProducer(stuck, "src");
    QVERIFY(ps);
    QCOMPARE(ps->flowsInFlight, ps->created);
    QCOMPARE(ps->flowsCompleted, std::uint64_t{0});
}

QTEST_APPLESS_MAIN(TestEndToEnd)
#include "tst_end_to_end.moc"

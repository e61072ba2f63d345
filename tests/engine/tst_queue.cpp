// Tests for the queue broker (SQS semantics) through whole runs: visibility-timeout redelivery,
// redrive to the dead-letter queue after max_receives, redrive statistics against theory,
// at-most-once vs at-least-once under a consumer crash, and idempotent consumers. Every run also
// checks the event store's conservation report.
#include "model/brokers/QueueBroker.h"
#include "model/World.h"
#include "run/RunDriver.h"
#include "run/RunSummary.h"
#include "scenario/ScenarioLoader.h"

#include "SummaryLookup.h"

#include <QtTest>

#include <cmath>
#include <string>

namespace {

using testsupport::findGroup;
using testsupport::findBroker;
using testsupport::violations;

es::RunSummary runText(const std::string& yaml)
{
    const es::Scenario sc = es::loadScenarioText(yaml, "test.yaml");
    es::RunDriver d(sc);
    return d.run();
}

#define CHECK_CONSERVATION(s) QVERIFY2((s).conservationOk, qPrintable(violations(s)))

// 20 jobs, one every 100 ms, a constant 1.5 s of service and many workers, so a redelivered
// message always finds an idle worker. `%VIS%` and `%IDEM%` are filled in per test.
const char* kRedeliveryYaml = R"(
scenario: visibility
seed: 7
duration: 12s
services:
  src: {produces: Job, to: jobs, rate: 10/s, arrivals: constant, limit: 20}
  worker:
    consumes: jobs
    concurrency: 50
    service_time: 1500ms
    idempotent: %IDEM%
brokers:
  jobs: {kind: queue, visibility_timeout: %VIS%}
)";

std::string redeliveryYaml(const char* visibility, bool idempotent)
{
    std::string y = kRedeliveryYaml;
    y.replace(y.find("%VIS%"), 5, visibility);
    y.replace(y.find("%IDEM%"), 6, idempotent ? "true" : "false");
    return y;
}

} // namespace

class TestQueue : public QObject {
    Q_OBJECT

private slots:
    void visibilityTimeoutRedelivers();
    void noRedeliveryWhenVisibilityCoversService();
    void deadLettersAfterMaxReceives();
    void redriveStatisticsMatchTheory();
    void atMostOnceLosesInProgressOnCrash();
    void atLeastOnceRedeliversAfterCrash();
    void idempotencyRemovesDuplicateEffects();
};

void TestQueue::visibilityTimeoutRedelivers()
{
    // Service 1.5 s > visibility 1 s: every message becomes visible again while its first worker is
    // still busy, another worker takes it, and both apply the effect.
    const es::RunSummary s = runText(redeliveryYaml("1s", false));
    CHECK_CONSERVATION(s);
    const es::GroupSummary* g = findGroup(s, "worker");
    const es::BrokerSummary* b = findBroker(s, "jobs");
    QVERIFY(g && b);
    QCOMPARE(g->events, std::uint64_t{20});
    QCOMPARE(g->effects, std::uint64_t{20});
    QVERIFY2(b->redeliveries > 0, qPrintable(QString::number(b->redeliveries)));
    QVERIFY2(g->duplicateEffects > 0, qPrintable(QString::number(g->duplicateEffects)));
    QCOMPARE(g->effectApplications, g->effects + g->duplicateEffects);
    QCOMPARE(g->deduplicated, std::uint64_t{0});
    // A delete with the receipt of an earlier receive is stale: no message is ever deleted here (the
    // newest receive always started 1 s ago and needs 0.5 s more), so the queue still holds all 20.
    // For the group they are applied (a fate), not in flight.
    QCOMPARE(b->visible + b->inFlight, std::uint64_t{20});
    QCOMPARE(g->inFlight, std::uint64_t{0});
}

void TestQueue::noRedeliveryWhenVisibilityCoversService()
{
    const es::RunSummary s = runText(redeliveryYaml("5s", false));
    CHECK_CONSERVATION(s);
    const es::GroupSummary* g = findGroup(s, "worker");
    const es::BrokerSummary* b = findBroker(s, "jobs");
    QVERIFY(g && b);
    QCOMPARE(g->events, std::uint64_t{20});
    QCOMPARE(g->effects, std::uint64_t{20});
    QCOMPARE(b->redeliveries, std::uint64_t{0});
    QCOMPARE(g->duplicateEffects, std::uint64_t{0});
    QCOMPARE(g->inFlight, std::uint64_t{0});
    QCOMPARE(b->visible + b->inFlight, std::uint64_t{0});
}

void TestQueue::deadLettersAfterMaxReceives()
{
    // Every attempt fails and the consumer does not retry, so each receive ends with the message left
    // to its visibility timeout; the receive that would be the 4th moves it to the DLQ.
    const es::RunSummary s = runText(R"(
scenario: dlq
seed: 3
duration: 30s
services:
  src: {produces: Job, to: jobs, rate: 20/s, arrivals: constant, limit: 100}
  worker: {consumes: jobs, concurrency: 4, service_time: 10ms, errors: 100%}
brokers:
  jobs: {kind: queue, visibility_timeout: 100ms, max_receives: 3}
)");
    CHECK_CONSERVATION(s);
    const es::GroupSummary* g = findGroup(s, "worker");
    const es::BrokerSummary* b = findBroker(s, "jobs");
    QVERIFY(g && b);
    QCOMPARE(g->events, std::uint64_t{100});
    QCOMPARE(g->deadLettered, g->events);
    QCOMPARE(b->deadLettered, g->events);
    QCOMPARE(g->effects, std::uint64_t{0});
    QCOMPARE(g->effectApplications, std::uint64_t{0});
    QCOMPARE(g->dropped, std::uint64_t{0});
    QCOMPARE(g->inFlight, std::uint64_t{0});
    QCOMPARE(g->attempts, 3 * g->events);       // retries 0: one attempt per receive
    QCOMPARE(g->failedAttempts, g->attempts);
    QCOMPARE(b->redeliveries, 2 * g->events);   // receives 2 and 3 of each message
}

void TestQueue::redriveStatisticsMatchTheory()
{
    // Each receive fails with p = 0.5 independently; redrive after N = 3 receives. The number of
    // receives K of a message is 1, 2 or 3 with probabilities 1/2, 1/4, 1/4, so
    //   P(dead-lettered) = p^N = 0.125,      sd of the indicator = sqrt(0.125 * 0.875) = 0.3307
    //   E[K] = (1 - p^N) / (1 - p) = 1.75,   Var K = 3.75 - 1.75^2 = 0.6875, sd = 0.8292
    // With n = 20,000 messages the standard errors are 0.3307/sqrt(n) = 0.00234 and
    // 0.8292/sqrt(n) = 0.00586; the tolerance is 4 standard errors: +-0.0094 and +-0.0235.
    const es::RunSummary s = runText(R"(
scenario: redrive
seed: 11
duration: 15s
services:
  src: {produces: Job, to: jobs, rate: 2000/s, arrivals: constant, limit: 20000}
  worker: {consumes: jobs, concurrency: 8, service_time: 1ms, errors: 50%}
brokers:
  jobs: {kind: queue, visibility_timeout: 100ms, max_receives: 3}
)");
    CHECK_CONSERVATION(s);
    const es::GroupSummary* g = findGroup(s, "worker");
    QVERIFY(g);
    const double n = 20000;
    QCOMPARE(g->events, std::uint64_t{20000});
    QCOMPARE(g->inFlight, std::uint64_t{0});
    QCOMPARE(g->effects + g->deadLettered, g->events);
    QCOMPARE(g->duplicateEffects, std::uint64_t{0});

    const double p = 0.5;
    const int N = 3;
    const double deadShare = static_cast<double>(g->deadLettered) / n;
    const double expectDead = std::pow(p, N);
    const double seDead = std::sqrt(expectDead * (1 - expectDead) / n);
    QVERIFY2(std::abs(deadShare - expectDead) <= 4 * seDead,
             qPrintable(QStringLiteral("dead-lettered share %1, theory %2 +- %3").arg(deadShare).arg(expectDead).arg(4 * seDead)));

    const double meanReceives = static_cast<double>(g->attempts) / n; // retries 0: attempts == receives
    const double expectReceives = (1 - std::pow(p, N)) / (1 - p);
    const double varK = 1 * 0.5 + 4 * 0.25 + 9 * 0.25 - expectReceives * expectReceives;
    const double seReceives = std::sqrt(varK / n);
    QVERIFY2(std::abs(meanReceives - expectReceives) <= 4 * seReceives,
             qPrintable(QStringLiteral("mean receives %1, theory %2 +- %3").arg(meanReceives).arg(expectReceives).arg(4 * seReceives)));
}

namespace {
// 20 jobs/s for 20 s, 150 ms of service on 4 workers (about 3 busy at any time); the whole service
// crashes at 5 s and comes back at 10 s; the run goes on to 40 s so everything can finish.
std::string crashYaml(const char* delivery)
{
    std::string y = R"(
scenario: crash
seed: 5
duration: 40s
services:
  src: {produces: Job, to: jobs, rate: 20/s, arrivals: constant, stop: 20s}
  worker: {consumes: jobs, concurrency: 4, service_time: 150ms, delivery: %D%}
brokers:
  jobs: {kind: queue, visibility_timeout: 2s}
failures:
  - {at: 5s, for: 5s, target: worker, crash: true}
)";
    y.replace(y.find("%D%"), 3, delivery);
    return y;
}
} // namespace

void TestQueue::atMostOnceLosesInProgressOnCrash()
{
    const es::RunSummary s = runText(crashYaml("at-most-once"));
    CHECK_CONSERVATION(s);
    const es::GroupSummary* g = findGroup(s, "worker");
    QVERIFY(g);
    QVERIFY(g->events >= 390 && g->events <= 400);
    // The messages being processed at the crash were deleted on receipt: lost. At most one per worker.
    QVERIFY2(g->dropped > 0, qPrintable(QString::number(g->dropped)));
    QVERIFY2(g->dropped <= 4, qPrintable(QString::number(g->dropped)));
    QCOMPARE(g->effects + g->dropped + g->inFlight, g->events);
    // Messages that arrived while the service was down waited in the queue and were processed later.
    QCOMPARE(g->inFlight, std::uint64_t{0});
    QCOMPARE(g->effects, g->events - g->dropped);
    QCOMPARE(g->duplicateEffects, std::uint64_t{0});
    QCOMPARE(g->deadLettered, std::uint64_t{0});
}

void TestQueue::atLeastOnceRedeliversAfterCrash()
{
    const es::RunSummary s = runText(crashYaml("at-least-once"));
    CHECK_CONSERVATION(s);
    const es::GroupSummary* g = findGroup(s, "worker");
    const es::BrokerSummary* b = findBroker(s, "jobs");
    QVERIFY(g && b);
    QVERIFY(g->events >= 390 && g->events <= 400);
    QCOMPARE(g->dropped, std::uint64_t{0});
    QCOMPARE(g->inFlight, std::uint64_t{0});
    QCOMPARE(g->effects, g->events);
    // The crash abandoned the messages in progress; they came back after the visibility timeout.
    QVERIFY2(b->redeliveries > 0, qPrintable(QString::number(b->redeliveries)));
    QVERIFY(b->redeliveries <= 4);
    QCOMPARE(g->duplicateEffects, std::uint64_t{0}); // the crashed attempts never applied their effect
}

void TestQueue::idempotencyRemovesDuplicateEffects()
{
    const es::RunSummary plain = runText(redeliveryYaml("1s", false));
    const es::RunSummary idem = runText(redeliveryYaml("1s", true));
    CHECK_CONSERVATION(plain);
    CHECK_CONSERVATION(idem);
    const es::GroupSummary* gp = findGroup(plain, "worker");
    const es::GroupSummary* gi = findGroup(idem, "worker");
    QVERIFY(gp && gi);
    QVERIFY(gp->duplicateEffects > 0);
    QCOMPARE(gp->deduplicated, std::uint64_t{0});

    QCOMPARE(gi->effects, std::uint64_t{20});
    QCOMPARE(gi->duplicateEffects, std::uint64_t{0});
    QVERIFY(gi->deduplicated > 0);
    QCOMPARE(gi->effectApplications, gi->effects);
    // Same arrivals and service times, so the redundant deliveries are the same: the idempotency store
    // stops exactly the applications that were duplicates without it.
    QCOMPARE(gi->deduplicated, gp->duplicateEffects);
}

QTEST_APPLESS_MAIN(TestQueue)
#include "tst_queue.moc"

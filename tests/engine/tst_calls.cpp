// Synchronous calls (engine/model/calls/): the rules a call follows — thread pools and backlogs,
// timeouts and wasted work, retries and their amplification, circuit breakers, bulkheads, partitions,
// idempotency — each checked on a small scenario; the chain's mean latency and its callers' busy
// threads against queueing theory; and the loader's messages for the new keys.
#include "metrics/QueueTheory.h"
#include "run/RunDriver.h"
#include "run/RunSummary.h"
#include "scenario/ScenarioLoader.h"

#include "SummaryLookup.h"

#include <QtTest>

#include <cmath>
#include <string>

namespace {

using testsupport::findDependency;
using testsupport::findRequests;
using testsupport::findServer;
using testsupport::violations;

es::RunSummary run(const std::string& yaml, const std::vector<es::Override>& overrides = {})
{
    const es::Scenario sc = es::loadScenarioText(yaml, "calls.yaml", overrides);
    es::RunDriver d(sc);
    return d.run();
}


// front (users' entry) calls back (a consumer of q, so in the sync style its hop is a call).
std::string twoServices(const std::string& frontExtra, const std::string& backExtra, const std::string& tail = "")
{
    return "scenario: calls\nseed: 3\nduration: 60s\nstyle: sync\nservices:\n"
           "  front:\n    produces: Req\n    to: q\n    rate: 20/s\n    arrivals: constant\n" + frontExtra +
           "  back:\n    consumes: q\n" + backExtra + "brokers:\n  q: { kind: queue }\n" + tail;
}

} // namespace

#define CONSERVED(s) QVERIFY2((s).conservationOk, qPrintable(violations(s)))

class TestCalls : public QObject {
    Q_OBJECT

private slots:
    void chainMatchesTheory();
    void backlogFullRejects();
    void timeoutLeavesWastedWork();
    void retriesAmplifyLoad();
    void retriedEffectsAndIdempotency();
    void breakerOpensAndFailsFast();
    void bulkheadCapsConcurrentCalls();
    void partitionHangsUntilTimeout();
    void crashRefusesAtOnce();
    void pairedDraws();
    void loaderMessages();
};

// entry → a (10 ms, threads enough) → b (M/M/1, μ = 100/s) at λ = 50/s: the users' mean latency is
// 10 ms + 1/(μ − λ) = 30 ms, and by Little's law a's and the entry's busy threads are λ × 30 ms = 1.5.
void TestCalls::chainMatchesTheory()
{
    const std::string yaml =
        "scenario: chain\nseed: 11\nduration: 2000s\nstyle: sync\nservices:\n"
        "  entry:\n    produces: Req\n    to: qa\n    rate: 50/s\n    user_timeout: 1000s\n    call_policy: { timeout: 1000s }\n"
        "  a:\n    consumes: qa\n    concurrency: 100\n    service_time: 10ms\n    emits: { type: Next, to: qb }\n"
        "    call_policy: { timeout: 1000s }\n"
        "  b:\n    consumes: qb\n    concurrency: 1\n    backlog: 1000000\n    service_time: { exponential: { mean: 10ms } }\n"
        "brokers:\n  qa: { kind: queue }\n  qb: { kind: queue }\n";
    const es::RunSummary s = run(yaml);
    CONSERVED(s);
    const es::RequestSummary* r = findRequests(s, "entry");
    QVERIFY(r);
    QVERIFY(r->sent > 90000);
    QCOMPARE(r->succeeded + r->inFlight, r->sent);
    const double lambda = 50, mu = 100;
    const double expected = 0.010 + es::theory::mmcMeanWait(1, lambda, mu) + 1 / mu; // W = Wq + 1/μ = 1/(μ − λ)
    const double rel = std::abs(r->latency.mean - expected) / expected;
    qInfo("users' mean latency %.4f s, theory %.4f s (%.2f%%)", r->latency.mean, expected, rel * 100);
    QVERIFY2(rel < 0.03, qPrintable(QStringLiteral("mean %1 s, theory %2 s (%3%)").arg(r->latency.mean).arg(expected).arg(rel * 100)));
    for (const char* caller : {"entry", "a"}) {
        const es::ServerSummary* v = findServer(s, caller);
        QVERIFY(v);
        const double little = lambda * expected; // the entry's own time is 0: both hold a thread for the whole chain
        const double relBusy = std::abs(v->avgBusy - little) / little;
        qInfo("%s: busy threads %.4f, Little %.4f", caller, v->avgBusy, little);
        QVERIFY2(relBusy < 0.03, qPrintable(QStringLiteral("%1: busy %2, Little %3").arg(caller).arg(v->avgBusy).arg(little)));
    }
    // Without retries each request reaches the deepest service once.
    QCOMPARE(QString::fromStdString(s.deepestService), QStringLiteral("b"));
    QVERIFY(std::abs(s.retryAmplification - 1.0) < 0.001);
}

// One thread and no backlog: a request arriving while the thread is busy is rejected at once.
void TestCalls::backlogFullRejects()
{
    const es::RunSummary s = run(twoServices("", "    concurrency: 1\n    backlog: 0\n    service_time: 120ms\n"));
    CONSERVED(s);
    const es::ServerSummary* back = findServer(s, "back");
    QVERIFY(back);
    // 20/s constant arrivals, 120 ms of work: every other request finds the thread busy.
    QVERIFY(back->rejected > back->received / 3);
    QCOMPARE(back->accepted + back->rejected, back->received);
    QCOMPARE(back->maxBacklog, std::uint64_t{0});
    const es::RequestSummary* r = findRequests(s, "front");
    QVERIFY(r->failed > 0); // a 503 further down is an error for the user
    QCOMPARE(r->rejected, std::uint64_t{0}); // rejected counts the entry's own backlog only
}

// The caller gives up after 50 ms; the callee takes 100 ms and finishes every request for nobody.
void TestCalls::timeoutLeavesWastedWork()
{
    const es::RunSummary s = run(twoServices("    call_policy: { timeout: 50ms }\n",
                                             "    concurrency: 100\n    service_time: 100ms\n"));
    CONSERVED(s);
    const es::ServerSummary* back = findServer(s, "back");
    const es::ServerSummary* front = findServer(s, "front");
    QVERIFY(back && front);
    QVERIFY(back->received > 1000);
    QVERIFY(back->wasted >= back->succeeded - 1); // all of it, but the one still running at the end
    QVERIFY(std::abs(back->wastedSeconds - 0.1 * static_cast<double>(back->wasted)) < 1e-6 * back->wasted + 1e-9);
    QVERIFY(findDependency(*front, "back")->timeouts + 1 >= back->received); // but the last, not yet timed out
    const es::RequestSummary* r = findRequests(s, "front");
    QCOMPARE(r->succeeded, std::uint64_t{0});
}

// A callee that always fails: with 2 retries every request reaches it 3 times.
void TestCalls::retriesAmplifyLoad()
{
    const es::RunSummary s = run(twoServices("    call_policy: { retries: { max: 2, backoff: 10ms, multiplier: 2, jitter: true } }\n",
                                             "    concurrency: 10\n    service_time: 5ms\n    errors: 100%\n"));
    CONSERVED(s);
    const es::RequestSummary* r = findRequests(s, "front");
    const es::ServerSummary* back = findServer(s, "back");
    QVERIFY(r && back);
    QCOMPARE(r->succeeded, std::uint64_t{0});
    QVERIFY(r->failed >= r->sent - 1);
    QCOMPARE(back->received, back->failed + (back->received - back->failed)); // every call answered or running
    QVERIFY2(std::abs(s.retryAmplification - 3.0) < 0.01,
             qPrintable(QStringLiteral("amplification %1").arg(s.retryAmplification)));
    const es::ServerSummary* front = findServer(s, "front");
    QCOMPARE(findDependency(*front, "back")->retries, 2 * (r->sent - r->inFlight) + findDependency(*front, "back")->retries % 2);
}

// A callee slower than the timeout applies its effect, the retry applies it again; an idempotent
// callee recognises the retry and does not.
void TestCalls::retriedEffectsAndIdempotency()
{
    const std::string yaml = twoServices("    call_policy: { timeout: 50ms, retries: 1 }\n",
                                         "    concurrency: 100\n    service_time: 60ms\n");
    const es::RunSummary plain = run(yaml);
    CONSERVED(plain);
    const es::ServerSummary* back = findServer(plain, "back");
    QVERIFY(back->duplicateEffects > 500);
    QCOMPARE(back->deduplicated, std::uint64_t{0});
    const es::RunSummary idem = run(yaml, {{"services.back.idempotent", "true"}});
    CONSERVED(idem);
    const es::ServerSummary* b2 = findServer(idem, "back");
    QCOMPARE(b2->duplicateEffects, std::uint64_t{0});
    QCOMPARE(b2->deduplicated, back->duplicateEffects); // the same runs otherwise: paired draws
}

// The callee is down from 10 s to 40 s: the breaker opens, calls fail fast, then it closes again.
void TestCalls::breakerOpensAndFailsFast()
{
    const es::RunSummary s = run(
        twoServices("    call_policy: { breaker: { window: 20, min_calls: 10, failure_rate: 50%, open_for: 5s, half_open_calls: 3 } }\n",
                    "    concurrency: 10\n    service_time: 5ms\n",
                    "failures:\n  - { at: 10s, for: 30s, target: back, crash: true }\n"));
    CONSERVED(s);
    const es::ServerSummary* front = findServer(s, "front");
    const es::DependencySummary* d = findDependency(*front, "back");
    QVERIFY(d && d->breaker);
    QVERIFY2(d->circuitOpens >= 2, qPrintable(QStringLiteral("%1 opens").arg(d->circuitOpens))); // reopens while still down
    QVERIFY(d->failedFast > 0);
    QCOMPARE(QString::fromStdString(d->circuitState), QStringLiteral("closed"));
    QVERIFY(d->circuitOpenSeconds >= 10 && d->circuitOpenSeconds <= 31);
    const es::RequestSummary* r = findRequests(s, "front");
    QCOMPARE(r->failedFast, d->failedFast);
    // While the circuit is open nothing is sent: fewer calls reach the dead service than users sent.
    const es::ServerSummary* back = findServer(s, "back");
    QVERIFY(back->refused < 30 * 20 / 2);
    QVERIFY(static_cast<double>(r->succeeded) / static_cast<double>(r->sent) > 0.4);
}

// A bulkhead of 3 on a dependency that takes 1 s: never more than 3 calls out, the rest fail fast.
void TestCalls::bulkheadCapsConcurrentCalls()
{
    const es::RunSummary s = run(twoServices("    call_policy: { bulkhead: 3 }\n", "    concurrency: 100\n    service_time: 1s\n"));
    CONSERVED(s);
    const es::DependencySummary* d = findDependency(*findServer(s, "front"), "back");
    QVERIFY(d);
    QCOMPARE(d->maxInFlight, 3);
    QVERIFY(d->failedFast > d->sent);
    QVERIFY(findServer(s, "back")->maxBusy <= 3);
}

// A partition between two services: the calls are never seen and time out; after it, they pass.
void TestCalls::partitionHangsUntilTimeout()
{
    const es::RunSummary s = run(twoServices("    call_policy: { timeout: 200ms }\n", "    concurrency: 10\n    service_time: 5ms\n",
                                             "failures:\n  - { at: 10s, for: 10s, target: front, partition: back }\n"));
    CONSERVED(s);
    const es::ServerSummary* back = findServer(s, "back");
    const es::DependencySummary* d = findDependency(*findServer(s, "front"), "back");
    QVERIFY(back->unreachable >= 190 && back->unreachable <= 201);
    QCOMPARE(d->timeouts, back->unreachable);
    QVERIFY(findRequests(s, "front")->succeeded > 900);
}

// A crashed callee refuses at once: its callers get errors without waiting for their timeout.
void TestCalls::crashRefusesAtOnce()
{
    const es::RunSummary s = run(twoServices("    call_policy: { timeout: 5s }\n", "    concurrency: 10\n    service_time: 5ms\n",
                                             "failures:\n  - { at: 10s, for: 10s, target: back, crash: true }\n"));
    CONSERVED(s);
    const es::ServerSummary* back = findServer(s, "back");
    QVERIFY(back->refused >= 190 && back->refused <= 201);
    QCOMPARE(findDependency(*findServer(s, "front"), "back")->timeouts, std::uint64_t{0});
    const es::RequestSummary* r = findRequests(s, "front");
    QCOMPARE(r->failed, back->refused);
    QVERIFY(r->latency.max < 0.1); // nobody waited on the dead service
}

// Common random numbers: with no waiting anywhere, the consumer's latency as events and the server's
// response time as calls are both its service times — the same draws, so the same mean to the bit.
void TestCalls::pairedDraws()
{
    const std::string yaml = twoServices("", "    concurrency: 1000\n    service_time: { exponential: { mean: 20ms } }\n");
    const es::RunSummary calls = run(yaml);
    const es::RunSummary events = run(yaml, {{"style", "events"}});
    CONSERVED(calls);
    CONSERVED(events);
    const es::GroupSummary* g = testsupport::findGroup(events, "back");
    const es::ServerSummary* v = findServer(calls, "back");
    QVERIFY(g && v);
    QCOMPARE(g->latency.count, v->response.count);
    QCOMPARE(g->latency.mean, v->response.mean);
    QCOMPARE(g->latency.max, v->response.max);
}

void TestCalls::loaderMessages()
{
    auto message = [](const std::string& yaml) -> QString {
        try {
            es::loadScenarioText(yaml, "bad.yaml");
        } catch (const es::ScenarioError& e) {
            return QString::fromStdString(e.what());
        }
        return {};
    };
    const std::string head = "scenario: bad\nservices:\n  front:\n    produces: Req\n    to: q\n    rate: 1/s\n";
    const std::string tail = "  back:\n    consumes: q\nbrokers:\n  q: { kind: queue }\n";
    QString m = message(head + "    calls: bak\n" + tail);
    QVERIFY2(m.contains("bad.yaml:7:12") && m.contains("no service called 'bak'") && m.contains("did you mean 'back'"), qPrintable(m));
    m = message(head + "    calls: q\n" + tail);
    QVERIFY2(m.contains("is a broker"), qPrintable(m));
    m = message(head + "    calls: front\n" + tail);
    QVERIFY2(m.contains("cannot call itself"), qPrintable(m));
    m = message(head + "    calls: back\n" + tail + "" );
    QVERIFY2(m.isEmpty(), qPrintable(m));
    m = message(head + "    calls: back\n  back:\n    consumes: q\n    calls: front\nbrokers:\n  q: { kind: queue }\n");
    QVERIFY2(m.contains("form a loop") && m.contains("front → back → front"), qPrintable(m));
    m = message("style: synchronous\n" + head + tail);
    QVERIFY2(m.contains("bad.yaml:1:8") && m.contains("sync"), qPrintable(m));
    m = message(head + "    call_policy: { timeout: 1s, retry: 3 }\n" + tail);
    QVERIFY2(m.contains("retry") && m.contains("bad.yaml:7"), qPrintable(m));
    m = message(head + "    call_policy: { breaker: { failure_rate: 0% } }\n" + tail);
    QVERIFY2(m.contains("failure_rate") && m.contains("above 0%"), qPrintable(m));
    m = message(head + tail + "failures:\n  - { at: 1s, target: front, partition: back }\n");
    QVERIFY2(m.isEmpty(), qPrintable(m)); // two services may be partitioned: their calls hang
}

QTEST_APPLESS_MAIN(TestCalls)
#include "tst_calls.moc"

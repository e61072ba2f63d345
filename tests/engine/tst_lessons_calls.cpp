// The synchronous-call lessons (scenarios/lessons/): each is run as events and as calls, and the point
// it teaches is checked on the summaries. Every run must conserve events and requests.
#include "model/MetricsSampler.h"
#include "run/RunDriver.h"
#include "run/RunSummary.h"
#include "scenario/ScenarioLoader.h"

#include "SummaryLookup.h"

#include <QtTest>

#include <cmath>
#include <string>

namespace {

using testsupport::findGroup;
using testsupport::findDependency;
using testsupport::findRequests;
using testsupport::findServer;
using testsupport::violations;

es::RunSummary runLesson(const std::string& file, const std::string& variant)
{
    const es::Scenario sc = es::loadScenarioFile(SCENARIOS_DIR "/lessons/" + file, {}, variant);
    es::RunDriver d(sc);
    return d.run();
}

// Availability of the period whose label starts with `prefix` ("slowdown", "crash", "outside").

// A sampled series' value at the first row at or after `t` seconds (-1 if absent).
double seriesAt(const es::TimeSeriesSet& set, const std::string& name, double t)
{
    for (std::size_t c = 0; c < set.seriesCount(); ++c)
        if (set.name(c) == name)
            for (std::size_t r = 0; r < set.rowCount(); ++r)
                if (es::toSeconds(set.timeAt(r)) >= t) return set.valueAt(r, c);
    return -1;
}

double availability(const es::RequestSummary& r, const std::string& prefix)
{
    for (const es::AvailabilityShare& a : r.availability)
        if (a.label.rfind(prefix, 0) == 0) return a.share;
    return -1;
}

} // namespace

#define RUN_LESSON(s, file, variant)                                                                  \
    const es::RunSummary s = runLesson(file, variant);                                               \
    QVERIFY2(s.conservationOk, qPrintable(QStringLiteral(file " [" variant "]: ") + violations(s))); \
    QVERIFY(!s.interrupted)

class TestLessonsCalls : public QObject {
    Q_OBJECT

private slots:
    void syncVersusEvents();
    void retryStorm();
    void thinVersusFatEvents();
    void healthyChain();
};

// Lesson 1: email slows down ×10, then crashes. As events the users do not notice and no order is
// lost; as calls the orders service's threads run out and users fail, also those not needing email.
void TestLessonsCalls::syncVersusEvents()
{
    RUN_LESSON(ev, "sync-vs-events.yaml", "");
    RUN_LESSON(sy, "sync-vs-events.yaml", "sync");
    QCOMPARE(QString::fromStdString(ev.style), QStringLiteral("events"));
    QCOMPARE(QString::fromStdString(sy.style), QStringLiteral("sync"));
    const es::RequestSummary* e = findRequests(ev, "orders");
    const es::RequestSummary* s = findRequests(sy, "orders");
    QVERIFY(e && s);
    // The same users: the arrival streams are paired (common random numbers).
    QCOMPARE(e->sent, s->sent);
    QVERIFY(e->sent > 5000);

    // Events: every request answered fast, during the failures as outside them.
    QCOMPARE(e->succeeded, e->sent);
    QCOMPARE(availability(*e, "slowdown"), 1.0);
    QCOMPARE(availability(*e, "crash"), 1.0);
    QVERIFY2(e->latency.p99 < 0.010, qPrintable(QStringLiteral("events p99 %1 s").arg(e->latency.p99)));
    // ... while email's backlog grew and drained, and no order was lost.
    const es::GroupSummary* email = findGroup(ev, "email");
    QVERIFY(email);
    QVERIFY2(email->maxLagMessages > 500, qPrintable(QStringLiteral("email max lag %1").arg(email->maxLagMessages)));
    QCOMPARE(email->inFlight, std::uint64_t{0});
    QCOMPARE(email->deadLettered + email->dropped, std::uint64_t{0});
    QCOMPARE(email->effects, email->events);
    // Events answer fast but finish later: completion runs to the last effect, email's included.
    QVERIFY(e->completion.p99 > 10 * e->latency.p99);

    // Calls: the users' p99 and the error rate rise ...
    QVERIFY2(s->latency.p99 > 100 * e->latency.p99, qPrintable(QStringLiteral("sync p99 %1 s").arg(s->latency.p99)));
    QVERIFY(s->failed + s->timedOut + s->rejected > s->sent / 5);
    QVERIFY(availability(*s, "outside") > 0.99);
    // ... orders' threads are exhausted and its backlog full, so requests are rejected ...
    const es::ServerSummary* orders = findServer(sy, "orders");
    QVERIFY(orders);
    QCOMPARE(orders->maxBusy, orders->threads);
    QCOMPARE(orders->maxBacklog, static_cast<std::uint64_t>(orders->backlogLimit));
    QVERIFY(s->rejected > 0);
    // ... and that hits the orders that never needed email: half of the orders need it, yet fewer
    // than half succeed while email is slow. A dead email is less harmful than a slow one: calls to it
    // fail at once instead of holding threads.
    const double slow = availability(*s, "slowdown"), dead = availability(*s, "crash");
    QVERIFY2(slow < 0.45, qPrintable(QStringLiteral("availability while email is slow: %1").arg(slow)));
    QVERIFY2(dead > slow, qPrintable(QStringLiteral("slow %1, crashed %2").arg(slow).arg(dead)));
    // Work the callers had given up on was finished anyway.
    const es::ServerSummary* emailServer = findServer(sy, "email");
    QVERIFY(emailServer && emailServer->wasted > 0);
}

// Lesson 2: a slow leaf four calls deep; retries at every level multiply the calls reaching it, a
// circuit breaker on its caller stops that and fails fast.
void TestLessonsCalls::retryStorm()
{
    RUN_LESSON(storm, "retry-storm.yaml", "");
    RUN_LESSON(breaker, "retry-storm.yaml", "breaker");
    RUN_LESSON(plain, "retry-storm.yaml", "no-retries");
    RUN_LESSON(healthy, "retry-storm.yaml", "no-failures");
    for (const es::RunSummary* s : {&storm, &breaker, &plain, &healthy})
        QCOMPARE(QString::fromStdString(s->deepestService), QStringLiteral("bank"));
    // Healthy, or without retries, one call reaches the bank per request.
    QVERIFY(std::abs(healthy.retryAmplification - 1.0) < 0.01);
    QVERIFY(std::abs(plain.retryAmplification - 1.0) < 0.01);
    // The storm: several calls per request, a full backlog, and work done for callers long gone.
    QVERIFY2(storm.retryAmplification > 5, qPrintable(QStringLiteral("amplification %1").arg(storm.retryAmplification)));
    const es::ServerSummary* bank = findServer(storm, "bank");
    QCOMPARE(bank->maxBacklog, static_cast<std::uint64_t>(bank->backlogLimit));
    QVERIFY(bank->wasted > 1000);
    // The breaker: it opened, calls failed fast, and the amplification collapsed.
    const es::DependencySummary* d = findDependency(*findServer(breaker, "payment"), "bank");
    QVERIFY(d && d->breaker && d->circuitOpens >= 1 && d->failedFast > 0);
    QVERIFY2(breaker.retryAmplification < storm.retryAmplification / 4,
             qPrintable(QStringLiteral("breaker %1, storm %2").arg(breaker.retryAmplification).arg(storm.retryAmplification)));
    QVERIFY(findServer(breaker, "bank")->wasted < bank->wasted / 10);
    const es::RequestSummary* rs = findRequests(storm, "gateway");
    const es::RequestSummary* rb = findRequests(breaker, "gateway");
    QVERIFY(rb->failedFast > 0);
    QVERIFY(rb->latency.p99 < rs->latency.p99 / 4); // failing fast answers users sooner
}

// Lesson 3: billing gets thin events and calls orders back; shipping gets fat ones. Callbacks load
// orders, and while orders is down billing stalls while shipping drains.
void TestLessonsCalls::thinVersusFatEvents()
{
    const es::Scenario sc = es::loadScenarioFile(SCENARIOS_DIR "/lessons/thin-vs-fat-events.yaml", {}, "");
    es::RunDriver driver(sc);
    const es::RunSummary thin = driver.run();
    QVERIFY2(thin.conservationOk, qPrintable(violations(thin)));
    RUN_LESSON(fat, "thin-vs-fat-events.yaml", "all-fat");
    const es::GroupSummary* billing = findGroup(thin, "billing");
    const es::GroupSummary* shipping = findGroup(thin, "shipping");
    QVERIFY(billing && shipping);
    // Callback load: at least one call to orders per event billing handled; none with fat events.
    const es::DependencySummary* cb = findDependency(*findServer(thin, "billing"), "orders");
    QVERIFY(cb && cb->sent >= billing->effects);
    QVERIFY(!findServer(fat, "billing"));
    const es::ServerSummary* orders = findServer(thin, "orders");
    QCOMPARE(orders->received, findRequests(thin, "orders")->sent + cb->sent);
    QCOMPARE(findServer(fat, "orders")->received, findRequests(fat, "orders")->sent);
    // While orders is down (40 s to 70 s) its callbacks are refused: billing's attempts fail and its
    // backlog waits, while shipping empties its queue.
    QVERIFY(orders->refused > 0 && billing->failedAttempts > 0 && shipping->failedAttempts == 0);
    const es::TimeSeriesSet& series = driver.world().sampler().series();
    const double billingLag = seriesAt(series, "billing.lag_messages", 65);
    const double shippingLag = seriesAt(series, "shipping.lag_messages", 65);
    QVERIFY2(billingLag > 100 && shippingLag == 0,
             qPrintable(QStringLiteral("lag at 65 s: billing %1, shipping %2").arg(billingLag).arg(shippingLag)));
    QVERIFY(billing->latency.max > shipping->latency.max + 20);
    // Nothing is lost either way: billing catches up once orders is back.
    QCOMPARE(billing->deadLettered + billing->dropped, std::uint64_t{0});
    QVERIFY(billing->inFlight <= 2);
    const es::GroupSummary* billingFat = findGroup(fat, "billing");
    QVERIFY(billingFat->latency.max < billing->latency.max / 2);
}

// Lesson 4: healthy, a call chain completes an order sooner than events; events answer sooner.
void TestLessonsCalls::healthyChain()
{
    RUN_LESSON(ev, "healthy-chain.yaml", "");
    RUN_LESSON(sy, "healthy-chain.yaml", "sync");
    const es::RequestSummary* e = findRequests(ev, "orders");
    const es::RequestSummary* s = findRequests(sy, "orders");
    QVERIFY(e && s);
    QVERIFY(e->succeeded >= e->sent - 1 && s->succeeded >= s->sent - 1); // nothing fails
    qInfo("completion: events %.1f ms, calls %.1f ms; user latency: events %.1f ms, calls %.1f ms",
          e->completion.mean * 1e3, s->completion.mean * 1e3, e->latency.mean * 1e3, s->latency.mean * 1e3);
    QVERIFY(s->completion.mean < e->completion.mean * 0.75);
    QVERIFY(e->latency.mean < s->latency.mean / 5);
    // As calls the answer comes when the order is complete.
    QVERIFY(std::abs(s->completion.mean - s->latency.mean) < 0.002);
}

QTEST_APPLESS_MAIN(TestLessonsCalls)
#include "tst_lessons_calls.moc"

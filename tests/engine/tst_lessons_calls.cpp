// The synchronous-call lessons (scenarios/lessons/): each is run as events and as calls, and the point
// it teaches is checked on the summaries. Every run must conserve events and requests.
#include "run/RunDriver.h"
#include "run/RunSummary.h"
#include "scenario/ScenarioLoader.h"

#include "SummaryLookup.h"

#include <QtTest>

#include <string>

namespace {

using testsupport::findGroup;
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

QTEST_APPLESS_MAIN(TestLessonsCalls)
#include "tst_lessons_calls.moc"

// Synchronous calls in the window (offscreen), on the sync-vs-events lesson stopped at its 45 s note
// (email ten times slower since 30 s) in both ways:
// - as calls (--variant sync): the graph draws service-to-service call edges (orders -> inventory,
//   payment, email) and hides the idle brokers; orders' 20 threads are all busy and its backlog is
//   full; the status bar shows the users' p99 above 1 s and under 90% of requests succeeding; the
//   recorder saw requests, responses and timeouts on the call edges and rejections at orders; the
//   Users chart is in the dock and got points;
// - as events (the base): no call edge, the brokers are shown, orders' threads are nearly idle and
//   the users' p99 stays under 100 ms with every request succeeding.
// And a caller's circuit breaker on its edge: open (dashed red, "open") while the callee is down.
#include "MainWindow.h"
#include "charts/ChartCatalog.h"
#include "charts/ChartFigure.h"
#include "charts/ChartWidget.h"
#include "graph/EdgeItem.h"
#include "graph/GraphView.h"
#include "graph/NodeItem.h"
#include "graph/TokenLegend.h"
#include "panels/ChartsPanel.h"
#include "sim/SimulationController.h"
#include "widgets/SpeedControl.h"
#include "widgets/UsersStatus.h"

#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace esui;

namespace {

const char* kLesson = SCENARIOS_DIR "/lessons/sync-vs-events.yaml";

NodeItem* node(GraphView* g, const QString& name)
{
    for (NodeItem* n : g->nodeItems())
        if (n->name() == name) return n;
    return nullptr;
}

EdgeItem* edge(GraphView* g, const QString& from, const QString& to, EdgeKind kind)
{
    const NodeItem* a = node(g, from);
    const NodeItem* b = node(g, to);
    if (!a || !b) return nullptr;
    for (EdgeItem* e : g->edgeItems())
        if (e->edge().from == a->index() && e->edge().to == b->index() && e->edge().kind == kind) return e;
    return nullptr;
}

int edgeIndex(GraphView* g, const EdgeItem* e) { return static_cast<int>(g->edgeItems().indexOf(const_cast<EdgeItem*>(e))); }

std::uint64_t count(const Snapshot& s, int edge, es::HopKind k)
{
    return s.edges.at(static_cast<std::size_t>(edge)).count[static_cast<int>(k)];
}

// Opens `path` (as `variant`), runs to its notes one after the other until simulated time `at`.
bool runToNote(MainWindow& w, const QString& path, const QString& variant, double at)
{
    QString error;
    if (!w.openScenario(path, &error, true)) {
        qWarning("%s", qPrintable(error));
        return false;
    }
    if (!variant.isEmpty() && !w.openVariant(variant, &error, true)) {
        qWarning("%s", qPrintable(error));
        return false;
    }
    SimulationController* c = w.controller();
    c->setPauseAtNotes(true);
    if (!QTest::qWaitFor([&] { return c->latest().seq > 0; }, 10000)) return false;
    while (c->latest().simTime < at - 1e-6) {
        const double before = c->latest().simTime;
        c->runToNextNote();
        if (!QTest::qWaitFor([&] { return c->latest().simTime > before + 1e-6 && c->latest().state == RunState::Paused; }, 60000))
            return false;
    }
    QTest::qWait(50); // the paused frame reached the view and the dock
    return std::abs(c->latest().simTime - at) < 1e-6;
}

} // namespace

class TestCallsWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { QSettings().clear(); }

    void syncShowsThreadsExhaustedAndUsersFailing()
    {
        MainWindow w;
        w.resize(1280, 720);
        w.show();
        QVERIFY(runToNote(w, kLesson, QStringLiteral("sync"), 45));
        GraphView* g = w.graphView();
        const Snapshot& s = w.controller()->latest();

        // Call edges, service to service; no message edge; the idle brokers are out of the picture.
        for (const char* callee : {"inventory", "payment", "email"})
            QVERIFY2(edge(g, "orders", callee, EdgeKind::Call), callee);
        for (const EdgeItem* e : g->edgeItems()) QCOMPARE(e->edge().kind, EdgeKind::Call);
        for (const char* broker : {"order-events", "inventory-q", "payment-q", "email-q"}) {
            QVERIFY(node(g, broker));
            QVERIFY2(!node(g, broker)->isVisible(), broker);
        }
        QVERIFY(g->legend()->showsCalls());
        QVERIFY(!g->legend()->showsMessages()); // no message travels: the legend keeps to calls

        // Orders' pool is exhausted and its backlog full; email (4 threads, 10x slower) too.
        NodeItem* orders = node(g, "orders");
        QVERIFY(orders->hasServer());
        QVERIFY2(orders->figures().requests > 2000, qPrintable(QString::number(orders->figures().requests))); // 50/s for 45 s
        QCOMPARE(orders->threadsText(), QStringLiteral("20/20 threads"));
        // Full but for the moment a freed thread takes the next request and the next user comes in.
        QVERIFY2(orders->figures().backlog >= 45 && orders->figures().backlogLimit == 50, qPrintable(orders->backlogText()));
        QCOMPARE(node(g, "email")->threadsText(), QStringLiteral("4/4 threads"));
        QVERIFY(node(g, "email")->isSlowed()); // the slowdown reaches the server in the sync style
        QCOMPARE(node(g, "email")->slowdownText(), QStringLiteral("×10 slower"));

        // What the users see, in the status bar.
        UsersStatus* users = w.usersStatus();
        QVERIFY(users->isVisible());
        QVERIFY2(users->p99() > 1.0, qPrintable(users->text()));
        QVERIFY2(users->successShare() >= 0 && users->successShare() < 0.9, qPrintable(users->text()));
        QVERIFY(users->text().startsWith(QStringLiteral("users of orders: p99 ")));

        // The recorder: requests out and responses back on each call edge, timeouts towards email.
        const int toEmail = edgeIndex(g, edge(g, "orders", "email", EdgeKind::Call));
        const int toInventory = edgeIndex(g, edge(g, "orders", "inventory", EdgeKind::Call));
        QVERIFY(count(s, toEmail, es::HopKind::CallRequest) > 0);
        QVERIFY(count(s, toEmail, es::HopKind::CallTimeout) > 0);
        QVERIFY(count(s, toEmail, es::HopKind::CallResponse) > 0);
        QVERIFY(count(s, toInventory, es::HopKind::CallResponse) > 0);
        QCOMPARE(count(s, toInventory, es::HopKind::CallTimeout), std::uint64_t{0}); // inventory is fast
        QCOMPARE(count(s, toEmail, es::HopKind::Deliver), std::uint64_t{0});
        // No breaker in this lesson: nothing to show on the edges.
        QCOMPARE(edge(g, "orders", "email", EdgeKind::Call)->circuit(), -1);

        // The Users chart: latency percentiles and outcome rates, with points.
        ChartWidget* chart = w.chartsPanel()->chart("users");
        QVERIFY(chart);
        QCOMPARE(chart->figure().spec().lines.at(2).series, std::string("orders.users.latency_p99_s"));
        QVERIFY(chart->figure().pointCount(0) >= 40);
        QVERIFY(!w.chartsPanel()->chart("latency")); // the users' latency is not repeated there
    }

    void eventsKeepUsersFast()
    {
        MainWindow w;
        w.resize(1280, 720);
        w.show();
        QVERIFY(runToNote(w, kLesson, QString(), 45));
        GraphView* g = w.graphView();
        for (const EdgeItem* e : g->edgeItems()) QVERIFY(e->edge().kind != EdgeKind::Call);
        QVERIFY(node(g, "email-q")->isVisible());
        QVERIFY(!g->legend()->showsCalls());
        QVERIFY(g->legend()->showsMessages());
        // Orders answers after its own 5 ms: a thread or two, never the pool.
        NodeItem* orders = node(g, "orders");
        QVERIFY(orders->hasServer());
        QVERIFY(orders->figures().threads == 20);
        QVERIFY2(orders->figures().busyThreads < 5, qPrintable(orders->threadsText()));
        QVERIFY(node(g, "email")->figures().lag > 100); // email's queue grows instead
        UsersStatus* users = w.usersStatus();
        QVERIFY(users->isVisible());
        QVERIFY2(users->p99() > 0 && users->p99() < 0.1, qPrintable(users->text()));
        QCOMPARE(users->successShare(), 1.0);
        QVERIFY(w.chartsPanel()->chart("users"));
    }

    void catalogHasAUsersChart()
    {
        const std::vector<std::string> names = {"email.latency_p50_s", "email.latency_p95_s", "email.latency_p99_s",
                                                "orders.users.latency_p50_s", "orders.users.latency_p95_s",
                                                "orders.users.latency_p99_s", "orders.users.succeeded_per_s",
                                                "orders.users.failed_per_s", "orders.users.timed_out_per_s",
                                                "orders.users.rejected_per_s", "orders.users.failed_fast_per_s"};
        const std::vector<ChartSpec> charts = defaultCharts(names);
        QCOMPARE(charts.front().id, QStringLiteral("users"));
        const ChartSpec& users = charts.front();
        QCOMPARE(users.lines.size(), std::size_t{8});
        for (std::size_t i = 0; i < 3; ++i) QCOMPARE(users.lines[i].axis, 0);  // latency, seconds
        for (std::size_t i = 3; i < 8; ++i) QCOMPARE(users.lines[i].axis, 1);  // outcomes per second
        QCOMPARE(users.lines[6].series, std::string("orders.users.rejected_per_s"));
        QVERIFY(!users.y2Title.isEmpty());
        // The group latency chart keeps email's lines only.
        const auto latency = std::find_if(charts.begin(), charts.end(), [](const ChartSpec& c) { return c.id == "latency"; });
        QVERIFY(latency != charts.end());
        QCOMPARE(latency->lines.size(), std::size_t{3});
        // Without users, no Users chart.
        QVERIFY(defaultCharts({"email.latency_p50_s", "email.latency_p95_s", "email.latency_p99_s"}).front().id != "users");
    }

    void openCircuitIsMarkedOnItsEdge()
    {
        // front calls back, which is down from 10 s to 40 s; the breaker opens after 10 refusals.
        QTemporaryDir dir;
        QFile f(dir.filePath("breaker.yaml"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("scenario: breaker\nseed: 3\nduration: 60s\nstyle: sync\nservices:\n"
                "  front:\n    produces: Req\n    to: q\n    rate: 20/s\n    arrivals: constant\n"
                "    call_policy: { breaker: { window: 20, min_calls: 10, failure_rate: 50%, open_for: 5s, half_open_calls: 3 } }\n"
                "  back:\n    consumes: q\n    concurrency: 10\n    service_time: 5ms\n"
                "brokers:\n  q: { kind: queue }\n"
                "failures:\n  - { at: 10s, for: 30s, target: back, crash: true }\n"
                "notes:\n  - { at: 5s, text: closed, pause: true }\n  - { at: 13s, text: open, pause: true }\n");
        f.close();
        MainWindow w;
        w.resize(1280, 720);
        w.show();
        QVERIFY(runToNote(w, f.fileName(), QString(), 5));
        EdgeItem* e = edge(w.graphView(), "front", "back", EdgeKind::Call);
        QVERIFY(e);
        QCOMPARE(e->circuit(), 0);
        QVERIFY(e->circuitText().isEmpty());
        QVERIFY(runToNote(w, f.fileName(), QString(), 13));
        e = edge(w.graphView(), "front", "back", EdgeKind::Call);
        QCOMPARE(e->circuit(), 2);
        QCOMPARE(e->circuitText(), QStringLiteral("open"));
        QVERIFY(!node(w.graphView(), "back")->figures().up);
    }
};

QTEST_MAIN(TestCallsWindow)
#include "tst_calls_window.moc"

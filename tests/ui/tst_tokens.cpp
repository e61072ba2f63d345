// Message tokens on the graph, offscreen: hops become tokens that travel their edge towards the
// target; hops at a node move away from it (dead letter below, a drop before its entrance); a busy
// edge turns into a flow band and back; a click on a token reports its envelope; a restart clears
// the tokens; the legend lists the scenario's event types. And the real pipeline: a running lesson
// puts tokens on the graph through the engine's flow recorder.
#include "MainWindow.h"
#include "graph/GraphView.h"
#include "graph/NodeItem.h"
#include "graph/TokenLayer.h"
#include "graph/TokenLegend.h"
#include "app/Theme.h"
#include "run/RunDriver.h"
#include "scenario/ScenarioLoader.h"
#include "sim/SimulationController.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QtTest>

using namespace esui;

namespace {

es::Hop hop(std::uint64_t id, int from, int to, es::HopKind kind, double at = 0)
{
    es::Hop h;
    h.envelope.eventId = id;
    h.envelope.type = 0;
    h.from = static_cast<std::uint16_t>(from);
    h.to = static_cast<std::uint16_t>(to);
    h.kind = kind;
    h.at = es::fromSeconds(at);
    return h;
}

} // namespace

class TestTokens : public QObject {
    Q_OBJECT

    static QString lesson(const QString& name) { return QStringLiteral(SCENARIOS_DIR "/lessons/") + name; }

    // A view over the poison-message graph: orders (0) -> fulfilment-q (2) -> fulfilment (1).
    struct Fixture {
        GraphView view;
        ServiceGraph graph;
        Snapshot s;
        Fixture()
        {
            graph = buildServiceGraph(es::loadScenarioFile(lesson(QStringLiteral("poison-message.yaml")).toStdString()));
            view.resize(900, 500);
            view.setGraph(graph);
            view.show();
            s.nodes.resize(graph.nodes.size());
            s.edges.resize(graph.edges.size());
            s.typeNames = {"OrderPlaced"};
        }
        int edge(int from, int to) const
        {
            for (std::size_t e = 0; e < graph.edges.size(); ++e)
                if (graph.edges[e].from == from && graph.edges[e].to == to) return static_cast<int>(e);
            return -1;
        }
        void feed(std::vector<es::Hop> hops, double dt = 0.016)
        {
            s.simTime += dt;
            s.hops = std::move(hops);
            view.updateFrom(s);
        }
    };

private slots:
    void initTestCase()
    {
        // The window saves its preferences; keep them away from the user's.
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("EventscapeTests"));
    }

    void aTokenTravelsItsEdgeTowardsTheTarget()
    {
        Fixture f;
        QCOMPARE(f.graph.nodes.at(2).name, std::string("fulfilment-q"));
        f.feed({});
        f.feed({hop(7, 0, 2, es::HopKind::Deliver, f.s.simTime)});
        TokenLayer* layer = f.view.tokenLayer();
        QCOMPARE(layer->liveTokens(), 1);
        // Sample its distance to the queue while it travels (a busy machine may give few samples,
        // so no timing is assumed beyond "more than one sample in a quarter of a second").
        const QPointF target = f.view.nodeItems().at(2)->pos();
        std::vector<double> distances;
        QElapsedTimer t;
        t.start();
        QPointF at;
        while (t.elapsed() < 3000 && layer->tokenPosition(7, &at)) {
            distances.push_back(QLineF(at, target).length());
            QTest::qWait(5);
        }
        QVERIFY2(distances.size() >= 2, "the token was seen on its way");
        for (std::size_t i = 1; i < distances.size(); ++i) QVERIFY2(distances[i] <= distances[i - 1], "the token moves towards the queue");
        QVERIFY(distances.back() < distances.front());
        // It arrives and is gone after its travel time.
        QTRY_COMPARE_WITH_TIMEOUT(layer->liveTokens(), 0, 3000);
    }

    // Animation time is apart from wall time: at pace ½ a token is half as far along after the same
    // wall time, and changing the pace never makes a token jump back.
    void theAnimationPaceSlowsTheTokens()
    {
        Fixture f;
        f.view.setAnimationPace(0.5);
        QCOMPARE(f.view.tokenLayer()->animationPace(), 0.5);
        f.feed({});
        f.feed({hop(9, 0, 2, es::HopKind::Deliver, f.s.simTime)});
        const double travel = f.view.tokenLayer()->travelSeconds(0); // animation seconds
        QElapsedTimer t;
        t.start();
        QPointF at;
        // Alive for twice its travel time in wall seconds (give or take the entry spread and timers).
        while (f.view.tokenLayer()->tokenPosition(9, &at)) QTest::qWait(10);
        QVERIFY2(t.elapsed() > 1000 * travel * 1.6, qPrintable(QStringLiteral("%1 ms for %2 s of travel").arg(t.elapsed()).arg(travel)));
        f.view.setAnimationPace(1);
    }

    // A dead letter travels from its queue into the queue's dead-letter node (issue 15: it used to
    // fall into empty space); a dropped copy falls away before the entrance.
    void hopsAtANodeMoveAwayFromIt()
    {
        Fixture f;
        const int dlq = f.graph.nodes.at(2).deadLetters;
        QVERIFY2(dlq >= 0, "the queue has a redrive limit: it has a dead-letter node");
        QCOMPARE(f.graph.nodes.at(static_cast<std::size_t>(dlq)).kind, NodeKind::DeadLetters);
        QCOMPARE(f.graph.nodes.at(static_cast<std::size_t>(dlq)).owner, 2);
        QVERIFY(f.edge(2, dlq) >= 0);
        f.feed({});
        f.feed({hop(1, 2, 2, es::HopKind::DeadLetter, f.s.simTime), hop(2, 2, 2, es::HopKind::Dropped, f.s.simTime)});
        QCOMPARE(f.view.tokenLayer()->liveTokens(), 2);
        QTest::qWait(20);
        const NodeItem* queue = f.view.nodeItems().at(2);
        const QSizeF size = NodeItem::sizeFor(f.graph.nodes.at(2));
        QPointF dropped;
        QVERIFY(f.view.tokenLayer()->tokenPosition(2, &dropped));
        QVERIFY2(dropped.x() < queue->pos().x() - size.width() / 2, "a dropped copy falls before the entrance");
        const QPointF target = f.view.nodeItems().at(dlq)->pos();
        std::vector<double> distances;
        QPointF at;
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 3000 && f.view.tokenLayer()->tokenPosition(1, &at)) {
            distances.push_back(QLineF(at, target).length());
            QTest::qWait(5);
        }
        QVERIFY2(distances.size() >= 2, "the dead letter was seen on its way");
        QVERIFY2(distances.back() < distances.front(), "it moves towards the dead-letter node");
        const QSizeF dlqSize = NodeItem::sizeFor(f.graph.nodes.at(static_cast<std::size_t>(dlq)));
        QVERIFY2(distances.back() < std::max(dlqSize.width(), dlqSize.height()), "and ends at it");
    }

    void aBusyEdgeBecomesABandAndBack()
    {
        Fixture f;
        TokenLayer* layer = f.view.tokenLayer();
        const int e = f.edge(0, 2);
        QVERIFY(e >= 0);
        // A rate far above what can be drawn one by one: kBandThreshold tokens per travel time, × 20.
        const double perSecond = 20.0 * TokenLayer::kBandThreshold / layer->travelSeconds(e);
        QElapsedTimer t;
        t.start();
        double last = 0;
        while (t.elapsed() < 1500 && !layer->isBanded(e)) {
            QTest::qWait(16);
            const double now = t.elapsed() / 1000.0;
            f.s.edges[static_cast<std::size_t>(e)].count[0] += static_cast<std::uint64_t>(perSecond * (now - last));
            last = now;
            f.feed({});
        }
        QVERIFY(layer->isBanded(e));
        QVERIFY(layer->edgeRate(e) * layer->travelSeconds(e) > TokenLayer::kBandThreshold);
        QCOMPARE(layer->bandCount(), 1);
        // Plain deliveries on a band are not drawn one by one; a redelivery still is.
        f.feed({hop(100, 0, 2, es::HopKind::Deliver, f.s.simTime), hop(101, 0, 2, es::HopKind::Redelivery, f.s.simTime)});
        QCOMPARE(layer->liveTokens(), 1);
        // The flow stops: the band goes back to single tokens.
        t.restart();
        while (t.elapsed() < 4000 && layer->isBanded(e)) {
            QTest::qWait(16);
            f.feed({});
        }
        QVERIFY(!layer->isBanded(e));
    }

    void clickingATokenReportsItsEnvelope()
    {
        Fixture f;
        QSignalSpy clicked(&f.view, &GraphView::tokenClicked);
        f.feed({});
        es::Hop h = hop(4242, 2, 1, es::HopKind::Redelivery, f.s.simTime);
        h.envelope.correlationId = 4000;
        h.envelope.causationId = 4001;
        h.attempt = 2;
        f.feed({h});
        QTest::qWait(20);
        // Clicking where the token will be a moment later: follow it, then click at its position.
        QPointF at;
        QVERIFY(f.view.tokenLayer()->tokenPosition(4242, &at));
        QTest::mouseClick(f.view.viewport(), Qt::LeftButton, {}, f.view.mapFromScene(at));
        QCOMPARE(clicked.count(), 1);
        const auto info = clicked.at(0).at(0).value<TokenInfo>();
        QCOMPARE(info.hop.envelope.eventId, std::uint64_t{4242});
        QCOMPARE(info.hop.envelope.correlationId, std::uint64_t{4000});
        QCOMPARE(info.hop.attempt, std::uint16_t{2});
        QCOMPARE(info.typeName, std::string("OrderPlaced"));
        QCOMPARE(info.fromName, std::string("fulfilment-q"));
        QCOMPARE(info.toName, std::string("fulfilment"));
        // A click on empty background reports no token.
        QTest::mouseClick(f.view.viewport(), Qt::LeftButton, {}, QPoint(3, 3));
        QCOMPARE(clicked.count(), 1);
    }

    // Easy to hit: a click where the token was a moment ago (the eye aimed, the hand came late)
    // still catches it, though it moved on by more than the hit radius.
    void aClickWhereTheTokenWasAMomentAgoHitsIt()
    {
        Fixture f;
        QSignalSpy clicked(&f.view, &GraphView::tokenClicked);
        f.feed({});
        f.feed({hop(77, 0, 2, es::HopKind::Deliver, f.s.simTime)});
        QTest::qWait(20);
        QPointF aimed, now;
        QVERIFY(f.view.tokenLayer()->tokenPosition(77, &aimed));
        QTest::qWait(180);
        QVERIFY(f.view.tokenLayer()->tokenPosition(77, &now));
        const double moved = QLineF(aimed, now).length() * f.view.transform().m11(); // on screen
        QVERIFY2(moved > TokenLayer::kHitPixels, qPrintable(QStringLiteral("moved %1 px").arg(moved)));
        QTest::mouseClick(f.view.viewport(), Qt::LeftButton, {}, f.view.mapFromScene(aimed));
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.at(0).at(0).value<TokenInfo>().hop.envelope.eventId, std::uint64_t{77});
    }

    void aRestartClearsTheTokens()
    {
        Fixture f;
        f.s.simTime = 5;
        f.feed({hop(1, 0, 2, es::HopKind::Deliver, 5.0)});
        QCOMPARE(f.view.tokenLayer()->liveTokens(), 1);
        f.s.simTime = 0; // a restart: simulated time went back
        f.feed({}, 0);
        QCOMPARE(f.view.tokenLayer()->liveTokens(), 0);
    }

    // The window runs the engine in slices, pauses, steps and records hops for the view: none of it
    // may change the run. Played to the end with pauses and steps along the way, a lesson must end
    // with the headless run's trace digest and event count.
    void theWindowRunsTheSameRunAsHeadless()
    {
        const QString path = lesson(QStringLiteral("network-faults.yaml"));
        es::RunDriver headless(es::loadScenarioFile(path.toStdString()));
        const es::RunSummary expected = headless.run();

        MainWindow w;
        QString error;
        QVERIFY2(w.openScenario(path, &error, true), qPrintable(error));
        w.show();
        SimulationController* c = w.controller();
        c->setPauseAtNotes(false);
        c->setSpeed(20);
        c->play();
        QTRY_VERIFY_WITH_TIMEOUT(c->latest().simTime > 2, 10000);
        c->pause();
        QTRY_VERIFY(c->latest().state == RunState::Paused);
        for (int i = 0; i < 50; ++i) c->step();
        c->setSpeed(0);
        c->play();
        QTRY_VERIFY_WITH_TIMEOUT(c->latest().state == RunState::Finished, 20000);
        QCOMPARE(c->latest().eventsProcessed, expected.eventsProcessed);
        QCOMPARE(c->latest().traceDigest, expected.traceDigest);
    }

    void theDarkThemeRepaintsTheGraphDark()
    {
        Fixture f;
        f.feed({});
        f.feed({hop(1, 0, 2, es::HopKind::Deliver, f.s.simTime)});
        const auto meanLightness = [&] {
            const QImage img = f.view.viewport()->grab().toImage();
            double sum = 0;
            int n = 0;
            for (int y = 0; y < img.height(); y += 7)
                for (int x = 0; x < img.width(); x += 7, ++n) sum += QColor(img.pixel(x, y)).lightnessF();
            return sum / n;
        };
        applyTheme(Theme::Light);
        QTest::qWait(50);
        QVERIFY(meanLightness() > 0.6);
        applyTheme(Theme::Dark);
        QTest::qWait(50);
        QVERIFY(f.view.backgroundBrush().color().lightnessF() < 0.5);
        QVERIFY2(meanLightness() < 0.4, "the graph follows the dark palette");
        applyTheme(Theme::System);
    }

    void aRunningLessonPutsTokensOnTheGraph()
    {
        MainWindow w;
        w.resize(1200, 800);
        w.show();
        QString error;
        QVERIFY2(w.openScenario(lesson(QStringLiteral("order-placed.yaml")), &error, true), qPrintable(error));
        SimulationController* c = w.controller();
        c->setSpeed(1);
        c->play();
        int most = 0;
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 3000) {
            QTest::qWait(20);
            most = std::max(most, w.graphView()->tokenLayer()->liveTokens());
        }
        c->pause();
        QVERIFY2(most > 5, qPrintable(QStringLiteral("at most %1 tokens seen").arg(most)));
        QVERIFY(w.graphView()->legend()->typeNames().contains(QStringLiteral("OrderPlaced")));
        QVERIFY(!c->latest().edges.empty());
        std::uint64_t moved = 0;
        for (const EdgeFlow& e : c->latest().edges) moved += e.count[0];
        QVERIFY(moved > 0);
    }
};

QTEST_MAIN(TestTokens)
#include "tst_tokens.moc"

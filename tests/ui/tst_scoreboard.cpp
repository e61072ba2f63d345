// The scoreboard, the end-of-run card and the Figures panel (issue 15), offscreen:
// - the outbox lesson's watched figures equal the headless summary's at the end of a run (the
//   scoreboard reads the summary by the same paths the CLI prints);
// - the dual write shows events lost between commit and publish; the outbox variant shows none, and
//   keeps the dual write's figures beside its own as the comparison, with the difference;
// - a finished run says that conservation held; the Figures panel has every figure, e.g. the lost
//   count, written as the scoreboard writes it;
// - a scenario without `watch:` gets the usual figures (created, effects, p99) instead of nothing;
// - notes false in a variant are not in the window's run of it (consumer-catch-up, short retention).
#include "MainWindow.h"
#include "WindowRun.h"
#include "actions/PresentationMode.h"
#include "graph/GraphView.h"
#include "graph/EdgeItem.h"
#include "graph/NodeItem.h"
#include "graph/TokenLegend.h"
#include "panels/ChartsPanel.h"
#include "panels/LessonPanel.h"
#include "panels/FigureFormat.h"
#include "panels/FiguresPanel.h"
#include "panels/InspectorPanel.h"
#include "panels/ScoreboardPanel.h"
#include "metrics/LagStatus.h"
#include "run/RunDriver.h"
#include "run/SummaryFormat.h"
#include "run/WatchFigures.h"
#include "sim/SimulationController.h"
#include "widgets/SpeedControl.h"

#include <QLineEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QtTest>

#include <algorithm>

using namespace esui;

namespace {

const char* kOutbox = SCENARIOS_DIR "/lessons/outbox.yaml";

int indexOf(const ScoreboardPanel& s, const std::string& figure)
{
    for (std::size_t i = 0; i < s.figures().size(); ++i)
        if (s.figures()[i].figure == figure) return static_cast<int>(i);
    return -1;
}

} // namespace

class TestScoreboard : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { QSettings().clear(); }
    void cleanupTestCase() { QSettings().clear(); }

    void outboxScoreboardShowsTheLostEventsAndTheComparison()
    {
        MainWindow w;
        QString error;
        QVERIFY2(w.openScenario(kOutbox, &error, true), qPrintable(error));
        w.resize(1280, 720);
        w.show();
        QVERIFY(runToEnd(w));
        ScoreboardPanel* board = w.scoreboard();
        QCOMPARE(board->figures().size(), w.controller()->scenario().watch.size());
        QVERIFY(!board->figures().empty());

        // Every watched figure equals the headless run's.
        es::RunDriver headless(w.controller()->scenario());
        const nlohmann::json summary = es::summaryToJson(headless.run());
        for (std::size_t i = 0; i < board->figures().size(); ++i) {
            const std::string& path = board->figures()[i].figure;
            QVERIFY2(board->value(i).has_value(), path.c_str());
            QCOMPARE(*board->value(i), es::figureValue(summary, path).value());
        }
        const int lost = indexOf(*board, "producers.orders.lost_after_commit");
        QVERIFY(lost >= 0);
        const double lostInDualWrite = *board->value(static_cast<std::size_t>(lost));
        QVERIFY2(lostInDualWrite > 0, "the dual write loses events in its crash window");
        QCOMPARE(board->valueText(static_cast<std::size_t>(lost)),
                 formatFigure(lostInDualWrite, es::FigureUnit::Count));
        QVERIFY2(board->resultText().contains("Conservation held"), qPrintable(board->resultText()));

        // Every figure is in the Figures panel, written the same way.
        w.figuresPanel()->show();
        w.figuresPanel()->raise();
        w.controller()->pull();
        QTRY_VERIFY(!w.figuresPanel()->valueText("producers.orders.lost_after_commit").isEmpty());
        QCOMPARE(w.figuresPanel()->valueText("producers.orders.lost_after_commit"), board->valueText(static_cast<std::size_t>(lost)));
        QVERIFY(!w.figuresPanel()->valueText("groups.billing.latency_s.p99").isEmpty());

        // The outbox variant: nothing lost, and the dual write kept beside it.
        QVERIFY2(w.openVariant(QStringLiteral("outbox"), &error, true), qPrintable(error));
        QVERIFY(runToEnd(w));
        QCOMPARE(*board->value(static_cast<std::size_t>(lost)), 0.0);
        QVERIFY2(board->previousName().startsWith("base"), qPrintable(board->previousName()));
        QCOMPARE(board->previousValue(static_cast<std::size_t>(lost)).value_or(-1), lostInDualWrite);
        const int billed = indexOf(*board, "groups.billing.effects");
        QVERIFY(billed >= 0);
        QVERIFY(*board->value(static_cast<std::size_t>(billed)) > board->previousValue(static_cast<std::size_t>(billed)).value_or(1e18));

        // Another file: no comparison with a run of something else.
        QVERIFY(w.openScenario(SCENARIOS_DIR "/lessons/order-placed.yaml", &error, true));
        QVERIFY(board->previousName().isEmpty());
    }

    // poison-message: the dead-letter queue is a node, and at the end it holds what the summary says
    // was dead-lettered; schema-evolution's queue too; lag-under-burst (a log, no errors) has none.
    void deadLettersAreANodeWithTheirCount()
    {
        MainWindow w;
        QString error;
        QVERIFY(w.openScenario(SCENARIOS_DIR "/lessons/poison-message.yaml", &error, true));
        w.show();
        const ServiceGraph& g = w.controller()->graph();
        const int queue = g.indexOf("fulfilment-q");
        QVERIFY(queue >= 0 && g.nodes[static_cast<std::size_t>(queue)].deadLetters >= 0);
        const auto dlq = static_cast<std::size_t>(g.nodes[static_cast<std::size_t>(queue)].deadLetters);
        QCOMPARE(g.nodes[dlq].name, std::string("fulfilment-q DLQ"));
        QVERIFY(runToEnd(w));
        es::RunDriver headless(w.controller()->scenario());
        const nlohmann::json summary = es::summaryToJson(headless.run());
        const double dead = es::figureValue(summary, "brokers.fulfilment-q.dead_lettered").value();
        QVERIFY(dead > 0);
        QCOMPARE(static_cast<double>(w.controller()->latest().nodes.at(dlq).depth), dead);

        QVERIFY(w.openScenario(SCENARIOS_DIR "/lessons/schema-evolution.yaml", &error, true));
        const ServiceGraph& s = w.controller()->graph();
        const int orders = s.indexOf("orders"); // billing's queue, whose redrive takes what billing cannot read
        QVERIFY(orders >= 0 && s.nodes[static_cast<std::size_t>(orders)].deadLetters >= 0);
        QVERIFY(w.openScenario(SCENARIOS_DIR "/lessons/lag-under-burst.yaml", &error, true));
        for (const GraphNode& n : w.controller()->graph().nodes) QVERIFY(n.kind != NodeKind::DeadLetters);
        QCOMPARE(w.controller()->graph().nodes.size(), w.controller()->graph().worldNodes);
    }

    // hot-key: the partition bars share an absolute scale (a power of ten), so the hot partition's bar
    // grows between the 10 s and the 45 s note instead of being "full" at both.
    void partitionBarsGrowWithTheirLag()
    {
        MainWindow w;
        QString error;
        QVERIFY(w.openScenario(SCENARIOS_DIR "/lessons/hot-key.yaml", &error, true));
        w.show();
        SimulationController* c = w.controller();
        c->setPauseAtNotes(true);
        QTRY_VERIFY(c->latest().seq > 0);
        const int log = w.controller()->graph().indexOf("clicks");
        NodeItem* node = w.graphView()->nodeItems().at(log);
        auto hottest = [&] {
            const std::vector<std::uint64_t>& lags = c->latest().nodes.at(static_cast<std::size_t>(log)).partitionLag;
            return static_cast<int>(std::max_element(lags.begin(), lags.end()) - lags.begin());
        };
        auto runToNote = [&](double at) {
            while (c->latest().simTime < at - 1e-6) {
                const double before = c->latest().simTime;
                c->runToNextNote();
                if (!QTest::qWaitFor([&] { return c->latest().simTime > before + 1e-6 && c->latest().state == RunState::Paused; }, 30000))
                    return false;
            }
            QTest::qWait(30);
            return true;
        };
        QVERIFY(runToNote(10));
        const double at10 = node->partitionBarShare(hottest());
        QVERIFY(runToNote(45));
        const double at45 = node->partitionBarShare(hottest());
        QVERIFY2(at10 > 0 && at10 < 0.5, qPrintable(QString::number(at10)));
        QVERIFY2(at45 > 2 * at10, qPrintable(QStringLiteral("%1 then %2").arg(at10).arg(at45)));
        QVERIFY(node->partitionScale() >= c->latest().nodes.at(static_cast<std::size_t>(log)).partitionLag[static_cast<std::size_t>(hottest())]);
    }

    // View -> Presentation at a projector's 1280x720: the docks but the scoreboard go, the graph grows,
    // the scoreboard's figures get larger, and leaving it puts every dock back.
    void presentationModeShowsTheGraphAndTheScoreboardLarge_data()
    {
        QTest::addColumn<QString>("lesson");
        for (const char* l : {"order-placed", "outbox", "hot-key", "poison-message"}) QTest::newRow(l) << QString::fromLatin1(l);
    }
    void presentationModeShowsTheGraphAndTheScoreboardLarge()
    {
        QFETCH(QString, lesson);
        MainWindow w;
        QString error;
        QVERIFY(w.openScenario(QStringLiteral(SCENARIOS_DIR "/lessons/%1.yaml").arg(lesson), &error, true));
        w.resize(1280, 720);
        w.show();
        QTRY_VERIFY(w.controller()->latest().seq > 0);
        QTest::qWait(50);
        const double normalScale = w.graphView()->viewScale();
        QVector<QPointF> before;
        for (const NodeItem* n : w.graphView()->nodeItems()) before.push_back(n->pos());
        const double normalText = w.presentation()->smallestGraphTextPx();
        QVERIFY(w.chartsPanel()->isVisible() && w.lessonPanel()->isVisible());
        w.presentation()->action()->trigger();
        QVERIFY(w.presentation()->isOn());
        QTRY_VERIFY(!w.chartsPanel()->isVisible());
        QVERIFY(!w.lessonPanel()->isVisible());
        QVERIFY(w.scoreboard()->isVisible());
        QVERIFY(w.isFullScreen());
        // The offscreen platform's screen is not a projector's: give the window 1280x720 again.
        w.setWindowState(Qt::WindowNoState);
        w.setGeometry(0, 0, 1280, 720);
        QTest::qWait(50);
        QVERIFY2(w.graphView()->viewScale() > normalScale,
                 qPrintable(QStringLiteral("%1 -> %2").arg(normalScale).arg(w.graphView()->viewScale())));
        qInfo("%s: smallest graph text %.1f px in the window, %.1f px presenting (1280x720)", qPrintable(lesson), normalText,
              w.presentation()->smallestGraphTextPx());
        // A projector's size: the smallest label at least 14 px (issue 15).
        QVERIFY(w.presentation()->smallestGraphTextPx() >= 14);
        QVERIFY(QFontInfo(w.graphView()->legend()->font()).pixelSize() >= 14);
        w.presentation()->action()->trigger();
        QVERIFY(!w.presentation()->isOn());
        // Leaving puts every node back where it was.
        for (int i = 0; i < w.graphView()->nodeItems().size(); ++i)
            QCOMPARE(w.graphView()->nodeItems()[i]->pos(), before[i]);
        QTRY_VERIFY(w.chartsPanel()->isVisible());
        QVERIFY(w.lessonPanel()->isVisible());
    }

    // At a projector's 1280x720 the graph is fitted into the part of the view the note banner and the
    // token legend leave free: no node under either (a fit centred on the whole view put order-placed's
    // dead-letter queue under the legend), and the graph takes the free height or width.
    void graphFitsBetweenTheNoteAndTheLegend_data()
    {
        QTest::addColumn<QString>("lesson");
        for (const char* l : {"order-placed", "hot-key", "poison-message"}) QTest::newRow(l) << QString::fromLatin1(l);
    }
    void graphFitsBetweenTheNoteAndTheLegend()
    {
        QFETCH(QString, lesson);
        MainWindow w;
        QString error;
        QVERIFY(w.openScenario(QStringLiteral(SCENARIOS_DIR "/lessons/%1.yaml").arg(lesson), &error, true));
        w.resize(1280, 720);
        w.show();
        QTRY_VERIFY(w.controller()->latest().seq > 0);
        GraphView* view = w.graphView();
        const QWidget* legend = view->findChild<QWidget*>(QStringLiteral("tokenLegend"));
        const QWidget* note = view->findChild<QWidget*>(QStringLiteral("noteBanner"));
        QVERIFY(legend && note);
        // Without a note (the legend alone below: a fit centred on the whole view is off by half its
        // height), then with one (above and below).
        for (const QString& text : {QString(), QStringLiteral("A note long enough to be a banner across the top of the graph.")}) {
            view->setNote(text);
            QTest::qWait(50);
            QVERIFY(legend->isVisible());
            QCOMPARE(note->isVisible(), !text.isEmpty());
            const QRect port = view->viewport()->rect();
            const int top = note->isVisible() ? note->geometry().bottom() : 0;
            QRect graph;
            for (NodeItem* n : view->nodeItems()) {
                if (!n->isVisible()) continue;
                const QRect r = view->mapFromScene(n->sceneBoundingRect()).boundingRect();
                QVERIFY2(port.contains(r), "a node outside the view");
                QVERIFY2(!r.intersects(legend->geometry()), "a node under the legend");
                QVERIFY2(r.top() > top, "a node under the note");
                graph |= r;
            }
            // The graph is centred in the free part, and fills its height or its width.
            const int freeHeight = legend->geometry().top() - top;
            const int slackAbove = graph.top() - top, slackBelow = legend->geometry().top() - graph.bottom();
            QVERIFY2(std::abs(slackAbove - slackBelow) <= 8, qPrintable(QStringLiteral("%1 px free above, %2 below").arg(slackAbove).arg(slackBelow)));
            QVERIFY2(graph.height() * 10 >= freeHeight * 7 || graph.width() * 10 >= port.width() * 7,
                     qPrintable(QStringLiteral("graph %1x%2 in a free %3x%4").arg(graph.width()).arg(graph.height()).arg(port.width()).arg(freeHeight)));
        }
    }

    // outbox: the producer's database is on its node: the dual write's commits and the events lost
    // between commit and publish (the summary's lost_after_commit), the moment of each loss marked;
    // the outbox variant loses none and shows its relay's republished rows.
    void producerDatabaseIsDrawn()
    {
        MainWindow w;
        QString error;
        QVERIFY(w.openScenario(kOutbox, &error, true));
        w.show();
        SimulationController* c = w.controller();
        c->setPauseAtNotes(false);
        QTRY_VERIFY(c->latest().seq > 0);
        NodeItem* orders = w.graphView()->nodeItems().value(c->graph().indexOf("orders"));
        QVERIFY(orders && orders->kind() == NodeKind::Producer);
        w.speedControl()->setSpeed(20);
        c->play();
        bool sawMoment = false;
        QVERIFY(QTest::qWaitFor([&] {
            if (orders->databaseMomentText().startsWith("crash after commit")) sawMoment = true;
            return c->latest().state == RunState::Finished;
        }, 60000));
        QTest::qWait(50);
        QVERIFY(sawMoment);
        es::RunDriver headless(c->scenario());
        const nlohmann::json summary = es::summaryToJson(headless.run());
        const double lost = es::figureValue(summary, "producers.orders.lost_after_commit").value();
        QVERIFY(lost > 0);
        QCOMPARE(static_cast<double>(orders->figures().lostAfterCommit), lost);
        QVERIFY(orders->figures().dbWrites >= orders->figures().count - 1);

        QVERIFY2(w.openVariant(QStringLiteral("outbox"), &error, true), qPrintable(error));
        QVERIFY(runToEnd(w));
        orders = w.graphView()->nodeItems().value(c->graph().indexOf("orders")); // a new graph for the variant
        QVERIFY(orders);
        QCOMPARE(orders->figures().lostAfterCommit, std::uint64_t{0});
        es::RunDriver outbox(c->scenario());
        const nlohmann::json s2 = es::summaryToJson(outbox.run());
        QCOMPARE(static_cast<double>(orders->figures().republished), es::figureValue(s2, "producers.orders.relay_republished").value());
    }

    // cqrs-consistency-window's burst: the projector's node says how stale its read model is while
    // it catches up (amber, never above the run's max_staleness_s), and at the end what the summary says.
    void readModelStalenessIsOnItsNode()
    {
        MainWindow w;
        QString error;
        QVERIFY(w.openScenario(SCENARIOS_DIR "/lessons/cqrs-consistency-window.yaml", &error, true));
        QVERIFY2(w.openVariant(QStringLiteral("burst"), &error, true), qPrintable(error));
        w.show();
        SimulationController* c = w.controller();
        c->setPauseAtNotes(false);
        QTRY_VERIFY(c->latest().seq > 0);
        NodeItem* view = w.graphView()->nodeItems().value(c->graph().indexOf("stock-view"));
        NodeItem* checkout = w.graphView()->nodeItems().value(c->graph().indexOf("checkout"));
        QVERIFY(view && checkout);
        QCOMPARE(checkout->stalenessText(), QString()); // no read model of its own
        w.speedControl()->setSpeed(20);
        c->play();
        double most = 0;
        bool sawStale = false;
        QVERIFY(QTest::qWaitFor([&] {
            most = std::max(most, view->figures().staleness);
            sawStale |= view->stalenessText().contains(" stale · ");
            return c->latest().state == RunState::Finished;
        }, 60000));
        QTest::qWait(50);
        QVERIFY(sawStale);
        const double max = es::figureValue(*c->latest().summary, "read_models.stock-view.max_staleness_s").value();
        QVERIFY2(most > 0.5 && most <= max + 1e-9, qPrintable(QStringLiteral("seen %1 s, run's max %2 s").arg(most).arg(max)));
        // At the end, the node's figures are the summary's.
        const nlohmann::json& end = *c->latest().summary;
        QCOMPARE(static_cast<double>(view->figures().writesBehind), es::figureValue(end, "read_models.stock-view.writes_behind").value());
        QVERIFY(qFuzzyCompare(1 + view->figures().staleness, 1 + es::figureValue(end, "read_models.stock-view.staleness_s").value()));

        // The inspector: the entities of the state the view copies, and per key the true value
        // beside the view's; the keys where they differ come first.
        InspectorPanel* inspector = w.inspector();
        inspector->showNode(c->graph().indexOf("stock-view"));
        const double entities = es::figureValue(end, "states.inventory.entities").value();
        QCOMPARE(inspector->field(QStringLiteral("Entities (of inventory)")), QLocale().toString(static_cast<qlonglong>(entities)));
        const std::vector<NodeFigures::EntityValue>& values = view->figures().entityValues;
        QVERIFY(!values.empty() && values.size() <= 8);
        for (std::size_t i = 1; i < values.size(); ++i)
            QVERIFY(std::llabs(values[i - 1].view - values[i - 1].value) >= std::llabs(values[i].view - values[i].value));
        const QString first = inspector->field(QStringLiteral("key %1").arg(QString::fromStdString(values[0].name)));
        QVERIFY2(first.startsWith(QStringLiteral("true %1 · view %2").arg(values[0].value).arg(values[0].view)), qPrintable(first));
        QVERIFY2(QString::fromStdString(values[0].name).startsWith(QStringLiteral("sku-")), values[0].name.c_str()); // named, not numbered
        inspector->showNode(c->graph().indexOf("inventory")); // the write model: the same keys, its read model beside
        QCOMPARE(inspector->field(QStringLiteral("Entities")), QLocale().toString(static_cast<qlonglong>(entities)));
        // A key chosen by hand comes first in every service with state, whatever its gap, and stays
        // across a restart; its true value is the write model's own.
        QVERIFY(inspector->findChild<QLineEdit*>(QStringLiteral("watchKey"))->isVisible());
        QVERIFY(!inspector->watchKey(QStringLiteral("no-such-key")));
        QVERIFY(inspector->watchKey(QStringLiteral("sku-3")));
        // The run is over and the window's timer idle: pull the snapshot the command made.
        const auto viewNode = static_cast<std::size_t>(c->graph().indexOf("stock-view"));
        auto entitiesNow = [&] { return c->latest().nodes[viewNode].entityValues; };
        QTRY_VERIFY((c->pull(), !entitiesNow().empty() && entitiesNow().front().watched));
        const NodeFigures::EntityValue watched = entitiesNow().front();
        QCOMPARE(watched.name, std::string("sku-3"));
        QCOMPARE(watched.key, std::uint64_t{2}); // sku-{1..N}: sku-3 is the third key
        QVERIFY(entitiesNow().size() <= 9);       // the watched key, then the 8 widest gaps
        inspector->showNode(c->graph().indexOf("stock-view"));
        QVERIFY(inspector->field(QStringLiteral("★ sku-3 (watched)")).startsWith(QStringLiteral("true %1").arg(watched.value)));
        QVERIFY(inspector->watchKey(QString()));
        QTRY_VERIFY((c->pull(), entitiesNow().empty() || !entitiesNow().front().watched));
    }

    // rebalancing: the log's partitions say which member owns each; a rebalance is marked while it
    // happens: eager revokes all six ("off"), cooperative only the partitions that move.
    void membershipAndRebalancesAreDrawn_data()
    {
        QTest::addColumn<QString>("variant");
        QTest::addColumn<bool>("eager");
        QTest::newRow("eager") << QString() << true;
        QTest::newRow("cooperative") << QStringLiteral("cooperative") << false;
    }
    void membershipAndRebalancesAreDrawn()
    {
        QFETCH(QString, variant);
        QFETCH(bool, eager);
        MainWindow w;
        QString error;
        QVERIFY(w.openScenario(QStringLiteral(SCENARIOS_DIR "/lessons/rebalancing.yaml"), &error, true));
        if (!variant.isEmpty()) QVERIFY2(w.openVariant(variant, &error, true), qPrintable(error));
        w.show();
        SimulationController* c = w.controller();
        c->setPauseAtNotes(false);
        QTRY_VERIFY(c->latest().seq > 0);
        NodeItem* log = w.graphView()->nodeItems().value(c->graph().indexOf("payment-events"));
        QVERIFY(log && log->kind() == NodeKind::Log);
        // Before any crash: six partitions over members 0, 1 and 2, two each.
        QCOMPARE(log->figures().partitionOwner.size(), std::size_t{6});
        for (int m = 0; m < 3; ++m)
            QCOMPARE(std::count(log->figures().partitionOwner.begin(), log->figures().partitionOwner.end(), m), 2);
        QVERIFY(!log->figures().rebalancing);
        // Slowly enough to see the 2 s rounds; the most partitions revoked at once while rebalancing.
        w.speedControl()->setSpeed(10);
        c->play();
        long mostOff = 0;
        bool sawRebalance = false;
        QString text;
        QVERIFY(QTest::qWaitFor([&] {
            const NodeFigures& f = log->figures();
            if (f.rebalancing) {
                sawRebalance = true;
                const long off = std::count(f.partitionOwner.begin(), f.partitionOwner.end(), -1);
                if (off > mostOff) mostOff = off, text = log->rebalanceText();
            }
            return c->latest().simTime > 56;
        }, 20000));
        QVERIFY(sawRebalance);
        if (eager) {
            QCOMPARE(mostOff, 6L);
            QCOMPARE(text, QString("rebalancing: eager, all paused"));
        } else {
            QCOMPARE(mostOff, 2L); // only the two moving back to member 1
            QCOMPARE(text, QString("rebalancing: 2 moving"));
        }
    }

    // order-placed at its 45 s: the healthy analytics group (it commits every 5 s) carries a committed
    // lag but its badge says OK; the crashed email group's says STOP, with its lag in seconds.
    void lagBadgesSayWhichGroupIsInTrouble()
    {
        MainWindow w;
        QString error;
        QVERIFY(w.openScenario(SCENARIOS_DIR "/lessons/order-placed.yaml", &error, true));
        w.show();
        SimulationController* c = w.controller();
        c->setPauseAtNotes(false);
        QTRY_VERIFY(c->latest().seq > 0);
        w.speedControl()->setSpeed(40); // paced: the pause lands inside email's outage (30 s to 60 s)
        c->play();
        QTRY_VERIFY_WITH_TIMEOUT(c->latest().simTime >= 45, 30000);
        c->pause();
        QTRY_VERIFY(c->latest().state == RunState::Paused);
        QVERIFY2(c->latest().simTime < 59, qPrintable(QString::number(c->latest().simTime)));
        QTest::qWait(50);
        const ServiceGraph& g = c->graph();
        const NodeFigures& email = c->latest().nodes.at(static_cast<std::size_t>(g.indexOf("email")));
        const NodeFigures& analytics = c->latest().nodes.at(static_cast<std::size_t>(g.indexOf("analytics")));
        QCOMPARE(email.lagStatus, static_cast<int>(es::LagStatus::Stop));
        QVERIFY2(email.lagSeconds > 10, qPrintable(QString::number(email.lagSeconds)));
        QCOMPARE(analytics.lagStatus, static_cast<int>(es::LagStatus::Ok));
        QVERIFY(analytics.lagSeconds < 10);
    }

    // network-faults: while the link into tracking-q drops 5% (10 s to 30 s) its edge says so; after the
    // fault, the mark is gone.
    void aLinkFaultIsMarkedOnItsEdgeWhileActive()
    {
        MainWindow w;
        QString error;
        QVERIFY(w.openScenario(SCENARIOS_DIR "/lessons/network-faults.yaml", &error, true));
        w.show();
        SimulationController* c = w.controller();
        c->setPauseAtNotes(false);
        QTRY_VERIFY(c->latest().seq > 0);
        const ServiceGraph& g = c->graph();
        EdgeItem* link = nullptr;
        for (int e = 0; e < static_cast<int>(g.edges.size()); ++e)
            if (g.edges[static_cast<std::size_t>(e)].from == g.indexOf("scanners") && g.edges[static_cast<std::size_t>(e)].to == g.indexOf("tracking-q"))
                link = w.graphView()->edgeItems().at(e);
        QVERIFY(link);
        QVERIFY(link->linkFault().isEmpty());
        auto runTo = [&](double at) {
            w.speedControl()->setSpeed(40);
            c->play();
            const bool reached = QTest::qWaitFor([&] { return c->latest().simTime >= at; }, 30000);
            c->pause();
            QTest::qWait(50);
            return reached;
        };
        QVERIFY(runTo(15));
        QVERIFY(c->latest().simTime < 30);
        QCOMPARE(link->linkFault(), QStringLiteral("drop 5%"));
        QVERIFY(runTo(33));
        QVERIFY(c->latest().simTime < 40);
        QVERIFY2(link->linkFault().isEmpty(), qPrintable(link->linkFault()));
    }

    void aScenarioWithoutWatchGetsTheUsualFigures()
    {
        const nlohmann::json summary = nlohmann::json::parse(
            R"({"producers": {"p": {"created": 5}}, "groups": {"g": {"effects": 4, "dead_lettered": 1, "latency_s": {"p99": 0.1}}}})");
        const std::vector<es::WatchSpec> figures = ScoreboardPanel::defaultFigures(summary);
        QCOMPARE(figures.size(), std::size_t(4));
        QCOMPARE(figures[0].figure, std::string("producers.p.created"));
        QCOMPARE(figures[3].unit, es::FigureUnit::Seconds);
        QVERIFY(!figures[1].lowerIsBetter); // more effects is better
    }

    void notesFalseInAVariantAreNotShown()
    {
        MainWindow w;
        QString error;
        QVERIFY(w.openScenario(SCENARIOS_DIR "/lessons/consumer-catch-up.yaml", &error, true));
        auto says = [&](const char* words) {
            for (const es::NoteSpec& n : w.controller()->scenario().notes)
                if (n.text.find(words) != std::string::npos) return true;
            return false;
        };
        QVERIFY(says("nothing dropped"));
        QVERIFY(w.openVariant(QStringLiteral("short-retention"), &error, true));
        QVERIFY(!says("nothing dropped"));
        QVERIFY(says("counted as dropped"));
    }

    void figuresAreWrittenWithTheirUnits()
    {
        QCOMPARE(formatFigure(0.4163, es::FigureUnit::Seconds), QStringLiteral("416 ms"));
        QCOMPARE(formatFigure(11.3, es::FigureUnit::Seconds), QStringLiteral("11.3 s"));
        QCOMPARE(formatFigure(0.25, es::FigureUnit::Share), QStringLiteral("25.0%"));
        QCOMPARE(formatFigure(std::nullopt, es::FigureUnit::Count), QStringLiteral("—"));
        QCOMPARE(formatDifference(-85, es::FigureUnit::Count), QStringLiteral("−85"));
    }
};

QTEST_MAIN(TestScoreboard)
#include "tst_scoreboard.moc"

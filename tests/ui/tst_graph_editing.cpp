// Editing the graph and inspecting it, offscreen: a dragged node takes its edges along; positions are
// saved into a scenario file and come back when it is opened again; a scenario's `layout:` places
// nodes; the inspector shows a clicked node's settings and live figures, and a message's envelope;
// a partitioned edge and a slowed consumer from a snapshot change how their items are drawn.
#include "MainWindow.h"
#include "actions/LayoutActions.h"
#include "graph/EdgeItem.h"
#include "graph/GraphView.h"
#include "graph/NodeItem.h"
#include "panels/InspectorPanel.h"
#include "scenario/ScenarioLoader.h"
#include "sim/SimulationController.h"
#include "widgets/SpeedControl.h"

#include <QAction>
#include <QFile>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace esui;

namespace {

QString lesson(const QString& name) { return QStringLiteral(SCENARIOS_DIR "/lessons/") + name; }

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// A copy of a lesson (plus `extra` text) in `dir`, so that saving never touches the shipped file.
QString copyOf(const QTemporaryDir& dir, const QString& name, const QByteArray& extra = {})
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) return {};
    f.write(readAll(lesson(name)) + extra);
    return path;
}

NodeItem* nodeNamed(GraphView* v, const QString& name)
{
    for (NodeItem* n : v->nodeItems())
        if (n->name() == name) return n;
    return nullptr;
}

QVector<EdgeItem*> edgesOf(GraphView* v, const NodeItem* n)
{
    QVector<EdgeItem*> out;
    for (EdgeItem* e : v->edgeItems())
        if (e->edge().from == n->index() || e->edge().to == n->index()) out.push_back(e);
    return out;
}

// No node or edge there (the token layer spans the whole plane but lets such presses through).
bool isBackground(GraphView* v, QPoint at)
{
    for (QGraphicsItem* item : v->items(at))
        if (dynamic_cast<NodeItem*>(item) || dynamic_cast<EdgeItem*>(item)) return false;
    return true;
}

bool near(QPointF a, QPointF b, double tolerance = 0.1) { return QLineF(a, b).length() <= tolerance; }

} // namespace

class TestGraphEditing : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); } // keep the user's settings out

    void movingANodeMovesItsEdges()
    {
        MainWindow w;
        QVERIFY(w.openScenario(lesson(QStringLiteral("order-placed.yaml")), nullptr, true));
        GraphView* v = w.graphView();
        NodeItem* queue = nodeNamed(v, QStringLiteral("inventory-q"));
        QVERIFY(queue);
        const QVector<EdgeItem*> edges = edgesOf(v, queue);
        QCOMPARE(edges.size(), 3); // in from the topic, out to inventory, and to its dead-letter queue
        QVector<QPointF> starts, tips;
        for (EdgeItem* e : edges) {
            starts << e->path().pointAtPercent(0);
            tips << e->tip();
        }
        queue->setPos(queue->pos() + QPointF(40, 300));
        const QRectF box = queue->sceneBoundingRect().adjusted(-2, -2, 2, 2);
        for (int i = 0; i < edges.size(); ++i) {
            const bool into = edges[i]->edge().to == queue->index();
            // The end at the queue moved onto its border; the other end stayed at its node.
            const QPointF atQueue = into ? edges[i]->tip() : edges[i]->path().pointAtPercent(0);
            QVERIFY2(box.contains(atQueue), "the edge ends at the moved node");
            QVERIFY(!near(into ? tips[i] : starts[i], atQueue, 5));
        }
    }

    void draggingWithTheMouseMovesTheNodeAndTheBackgroundPans()
    {
        MainWindow w;
        QVERIFY(w.openScenario(lesson(QStringLiteral("order-placed.yaml")), nullptr, true));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        GraphView* v = w.graphView();
        QSignalSpy edited(v, &GraphView::layoutEdited);
        NodeItem* node = nodeNamed(v, QStringLiteral("email"));
        const QPointF before = node->pos();
        const QPoint from = v->mapFromScene(node->sceneBoundingRect().center());
        const QPoint to = from + QPoint(60, 45);
        QTest::mousePress(v->viewport(), Qt::LeftButton, {}, from);
        for (int i = 1; i <= 5; ++i) QTest::mouseMove(v->viewport(), from + (to - from) * i / 5);
        QTest::mouseRelease(v->viewport(), Qt::LeftButton, {}, to);
        QVERIFY2(!near(node->pos(), before, 10), "the node follows the mouse");
        QCOMPARE(edited.size(), 1);
        QVERIFY(w.layoutActions()->hasUnsavedLayout());

        // Zoomed in, a drag on the background scrolls the view instead of moving anything.
        for (int i = 0; i < 6; ++i) {
            QWheelEvent wheel(QPointF(v->viewport()->rect().center()), v->viewport()->mapToGlobal(QPointF(v->viewport()->rect().center())),
                              QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
            QApplication::sendEvent(v->viewport(), &wheel);
        }
        QPoint empty;
        for (int y = 5; y < v->viewport()->height() && empty.isNull(); y += 10)
            for (int x = 5; x < v->viewport()->width() && empty.isNull(); x += 10)
                if (isBackground(v, QPoint(x, y))) empty = QPoint(x, y);
        QVERIFY2(!empty.isNull(), qPrintable(QStringLiteral("%1x%2 scale %3").arg(v->viewport()->width()).arg(v->viewport()->height()).arg(v->transform().m11())));
        const int h = v->horizontalScrollBar()->value(), vv = v->verticalScrollBar()->value();
        const QVector<QPointF> positions = [&] { QVector<QPointF> p; for (NodeItem* n : v->nodeItems()) p << n->pos(); return p; }();
        QTest::mousePress(v->viewport(), Qt::LeftButton, {}, empty);
        for (int i = 1; i <= 5; ++i) QTest::mouseMove(v->viewport(), empty + QPoint(-12 * i, -12 * i));
        QTest::mouseRelease(v->viewport(), Qt::LeftButton, {}, empty + QPoint(-60, -60));
        QVERIFY2(v->horizontalScrollBar()->value() != h || v->verticalScrollBar()->value() != vv, "the view panned");
        for (int i = 0; i < positions.size(); ++i) QCOMPARE(v->nodeItems()[i]->pos(), positions[i]);
        QCOMPARE(edited.size(), 1);
    }

    void savedPositionsComeBack()
    {
        QTemporaryDir dir;
        const QString path = copyOf(dir, QStringLiteral("order-placed.yaml"));
        const QByteArray original = readAll(path);
        std::vector<es::NodePosition> moved;
        {
            MainWindow w;
            QVERIFY(w.openScenario(path, nullptr, true));
            GraphView* v = w.graphView();
            nodeNamed(v, QStringLiteral("email"))->setPos(123.44, -45.66);
            nodeNamed(v, QStringLiteral("order-events"))->setPos(-300, 610.05);
            moved = v->positions();
            QString error;
            QVERIFY2(w.layoutActions()->saveTo(path, &error), qPrintable(error));
        }
        const QByteArray saved = readAll(path);
        QVERIFY2(saved.startsWith(original), "the lesson's own text, comments included, is untouched");
        QVERIFY(saved.contains("\nlayout:\n"));
        MainWindow again;
        QVERIFY(again.openScenario(path, nullptr, true));
        const std::vector<es::NodePosition> loaded = again.graphView()->positions();
        QCOMPARE(loaded.size(), moved.size());
        for (std::size_t i = 0; i < moved.size(); ++i) {
            QCOMPARE(loaded[i].name, moved[i].name);
            QVERIFY2(near(QPointF(loaded[i].x, loaded[i].y), QPointF(moved[i].x, moved[i].y), 0.1 + 1e-9),
                     moved[i].name.c_str());
        }
        // Edges of a moved node are routed between the nodes, ending at the moved node's border.
        NodeItem* email = nodeNamed(again.graphView(), QStringLiteral("email"));
        for (EdgeItem* e : edgesOf(again.graphView(), email))
            QVERIFY(email->sceneBoundingRect().adjusted(-2, -2, 2, 2).contains(e->tip()));
    }

    void layoutKeyPlacesNodesAndResetRestoresDot()
    {
        QTemporaryDir dir;
        const QString path = copyOf(dir, QStringLiteral("order-placed.yaml"), "layout:\n  analytics: [1000, 2000]\n  orders: [-50.5, 7]\n");
        MainWindow w;
        QVERIFY(w.openScenario(path, nullptr, true));
        GraphView* v = w.graphView();
        QCOMPARE(nodeNamed(v, QStringLiteral("analytics"))->pos(), QPointF(1000, 2000));
        QCOMPARE(nodeNamed(v, QStringLiteral("orders"))->pos(), QPointF(-50.5, 7));
        QVERIFY(v->sceneRect().contains(QPointF(1000, 2000)));

        QSignalSpy edited(v, &GraphView::layoutEdited);
        w.layoutActions()->reset()->trigger();
        QCOMPARE(edited.size(), 1);
        QVERIFY(nodeNamed(v, QStringLiteral("analytics"))->pos() != QPointF(1000, 2000));
        MainWindow plain;
        QVERIFY(plain.openScenario(lesson(QStringLiteral("order-placed.yaml")), nullptr, true));
        for (int i = 0; i < v->nodeItems().size(); ++i)
            QVERIFY(near(v->nodeItems()[i]->pos(), plain.graphView()->nodeItems()[i]->pos()));
    }

    void clickShowsTheNodeInTheInspector()
    {
        MainWindow w;
        QVERIFY(w.openScenario(lesson(QStringLiteral("order-placed.yaml")), nullptr, true));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        InspectorPanel* inspector = w.inspector();
        QCOMPARE(inspector->objectName(), QStringLiteral("inspectorPanel"));
        GraphView* v = w.graphView();
        NodeItem* inventory = nodeNamed(v, QStringLiteral("inventory"));
        QTest::mouseClick(v->viewport(), Qt::LeftButton, {}, v->mapFromScene(inventory->sceneBoundingRect().center()));
        QCOMPARE(inspector->nodeIndex(), inventory->index());
        QCOMPARE(inspector->title(), QStringLiteral("inventory"));
        QCOMPARE(inspector->field(QStringLiteral("Kind")), QStringLiteral("consumer"));
        QCOMPARE(inspector->field(QStringLiteral("Concurrency")), QStringLiteral("4 per instance"));
        QVERIFY(inspector->field(QStringLiteral("Retries")).startsWith(QStringLiteral("3, backoff 100ms")));
        QCOMPARE(inspector->field(QStringLiteral("Idempotent")), QStringLiteral("yes (remembers 1d)"));
        QVERIFY(inspector->field(QStringLiteral("Emits")).contains(QStringLiteral("InventoryReserved v1 → inventory-events")));
        QVERIFY(inspector->field(QStringLiteral("Service time")).contains(QStringLiteral("lognormal")));

        // A queue: its redrive and who reads it; a crashed service's failure on the consumer.
        inspector->showNode(nodeNamed(v, QStringLiteral("email-q"))->index());
        QCOMPARE(inspector->field(QStringLiteral("Dead-letter queue")), QStringLiteral("after 5 receives"));
        QCOMPARE(inspector->field(QStringLiteral("Consumed by")), QStringLiteral("email"));
        inspector->showNode(nodeNamed(v, QStringLiteral("email"))->index());
        QVERIFY(inspector->field(QStringLiteral("Failures")).startsWith(QStringLiteral("crash at 30s for 30s")));
    }

    void inspectorFiguresFollowTheRun()
    {
        MainWindow w;
        QVERIFY(w.openScenario(lesson(QStringLiteral("order-placed.yaml")), nullptr, true));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        SimulationController* c = w.controller();
        InspectorPanel* inspector = w.inspector();
        inspector->showNode(nodeNamed(w.graphView(), QStringLiteral("orders"))->index());
        QCOMPARE(inspector->field(QStringLiteral("Created")), QStringLiteral("0"));
        QCOMPARE(inspector->field(QStringLiteral("State")), QStringLiteral("up"));
        w.speedControl()->setSpeed(0);
        c->play();
        QTRY_VERIFY_WITH_TIMEOUT(c->latest().simTime > 2, 20000);
        QTRY_VERIFY(inspector->field(QStringLiteral("Created")) != QStringLiteral("0"));
        c->pause();
    }

    void tokenShowsItsEnvelope()
    {
        MainWindow w;
        QVERIFY(w.openScenario(lesson(QStringLiteral("order-placed.yaml")), nullptr, true));
        TokenInfo t;
        t.hop.envelope.eventId = 4242;
        t.hop.envelope.correlationId = 4200;
        t.hop.envelope.causationId = 0;
        t.hop.envelope.created = 1'500'000'000;
        t.hop.at = 2'250'000'000;
        t.hop.attempt = 2;
        t.hop.from = 4;
        t.hop.to = 5;
        t.hop.kind = es::HopKind::Redelivery;
        t.typeName = "OrderPlaced";
        t.fromName = "order-events";
        t.toName = "inventory-q";
        InspectorPanel* inspector = w.inspector();
        inspector->showToken(t);
        QVERIFY(inspector->showsToken());
        QCOMPARE(inspector->field(QStringLiteral("Event id")), QStringLiteral("4242"));
        QCOMPARE(inspector->field(QStringLiteral("Type")), QStringLiteral("OrderPlaced v1"));
        QCOMPARE(inspector->field(QStringLiteral("Key")), QStringLiteral("none"));
        QCOMPARE(inspector->field(QStringLiteral("Causation id")), QStringLiteral("0 (a root event)"));
        QCOMPARE(inspector->field(QStringLiteral("Created")), QStringLiteral("1.500 s"));
        QCOMPARE(inspector->field(QStringLiteral("Hop at")), QStringLiteral("2.250 s"));
        QCOMPARE(inspector->field(QStringLiteral("Hop")), QStringLiteral("order-events → inventory-q"));
        QCOMPARE(inspector->field(QStringLiteral("Delivery attempt")), QStringLiteral("2"));
        QCOMPARE(inspector->field(QStringLiteral("Kind")), QString::fromLatin1(es::hopKindName(es::HopKind::Redelivery)));
        // A cleared node selection (the click landed on a token) keeps the message shown.
        inspector->showNode(-1);
        QVERIFY(inspector->showsToken());
    }

    void snapshotFailuresMarkEdgesAndNodes()
    {
        const es::Scenario sc = es::loadScenarioFile((lesson(QStringLiteral("order-placed.yaml"))).toStdString());
        const ServiceGraph g = buildServiceGraph(sc);
        GraphView v;
        v.setGraph(g);
        v.resize(800, 500);
        Snapshot s;
        s.nodes.resize(g.nodes.size());
        for (std::size_t i = 0; i < g.nodes.size(); ++i) s.nodes[i].kind = g.nodes[i].kind;
        s.edges.resize(g.edges.size());
        const int inventory = g.indexOf("inventory");
        s.nodes[static_cast<std::size_t>(inventory)].slowFactor = 3;
        s.edges[1].cut = true;
        v.updateFrom(s);
        EdgeItem* cut = v.edgeItems()[1];
        QVERIFY(cut->isCut());
        QVERIFY(cut->toolTip().contains(QStringLiteral("partitioned")));
        QVERIFY(!v.edgeItems()[0]->isCut());
        NodeItem* slowed = v.nodeItems()[inventory];
        QVERIFY(slowed->isSlowed());
        QCOMPARE(slowed->slowdownText(), QStringLiteral("×3 slower"));
        QVERIFY(!v.grab().isNull()); // paints the states without tripping over them

        s.nodes[static_cast<std::size_t>(inventory)].slowFactor = 1;
        s.nodes[static_cast<std::size_t>(inventory)].slowExtra = 0.2;
        s.edges[1].cut = false;
        v.updateFrom(s);
        QVERIFY(!cut->isCut());
        QVERIFY(!cut->toolTip().contains(QStringLiteral("partitioned")));
        QCOMPARE(slowed->slowdownText(), QStringLiteral("+200 ms"));
        // A crashed consumer shows DOWN, not a slowdown.
        s.nodes[static_cast<std::size_t>(inventory)].up = false;
        v.updateFrom(s);
        QVERIFY(!slowed->isSlowed());
        // A snapshot without edge flows (an older builder) leaves the edges alone.
        s.edges.clear();
        v.updateFrom(s);
        QVERIFY(!cut->isCut());
    }
};

QTEST_MAIN(TestGraphEditing)
#include "tst_graph_editing.moc"

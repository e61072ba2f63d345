// The simulator window, offscreen: every lesson opens, runs at full speed, pauses, steps one event
// and restarts; the graph has one node per service and per broker; a click selects a node.
#include "MainWindow.h"
#include "actions/RunActions.h"
#include "graph/GraphView.h"
#include "graph/NodeItem.h"
#include "sim/SimulationController.h"
#include "widgets/SpeedControl.h"

#include <QAction>
#include <QDir>
#include <QElapsedTimer>
#include <QSettings>
#include <QStandardPaths>
#include <QtTest>

using namespace esui;

class TestMainWindow : public QObject {
    Q_OBJECT

    static QString lesson(const QString& name) { return QStringLiteral(SCENARIOS_DIR "/lessons/") + name; }

    // Waits until simulated time reaches `seconds` (or the run ends). The caller turned pausing at
    // notes off: pressing play again after a pause would race with the play already on its way (a
    // snapshot from before it arrived still says Paused) and could resume past a later stop.
    static bool runTo(MainWindow& w, double seconds, int timeoutMs = 20000)
    {
        SimulationController* c = w.controller();
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < timeoutMs) {
            const Snapshot& s = c->latest();
            if (s.simTime >= seconds || s.state == RunState::Finished) return true;
            QTest::qWait(20);
        }
        return false;
    }

private slots:
    // The window saves its preferences (speed, …): keep them out of the user's settings, and start
    // every test from none, so one test's saved speed does not change the next one's run.
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { QSettings().clear(); }
    void cleanupTestCase() { QSettings().clear(); }

    void everyLessonRunsPausesStepsAndRestarts_data()
    {
        QTest::addColumn<QString>("path");
        const QDir dir(QStringLiteral(SCENARIOS_DIR "/lessons"));
        const QStringList files = dir.entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name);
        QVERIFY(files.contains(QStringLiteral("order-placed.yaml")));
        for (const QString& f : files) QTest::newRow(qPrintable(f)) << dir.filePath(f);
    }

    void everyLessonRunsPausesStepsAndRestarts()
    {
        QFETCH(QString, path);
        MainWindow w;
        QString error;
        QVERIFY2(w.openScenario(path, &error, true), qPrintable(error));
        w.show();
        SimulationController* c = w.controller();
        const es::Scenario& sc = c->scenario();
        // Every service and broker, and a dead-letter node for each queue with a redrive limit or consumer that can give up.
        QCOMPARE(c->graph().worldNodes, sc.services.size() + sc.brokers.size());
        QCOMPARE(w.graphView()->nodeItems().size(), static_cast<qsizetype>(c->graph().nodes.size()));

        w.speedControl()->setSpeed(0); // max
        QTRY_VERIFY(c->latest().seq > 0);
        QCOMPARE(c->latest().state, RunState::Paused);
        QCOMPARE(c->latest().simTime, 0.0);
        c->setPauseAtNotes(false);
        c->play();
        QVERIFY(runTo(w, 3.0));
        QVERIFY(c->latest().eventsProcessed > 0);

        c->pause();
        QTRY_VERIFY(c->latest().state != RunState::Playing);
        if (c->latest().state == RunState::Finished) {
            // A short lesson can end between two frames at max speed: it stops at its duration.
            QCOMPARE(c->latest().simTime, c->latest().endTime);
            w.runActions()->restart()->trigger();
            QTRY_COMPARE(c->latest().eventsProcessed, std::uint64_t(0));
        }
        const std::uint64_t before = c->latest().eventsProcessed;
        w.runActions()->step()->trigger();
        QTRY_COMPARE(c->latest().eventsProcessed, before + 1);
        QCOMPARE(c->latest().state, RunState::Paused);

        w.runActions()->restart()->trigger();
        QTRY_COMPARE(c->latest().eventsProcessed, std::uint64_t(0));
        QCOMPARE(c->latest().simTime, 0.0);
        QCOMPARE(c->latest().state, RunState::Paused);
    }

    void spaceTogglesPlay()
    {
        MainWindow w;
        QVERIFY(w.openScenario(lesson(QStringLiteral("order-placed.yaml")), nullptr, true));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        SimulationController* c = w.controller();
        QTRY_VERIFY(c->latest().seq > 0);
        QTest::keyClick(&w, Qt::Key_Space);
        QTRY_COMPARE(c->latest().state, RunState::Playing);
        QTRY_VERIFY(c->latest().simTime > 0);
        QTest::keyClick(&w, Qt::Key_Space);
        QTRY_COMPARE(c->latest().state, RunState::Paused);
    }

    void pacedPlayFollowsTheSpeed()
    {
        MainWindow w;
        QVERIFY(w.openScenario(lesson(QStringLiteral("order-placed.yaml")), nullptr, true));
        w.speedControl()->setSpeed(1);
        SimulationController* c = w.controller();
        c->play();
        QTest::qWait(500);
        // At 1×, half a wall second is about half a simulated second (generous bounds: CI is noisy).
        const double t = c->latest().simTime;
        QVERIFY2(t > 0.2 && t < 0.8, qPrintable(QString::number(t)));
    }

    void clickSelectsANode()
    {
        MainWindow w;
        QVERIFY(w.openScenario(lesson(QStringLiteral("order-placed.yaml")), nullptr, true));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        GraphView* v = w.graphView();
        QSignalSpy selected(v, &GraphView::nodeSelected);
        NodeItem* target = v->nodeItems().value(1);
        QVERIFY(target);
        const QPoint at = v->mapFromScene(target->sceneBoundingRect().center());
        QTest::mouseClick(v->viewport(), Qt::LeftButton, {}, at);
        QVERIFY(target->isSelected());
        QCOMPARE(v->selectedNode(), target);
        QVERIFY(!selected.isEmpty());
        QCOMPARE(selected.last().at(0).toInt(), target->index());
    }

    void badScenarioIsRefusedAndTheRunKept()
    {
        MainWindow w;
        QVERIFY(w.openScenario(lesson(QStringLiteral("order-placed.yaml")), nullptr, true));
        QString error;
        QVERIFY(!w.openScenario(QStringLiteral(SCENARIOS_DIR "/no-such-file.yaml"), &error, true));
        QVERIFY(!error.isEmpty());
        QVERIFY(w.controller()->isLoaded());
        QCOMPARE(QString::fromStdString(w.controller()->scenario().id), QStringLiteral("order-placed"));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"

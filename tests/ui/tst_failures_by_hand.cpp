// Issue 15, "Failures by hand": order-placed paused at its notes, failures injected from the graph's
// context menus (a crash of inventory, email slowed down, an outage of inventory-q, a partition of
// the orders -> order-events link) and lifted again; they are in the failure log, marked "by hand",
// and shaded on the charts at their simulated times. Saved into a copy of the scenario (only its
// failures: block changes), the file loaded headless gives the window's digest exactly, and the
// window, which loads it again, repeats the run. A restart without saving drops them.
#include "MainWindow.h"
#include "WindowRun.h"
#include "actions/FailureActions.h"
#include "actions/RunStoreActions.h"
#include "charts/ChartFigure.h"
#include "charts/ChartWidget.h"
#include "panels/ChartsPanel.h"
#include "panels/FailureLogPanel.h"
#include "run/RunDriver.h"
#include "run/WatchFigures.h"
#include "scenario/FailureWriter.h"
#include "scenario/ScenarioLoader.h"
#include "sim/SimulationController.h"
#include "store/RunStore.h"
#include "widgets/SpeedControl.h"

#include <QAction>
#include <QFile>
#include <QMenu>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

using namespace esui;

namespace {

int edgeBetween(const SimulationController* c, const char* from, const char* to)
{
    const ServiceGraph& g = c->graph();
    const int a = g.indexOf(from), b = g.indexOf(to);
    for (std::size_t i = 0; i < g.edges.size(); ++i)
        if (g.edges[i].from == a && g.edges[i].to == b)
            return static_cast<int>(i);
    return -1;
}

// Triggers the action whose text starts with `text` in the node's (or the edge's) menu, searching
// submenus; false if the menu has none.
bool trigger(QMenu& menu, const QString& text)
{
    for (QAction* a : menu.actions()) {
        if (a->menu() && trigger(*a->menu(), text)) return true;
        if (!a->isSeparator() && a->text().startsWith(text)) {
            a->trigger();
            return true;
        }
    }
    return false;
}

bool offers(QMenu& menu, const QString& text)
{
    for (QAction* a : menu.actions())
        if ((a->menu() && offers(*a->menu(), text)) || (!a->isSeparator() && a->text().startsWith(text))) return true;
    return false;
}

bool nodeOffers(MainWindow& w, const char* node, const QString& text)
{
    QMenu menu;
    w.failureActions()->fillNodeMenu(w.controller()->graph().indexOf(node), &menu);
    return offers(menu, text);
}

bool onNode(MainWindow& w, const char* node, const QString& text)
{
    QMenu menu;
    w.failureActions()->fillNodeMenu(w.controller()->graph().indexOf(node), &menu);
    return trigger(menu, text);
}

// Runs at full speed to the next note and waits there (paused).
bool toNextNote(MainWindow& w)
{
    SimulationController* c = w.controller();
    const double before = c->latest().simTime;
    c->runToNextNote();
    return QTest::qWaitFor([&] { return c->latest().state == RunState::Paused && c->latest().simTime > before; }, 20000);
}

} // namespace

class TestFailuresByHand : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { QSettings().clear(); }

    void injectedFailuresAreLoggedShadedSavedAndRepeated()
    {
        QTemporaryDir dir;
        const QString copy = dir.filePath("order-placed.yaml");
        QVERIFY(QFile::copy(SCENARIOS_DIR "/lessons/order-placed.yaml", copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
        MainWindow w;
        QString error;
        QVERIFY2(w.openScenario(copy, &error, true), qPrintable(error));
        w.resize(1280, 720);
        w.show();
        SimulationController* c = w.controller();
        w.speedControl()->setSpeed(0);
        QTRY_VERIFY(c->latest().seq > 0);
        QVERIFY(!w.failureActions()->saveAction()->isEnabled());

        QVERIFY(toNextNote(w)); // 29 s
        const double t1 = c->latest().simTime;
        QVERIFY(onNode(w, "inventory", "Crash inventory now"));
        QVERIFY(onNode(w, "email", "×5"));
        {
            QMenu menu;
            w.failureActions()->fillEdgeMenu(edgeBetween(c, "orders", "order-events"), &menu);
            QVERIFY(trigger(menu, "Partition this link now"));
        }
        QTRY_COMPARE(c->latest().failures.size(), c->latest().scenarioFailures + 3);
        QVERIFY(w.failureActions()->saveAction()->isEnabled());
        // In force now: the menus offer to lift them instead.
        QVERIFY(!nodeOffers(w, "inventory", "Crash inventory now"));
        QVERIFY(nodeOffers(w, "inventory", "Restart inventory"));
        QVERIFY(onNode(w, "inventory-q", "Outage of inventory-q now"));

        QVERIFY(toNextNote(w)); // 61 s
        QVERIFY(onNode(w, "email", "Back to normal speed"));
        {
            QMenu menu;
            w.failureActions()->fillEdgeMenu(edgeBetween(c, "orders", "order-events"), &menu);
            QVERIFY(trigger(menu, "Heal the partition"));
        }
        QVERIFY(onNode(w, "inventory-q", "End the outage of inventory-q"));
        QTRY_VERIFY(c->latest().failureLog.size() >= 2 + 4); // the lifts take effect at the next millisecond
        QVERIFY(runToEnd(w));
        const Snapshot& end = c->latest();
        const std::uint64_t windowDigest = end.traceDigest;

        // The injected failures: each began at the next whole millisecond after the pause.
        const std::vector<es::FailureSpec> injected = w.failureActions()->injected();
        QCOMPARE(injected.size(), std::size_t{4});
        const es::SimTime begin = es::FailureInjector::injectionTime(es::fromSeconds(t1));
        for (std::size_t i = 0; i < 3; ++i) QCOMPARE(injected[i].at, begin);
        QCOMPARE(injected[0].kind, es::FailureKind::Crash);
        QCOMPARE(injected[0].duration, es::kNever); // never restarted: down to the end
        QVERIFY(injected[1].duration > 0 && injected[1].duration != es::kNever); // the slowdown, lifted at 61 s
        QCOMPARE(injected[2].kind, es::FailureKind::Partition);
        QCOMPARE(injected[2].peer, std::string("order-events"));

        // The log says so; the charts shade them (the scenario's crash of email, then the four).
        QTreeWidget* log = w.failureLog()->tree();
        int byHand = 0;
        for (int i = 0; i < log->topLevelItemCount(); ++i) byHand += log->topLevelItem(i)->text(2).endsWith("(by hand)");
        QCOMPARE(byHand, 7); // 4 begun, 3 lifted
        const ChartMarks& marks = w.chartsPanel()->chart("lag-messages")->figure().marks();
        QCOMPARE(marks.failures.size(), std::size_t{5});
        QCOMPARE(marks.failures[1].t0, es::toSeconds(begin));
        QCOMPARE(marks.failures[1].t1, end.simTime); // the crash never lifted
        QVERIFY(marks.failures[2].label.startsWith("by hand: "));

        // Saved into the file: the failures: block gains them, nothing else changes.
        QFile before(copy);
        QVERIFY(before.open(QIODevice::ReadOnly));
        const QByteArray oldText = before.readAll();
        before.close();
        QVERIFY2(w.failureActions()->saveIntoScenario(&error), qPrintable(error));
        QFile after(copy);
        QVERIFY(after.open(QIODevice::ReadOnly));
        const QByteArray newText = after.readAll();
        QVERIFY(newText.contains(QByteArray("target: inventory, crash: true")));
        QVERIFY(newText.contains(QByteArray("slowdown: 5x")));
        QVERIFY(newText.contains(QByteArray("partition: order-events")));
        QVERIFY(newText.contains(QByteArray("outage: true")));
        const QByteArray head = oldText.left(oldText.indexOf("failures:"));
        QVERIFY(newText.startsWith(head));
        QVERIFY(newText.contains(oldText.mid(oldText.indexOf("objectives:"))));

        // Headless from the file: the same run.
        es::RunDriver headless(es::loadScenarioFile(copy.toStdString()));
        const es::RunSummary summary = headless.run();
        QCOMPARE(summary.traceDigest, windowDigest);

        // The window loaded it again: the failures are the scenario's now, and the run repeats.
        QTRY_COMPARE(c->scenario().failures.size(), std::size_t{5});
        QTRY_VERIFY(!w.failureActions()->saveAction()->isEnabled()); // at the new run's first frame
        QVERIFY(runToEnd(w));
        QCOMPARE(c->latest().traceDigest, windowDigest);
    }

    void aRestartDropsFailuresNotSaved()
    {
        MainWindow w;
        QString error;
        QVERIFY2(w.openScenario(SCENARIOS_DIR "/lessons/consumer-catch-up.yaml", &error, true), qPrintable(error));
        w.show();
        SimulationController* c = w.controller();
        w.speedControl()->setSpeed(0);
        QTRY_VERIFY(c->latest().seq > 0);
        QVERIFY(toNextNote(w));
        QVERIFY(onNode(w, "indexer", "Crash indexer now"));
        QTRY_COMPARE(c->latest().failures.size(), c->latest().scenarioFailures + 1);
        c->restart();
        QTRY_COMPARE(c->latest().failures.size(), c->latest().scenarioFailures);
        QTRY_COMPARE(w.failureLog()->tree()->topLevelItemCount(), 0);
        QVERIFY(!w.failureActions()->saveAction()->isEnabled());
    }

    // "Poison the next message" on a producer: exactly one more event can never be processed; it ends
    // in the dead-letter queue, and saved as poison_next: 1 the file repeats the run headless.
    void poisonTheNextMessage()
    {
        QTemporaryDir dir;
        const QString copy = dir.filePath("poison-message.yaml");
        QFile in(SCENARIOS_DIR "/lessons/poison-message.yaml");
        QVERIFY(in.open(QIODevice::ReadOnly));
        QByteArray text = in.readAll();
        QVERIFY(text.contains("poison: 1%"));
        text.replace("poison: 1%", "poison: 0%"); // no poison but the one injected by hand
        QFile out(copy);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(text);
        out.close();

        MainWindow w;
        QString error;
        QVERIFY2(w.openScenario(copy, &error, true), qPrintable(error));
        w.show();
        SimulationController* c = w.controller();
        QTRY_VERIFY(c->latest().seq > 0);
        QVERIFY(!nodeOffers(w, "fulfilment", "Poison the next message")); // it consumes, it does not produce
        c->setPauseAtNotes(false);
        w.speedControl()->setSpeed(20);
        c->play();
        QTRY_VERIFY_WITH_TIMEOUT(c->latest().simTime > 10, 20000);
        c->pause();
        QTRY_COMPARE(c->latest().state, RunState::Paused);
        QVERIFY(onNode(w, "orders", "Poison the next message"));
        QTRY_COMPARE(c->latest().failures.size(), c->latest().scenarioFailures + 1);
        QVERIFY(runToEnd(w));
        const Snapshot& end = c->latest();
        QCOMPARE(es::figureValue(*end.summary, "groups.fulfilment.dead_lettered").value(), 1.0);
        bool logged = false;
        for (const es::FailureLogEntry& e : end.failureLog) logged |= e.what == "poison the next event" && e.byHand;
        QVERIFY(logged);
        const std::uint64_t windowDigest = end.traceDigest; // saving reloads the file: a new run

        QVERIFY2(w.failureActions()->saveIntoScenario(&error), qPrintable(error));
        QFile saved(copy);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QVERIFY(saved.readAll().contains("target: orders, poison_next: 1}"));
        es::RunDriver headless(es::loadScenarioFile(copy.toStdString()));
        const es::RunSummary summary = headless.run();
        QCOMPARE(summary.traceDigest, windowDigest);
    }

    // Run → Save run to the run store: the finished run, the crash injected by hand included, is
    // stored with the window's digest, its failure log and its journeys.
    void aFinishedRunIsSavedToTheStore()
    {
        QTemporaryDir dir;
        MainWindow w;
        QString error;
        QVERIFY2(w.openScenario(SCENARIOS_DIR "/lessons/consumer-catch-up.yaml", &error, true), qPrintable(error));
        w.show();
        SimulationController* c = w.controller();
        w.speedControl()->setSpeed(0);
        QTRY_VERIFY(c->latest().seq > 0);
        QVERIFY(!w.runStore()->saveAction()->isEnabled()); // not finished yet
        QVERIFY(toNextNote(w));
        const double t = c->latest().simTime;
        QVERIFY(onNode(w, "indexer", "Crash indexer now"));
        QTRY_COMPARE(c->latest().failures.size(), c->latest().scenarioFailures + 1);
        QVERIFY(runToEnd(w));
        const std::uint64_t digest = c->latest().traceDigest;
        QTRY_VERIFY(w.runStore()->saveAction()->isEnabled());

        const QString path = dir.filePath("runs.sqlite");
        w.runStore()->setStorePath(path);
        QSignalSpy saved(w.runStore(), &RunStoreActions::saved);
        w.runStore()->saveAction()->trigger();
        QVERIFY(saved.wait(60000));
        const qint64 id = saved.at(0).at(0).toLongLong();
        QVERIFY2(id > 0, qPrintable(saved.at(0).at(1).toString()));
        QVERIFY2(saved.at(0).at(1).toString().contains("the same run as the window's"), qPrintable(saved.at(0).at(1).toString()));

        es::RunStore store(path.toStdString());
        const std::optional<es::RunRecord> r = store.loadRun(id);
        QVERIFY(r && r->finished);
        QCOMPARE(QString::fromStdString(r->traceDigest), QStringLiteral("%1").arg(digest, 16, 16, QLatin1Char('0')));
        bool crash = false;
        for (const es::FailureEvent& f : store.loadFailures(id))
            crash |= f.target == "indexer" && f.what == "crash" && f.at >= t && f.at < t + 0.01;
        QVERIFY2(crash, "the hand-injected crash is in the stored failure log at its time");
        QVERIFY(store.journeyStepCount(id) > 0);
    }

    void writerRefusesWhatItCannotWriteExactly()
    {
        es::FailureSpec f;
        f.target = "email";
        f.at = es::fromSeconds(1.5) + 1; // not a whole millisecond
        const std::string text = "scenario: x\nduration: 10s\nservices: {}\n";
        QVERIFY_THROWS_EXCEPTION(es::FailureSaveError, es::withFailures(text, {f}));
        f.at = es::fromSeconds(1.5);
        const std::string out = es::withFailures(text, {f});
        QVERIFY2(out.find("failures:\n  - {at: 1500ms, target: email, crash: true}") != std::string::npos, out.c_str());
        QVERIFY(out.rfind(text, 0) == 0); // what was there stays
    }
};

QTEST_MAIN(TestFailuresByHand)
#include "tst_failures_by_hand.moc"

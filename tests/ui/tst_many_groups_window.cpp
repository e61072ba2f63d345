// Issue 18: the window on a model with 1,000 consumer groups (a topic fanned out to 1,000 queues,
// each with its consumer; tests/data/groups/groups-1000.yaml). It used to abort on such a file (the
// world refused more than 64 groups with an exception); now it opens, lays the graph out, runs to
// the end at full speed with no engine error, and every node has its live figures.
#include "MainWindow.h"
#include "charts/LagStatusBar.h"
#include "charts/LineCap.h"
#include "sim/SimulationController.h"

#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QtTest>

using namespace esui;

class TestManyGroupsWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { QSettings().clear(); }

    void thousandGroupsOpenAndRun()
    {
        MainWindow w;
        w.show();
        QString error;
        QVERIFY2(w.openScenario(QStringLiteral(GROUPS_DIR "/groups-1000.yaml"), &error, true), qPrintable(error));
        w.controller()->setPauseAtNotes(false);
        w.controller()->setSpeed(0);
        w.controller()->play();
        QTRY_VERIFY_WITH_TIMEOUT(w.controller()->latest().state == RunState::Finished ||
                                     !w.controller()->engineError().isEmpty(),
                                 120000);
        QVERIFY2(w.controller()->engineError().isEmpty(), qPrintable(w.controller()->engineError()));
        QVERIFY(w.isVisible());
        // 1 producer + 1,000 consumers + the topic + 1,000 queues.
        QCOMPARE(w.controller()->latest().nodes.size(), std::size_t{2002});
        QVERIFY(w.controller()->latest().simTime >= 1.0); // the 100 events were produced over the first second
        // The lag status row shows the first groups and sums up the rest in one label.
        const LagStatusBar* bar = w.findChild<LagStatusBar*>();
        QVERIFY(bar);
        QTRY_VERIFY(bar->textOf("g0000").startsWith(QStringLiteral("g0000: ")));
        QVERIFY(bar->textOf("g0023").startsWith(QStringLiteral("g0023: ")));
        QVERIFY(bar->textOf("g0024").isEmpty());
        bool summed = false;
        for (const QLabel* l : bar->findChildren<QLabel*>())
            summed = summed || l->text().startsWith(QStringLiteral("and 976 more (worst: "));
        QVERIFY(summed);
    }

    void chartsKeepAFewDozenLines()
    {
        ChartSpec spec{QStringLiteral("lag-messages"), QStringLiteral("Consumer lag"), {}, {}, {}, {}};
        for (int i = 0; i < 30; ++i) spec.lines.push_back({"g" + std::to_string(i) + ".lag_messages", {}, 0});
        capLines(spec);
        QCOMPARE(spec.lines.size(), kMaxLinesPerChart);
        QCOMPARE(spec.lines.back().series, std::string("g23.lag_messages"));
        QCOMPARE(spec.title, QStringLiteral("Consumer lag (first 24 of 30 lines)"));
        ChartSpec small{QStringLiteral("x"), QStringLiteral("Few"), {}, {}, {{"a", {}, 0}}, {}};
        capLines(small);
        QCOMPARE(small.title, QStringLiteral("Few"));
        QCOMPARE(small.lines.size(), std::size_t{1});
    }
};

QTEST_MAIN(TestManyGroupsWindow)
#include "tst_many_groups_window.moc"

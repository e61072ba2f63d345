// The charts dock in a MainWindow run (offscreen): consumer-catch-up played to its end at full
// speed; every chart got data through the snapshots; the lag chart's last point and the store's rows
// equal what a headless run of the same scenario sampled at the same times; the lag status went STOP
// while the indexer was down and is OK at the end; the crash is among every chart's marks; Freeze
// stops the time axis from following.
#include "MainWindow.h"
#include "charts/ChartCatalog.h"
#include "charts/ChartFigure.h"
#include "charts/ChartWidget.h"
#include "charts/LagStatusBar.h"
#include "graph/GraphView.h"
#include "graph/TokenLayer.h"
#include "metrics/LagStatus.h"
#include "metrics/TimeSeries.h"
#include "model/MetricsSampler.h"
#include "model/World.h"
#include "panels/ChartsPanel.h"
#include "run/RunDriver.h"
#include "scenario/ScenarioLoader.h"
#include "sim/SimulationController.h"
#include "widgets/SpeedControl.h"

#include <QAction>
#include <QCheckBox>
#include <QMenu>
#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QStandardPaths>
#include <QtTest>

using namespace esui;

namespace {

const char* kLesson = SCENARIOS_DIR "/lessons/consumer-catch-up.yaml";

std::size_t column(const es::TimeSeriesSet& ts, const std::string& name)
{
    for (std::size_t c = 0; c < ts.seriesCount(); ++c)
        if (ts.name(c) == name) return c;
    qFatal("no series '%s'", name.c_str());
}

// The value the store holds at the last point at or before `t`.
double storeAt(const ChartStore& store, const std::string& name, double t)
{
    const SeriesBuffer* b = store.series(name);
    double v = -1;
    for (std::size_t i = 0; b && i < b->size() && (*b)[i].t <= t; ++i) v = (*b)[i].v;
    return v;
}

} // namespace

class TestChartsWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { QSettings().clear(); }

    void lessonRunFillsChartsWithTheEnginesFigures()
    {
        MainWindow w;
        QString error;
        QVERIFY2(w.openScenario(kLesson, &error, true), qPrintable(error));
        w.resize(1600, 900);
        w.show();
        SimulationController* c = w.controller();
        ChartsPanel* panel = w.chartsPanel();
        w.speedControl()->setSpeed(0);
        c->setPauseAtNotes(false);
        QTRY_VERIFY(c->latest().seq > 0);
        c->play();
        QTRY_VERIFY_WITH_TIMEOUT(c->latest().state == RunState::Finished, 60000);
        QTest::qWait(50); // the last frame reached the dock

        // The same scenario headless: the engine's own sampled series.
        es::RunDriver headless(c->scenario());
        const es::RunSummary summary = headless.run();
        const es::TimeSeriesSet& ts = headless.world().sampler().series();
        const ChartStore& store = panel->store();
        QVERIFY(store.lastTime() >= 99);
        // Every row the window has equals the engine's row at that time, for the lag series.
        const std::size_t lagCol = column(ts, "indexer.lag_messages");
        const SeriesBuffer& lag = *store.series("indexer.lag_messages");
        QVERIFY(lag.size() >= 95); // 1 s rows over 100 s, none lost between snapshots
        std::size_t matched = 0;
        for (std::size_t r = 0; r < ts.rowCount(); ++r) {
            const double t = es::toSeconds(ts.timeAt(r));
            if (t > store.lastTime()) break;
            QCOMPARE(storeAt(store, "indexer.lag_messages", t), ts.valueAt(r, lagCol));
            ++matched;
        }
        QVERIFY(matched >= 95);

        // Each chart has lines with points; the lag chart's line ends on the engine's last value.
        QVERIFY(panel->charts().size() >= 4);
        // (The charts the lesson does not name are hidden and not refreshed: shown, they catch up.)
        for (ChartWidget* chart : panel->charts()) {
            panel->setChartShown(chart->figure().spec().id, true);
            QVERIFY2(chart->figure().pointCount(0) > 0, qPrintable(chart->figure().spec().id));
        }
        ChartWidget* lagChart = panel->chart("lag-messages");
        QVERIFY(lagChart);
        QCOMPARE(lagChart->figure().lastValue(0), lag.back().v);
        QCOMPARE(lagChart->figure().lastValue(0), storeAt(store, "indexer.lag_messages", store.lastTime()));
        // The lesson's point: lag climbs during the crash (30-60 s) and is drained well before the end.
        QVERIFY(storeAt(store, "indexer.lag_messages", 59) > 1500);
        QVERIFY(storeAt(store, "indexer.lag_messages", 25) < 50);
        QVERIFY(storeAt(store, "indexer.lag_messages", 90) < 50);

        // Lag status: STOP while the indexer is down, OK at the end (shown so in the dock).
        QCOMPARE(storeAt(store, "indexer.lag_status", 50), double(es::LagStatus::Stop));
        QCOMPARE(panel->lagStatus()->textOf("indexer"), QString("indexer: OK"));

        // The crash is marked on every chart at its simulated times; the cursor is at the end.
        for (ChartWidget* chart : panel->charts()) {
            const ChartMarks& m = chart->figure().marks();
            QCOMPARE(m.failures.size(), std::size_t{1});
            QCOMPARE(m.failures[0].t0, 30.0);
            QCOMPARE(m.failures[0].t1, 60.0);
            QCOMPARE(m.notes.size(), std::size_t{4});
            QCOMPARE(m.cursor, c->latest().simTime);
        }
        QCOMPARE(panel->rangeStart(), 0.0);
        QCOMPARE(panel->rangeEnd(), 100.0);

        // The latency distribution of the whole run, per group, marks the summary's own percentiles
        // (the same histogram, carried in the snapshots), and its curve reaches 100 %.
        ChartWidget* dist = panel->chart("latency-distribution");
        QVERIFY(dist);
        QCOMPARE(dist->figure().spec().kind, ChartKind::Distribution);
        int checked = 0;
        for (const es::GroupSummary& g : summary.groups) {
            if (g.latency.count == 0) continue;
            int line = -1;
            for (std::size_t i = 0; i < dist->figure().spec().lines.size(); ++i)
                if (dist->figure().spec().lines[i].series == g.name) line = static_cast<int>(i);
            QVERIFY2(line >= 0, g.name.c_str());
            const std::vector<double> p = dist->figure().percentiles(line);
            QCOMPARE(p.size(), std::size_t{3});
            QCOMPARE(p[0], g.latency.p50);
            QCOMPARE(p[1], g.latency.p95);
            QCOMPARE(p[2], g.latency.p99);
            QVERIFY(g.latency.p99 > g.latency.p50); // the crash's backlog makes a tail
            QCOMPARE(dist->figure().lastValue(line), 100.0);
            QCOMPARE(store.distribution(g.name)->count, g.latency.count);
            ++checked;
        }
        QVERIFY(checked >= 1);
    }

    // The lesson's `charts:` (lag, lag-seconds) show first and the others are hidden, one menu entry
    // away; what the reader shows, hides and which legend lines are off is remembered for the file;
    // zoom and pan move every chart's time axis at once and freeze the dock, Follow undoes it.
    void chartChoicesAreTheLessonsAndRemembered()
    {
        {
            MainWindow w;
            QString error;
            QVERIFY2(w.openScenario(kLesson, &error, true), qPrintable(error));
            w.resize(1280, 720);
            w.show();
            SimulationController* c = w.controller();
            ChartsPanel* panel = w.chartsPanel();
            w.speedControl()->setSpeed(0);
            c->setPauseAtNotes(false);
            c->play();
            QTRY_VERIFY_WITH_TIMEOUT(c->latest().state == RunState::Finished, 60000);
            QTest::qWait(50);
            QVERIFY(panel->charts().size() >= 4);
            QCOMPARE(panel->charts()[0]->figure().spec().id, QString("lag-messages"));
            QCOMPARE(panel->charts()[1]->figure().spec().id, QString("lag-seconds"));
            QVERIFY(panel->chartShown("lag-messages") && panel->chartShown("lag-seconds"));
            QVERIFY(!panel->chartShown("throughput"));
            // The menu lists every chart, checked as shown; ticking one shows it with the run's data.
            QCOMPARE(panel->chooserMenu()->actions().size(), static_cast<qsizetype>(panel->charts().size()));
            for (QAction* a : panel->chooserMenu()->actions())
                if (a->data().toString() == "throughput") a->trigger();
            QVERIFY(panel->chartShown("throughput"));
            QVERIFY(panel->chart("throughput")->figure().pointCount(0) > 0);
            panel->setChartShown("lag-seconds", false);
            // A legend click hides a line.
            ChartFigure& lag = panel->chart("lag-messages")->figure();
            lag.toggleLine(0);
            QVERIFY(!lag.lineVisible(0));

            // Zoom in around 45 s: every time chart shows the same narrower range, and the dock froze.
            QVERIFY(!panel->freezeBox()->isChecked());
            panel->zoomTime(45, 0.5);
            QVERIFY(panel->freezeBox()->isChecked());
            QCOMPARE(panel->rangeStart(), 22.5);
            QCOMPARE(panel->rangeEnd(), 72.5);
            for (ChartWidget* chart : panel->charts())
                if (chart->isVisible() && chart->figure().spec().kind == ChartKind::Time) {
                    QCOMPARE(chart->figure().rangeStart(), 22.5);
                    QCOMPARE(chart->figure().rangeEnd(), 72.5);
                }
            panel->panTime(-100); // clamped at the start of the run
            QCOMPARE(panel->rangeStart(), 0.0);
            QCOMPARE(panel->rangeEnd(), 50.0);
            panel->panTime(10);
            QCOMPARE(panel->rangeStart(), 10.0);
            panel->followRun();
            QVERIFY(!panel->freezeBox()->isChecked());
            QCOMPARE(panel->rangeStart(), 0.0);
            QCOMPARE(panel->rangeEnd(), 100.0);
        }
        // The same file again: the reader's charts, not the lesson's, and the hidden line stays hidden.
        MainWindow w;
        QString error;
        QVERIFY2(w.openScenario(kLesson, &error, true), qPrintable(error));
        ChartsPanel* panel = w.chartsPanel();
        w.controller()->play();
        QTRY_VERIFY_WITH_TIMEOUT(panel->chart("lag-messages") != nullptr, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(panel->chart("throughput") != nullptr, 20000);
        QVERIFY(panel->choices().remembered);
        QVERIFY(panel->chartShown("throughput"));
        QVERIFY(!panel->chartShown("lag-seconds"));
        QVERIFY(!panel->chart("lag-messages")->figure().lineVisible(0));
    }

    // In the synchronous style the brokers carry nothing: no queue chart of zeros, and the servers'
    // threads and backlog have a chart of their own.
    void syncStyleLeavesIdleBrokersOff()
    {
        const auto names = std::vector<std::string>{"email-q.depth", "email-q.dlq", "orders.busy_threads", "orders.backlog",
                                                    "orders.users.latency_p50_s", "orders.users.latency_p95_s",
                                                    "orders.users.latency_p99_s"};
        std::vector<ChartSpec> all = defaultCharts(names);
        QVERIFY(std::any_of(all.begin(), all.end(), [](const ChartSpec& s) { return s.id == "queues"; }));
        std::vector<ChartSpec> sync = defaultCharts(names, {"email-q"});
        QVERIFY(std::none_of(sync.begin(), sync.end(), [](const ChartSpec& s) { return s.id == "queues"; }));
        auto threads = std::find_if(sync.begin(), sync.end(), [](const ChartSpec& s) { return s.id == "threads"; });
        QVERIFY(threads != sync.end());
        QCOMPARE(threads->lines.size(), std::size_t{2});
        QCOMPARE(threads->lines[1].axis, 1); // the backlog on the right axis

        const es::Scenario sc = es::loadScenarioFile(SCENARIOS_DIR "/lessons/sync-vs-events.yaml", {}, "sync");
        QCOMPARE(sc.style, es::CallStyle::Sync);
        QCOMPARE(idleComponents(sc).size(), sc.brokers.size());
        QCOMPARE(sc.charts, (std::vector<std::string>{"users", "threads", "lag"}));
    }

    // Issue 19 item 7: after a run at full speed the flow labels say the simulated rate (1000/s), from
    // the simulation's counts over the last simulated seconds, not a smoothed wall-time figure.
    void edgeRatesArePerSimulatedSecondAfterAFastRun()
    {
        MainWindow w;
        QString error;
        QVERIFY2(w.openScenario(QStringLiteral(TESTS_DATA_DIR "/issue19/rates-fast-run.yaml"), &error, true), qPrintable(error));
        w.resize(1280, 720);
        w.show();
        SimulationController* c = w.controller();
        w.speedControl()->setSpeed(0);
        c->play();
        QTRY_VERIFY_WITH_TIMEOUT(c->latest().state == RunState::Finished, 60000);
        QTest::qWait(100);
        const TokenLayer* layer = w.graphView()->tokenLayer();
        int checked = 0;
        for (int e = 0; e < static_cast<int>(c->latest().edges.size()); ++e) {
            QVERIFY2(std::abs(layer->edgeLabelRate(e) - 1000.0) <= 10.0, qPrintable(QString::number(layer->edgeLabelRate(e))));
            ++checked;
        }
        QCOMPARE(checked, 2); // p -> q, q -> c
    }

    void freezeStopsFollowing()
    {
        // The lesson made longer than the follow window (600 s), so following moves the axis.
        QFile in(kLesson);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QByteArray text = in.readAll();
        QVERIFY(text.contains("duration: 100s"));
        text.replace("duration: 100s", "duration: 700s");
        QTemporaryDir dir;
        QFile out(dir.filePath("long.yaml"));
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(text);
        out.close();
        MainWindow w;
        QString error;
        QVERIFY2(w.openScenario(out.fileName(), &error, true), qPrintable(error));
        w.show();
        SimulationController* c = w.controller();
        ChartsPanel* panel = w.chartsPanel();
        panel->freezeBox()->setChecked(true);
        const double t0 = panel->rangeStart(), t1 = panel->rangeEnd();
        QCOMPARE(t1 - t0, 600.0);
        w.speedControl()->setSpeed(0);
        c->setPauseAtNotes(false);
        QTRY_VERIFY(c->latest().seq > 0);
        c->play();
        QTRY_VERIFY_WITH_TIMEOUT(c->latest().state == RunState::Finished, 60000);
        QTest::qWait(50);
        QCOMPARE(panel->rangeStart(), t0);
        QCOMPARE(panel->rangeEnd(), t1);
        QVERIFY(panel->store().lastTime() >= 699); // data still arrives while frozen
        panel->freezeBox()->setChecked(false); // following again: the axis catches up with the run
        QCOMPARE(panel->rangeEnd(), c->latest().simTime);
        QCOMPARE(panel->rangeStart(), c->latest().simTime - 600);
    }
};

QTEST_MAIN(TestChartsWindow)
#include "tst_charts_window.moc"

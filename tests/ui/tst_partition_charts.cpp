// Issue 14: consumer lag per partition on demand, and the dock's merged redraws.
// - The catalog makes a per-partition lag chart (messages and seconds) from the sampler's
//   "<log>.<group>.pN.lag" series: a line per partition, the spread's lines past the per-partition
//   limit, the group in the label only when several groups have partitions.
// - hot-key (which names partition-lag in its charts:) run to the end in the window: the chart is
//   shown first, has a line per partition, the hot partition's line ends on the engine's value and
//   far above the others; the lag chart's context menu shows and hides it.
// - While a run plays, the dock redraws at most once per ChartsPanel::redrawIntervalMs() however
//   many frames arrive; paused, the last rows are drawn at once and none is lost.
#include "MainWindow.h"
#include "charts/ChartCatalog.h"
#include "charts/ChartFigure.h"
#include "charts/ChartWidget.h"
#include "metrics/TimeSeries.h"
#include "model/MetricsSampler.h"
#include "model/World.h"
#include "model/brokers/LogBroker.h"
#include "panels/ChartsPanel.h"
#include "run/RunDriver.h"
#include "sim/SimulationController.h"
#include "widgets/SpeedControl.h"

#include <QAction>
#include <QElapsedTimer>
#include <QMenu>
#include <QSettings>
#include <QStandardPaths>
#include <QtTest>

#include <algorithm>

using namespace esui;

namespace {

const ChartSpec* find(const std::vector<ChartSpec>& specs, const char* id)
{
    auto it = std::find_if(specs.begin(), specs.end(), [id](const ChartSpec& s) { return s.id == QLatin1String(id); });
    return it == specs.end() ? nullptr : &*it;
}

double lastAtOrBefore(const es::TimeSeriesSet& ts, const std::string& name, double t)
{
    std::size_t col = ts.seriesCount();
    for (std::size_t c = 0; c < ts.seriesCount(); ++c)
        if (ts.name(c) == name) col = c;
    if (col == ts.seriesCount()) qFatal("no series '%s'", name.c_str());
    double v = -1;
    for (std::size_t r = 0; r < ts.rowCount() && es::toSeconds(ts.timeAt(r)) <= t; ++r) v = ts.valueAt(r, col);
    return v;
}

} // namespace

class TestPartitionCharts : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { QSettings().clear(); }

    void catalogHasALinePerPartition()
    {
        const std::vector<std::string> one = {"g.lag_messages", "log.g.p0.lag", "log.g.p0.lag_seconds", "log.g.p1.lag",
                                              "log.g.p1.lag_seconds", "log.g.p10.lag", "log.g.p10.lag_seconds"};
        const std::vector<ChartSpec> specs = defaultCharts(one);
        const ChartSpec* lag = find(specs, "partition-lag");
        const ChartSpec* secs = find(specs, "partition-lag-seconds");
        QVERIFY(lag && secs);
        QCOMPARE(lag->lines.size(), std::size_t{3});
        QCOMPARE(lag->lines[0].series, std::string("log.g.p0.lag"));
        QCOMPARE(lag->lines[0].label, QString("p0")); // one group: no group in the label
        QCOMPARE(lag->lines[2].label, QString("p10"));
        QCOMPARE(secs->lines.size(), std::size_t{3});
        QCOMPARE(secs->lines[1].series, std::string("log.g.p1.lag_seconds"));
        // The group's own total stays on the lag chart only.
        QCOMPARE(find(specs, "lag-messages")->lines.size(), std::size_t{1});

        // Two groups, one of them past the per-partition limit: its spread, the group in each label.
        const std::vector<std::string> two = {"log.a.p0.lag", "log.a.p1.lag", "log.b.partitions.lag_min",
                                              "log.b.partitions.lag_mean", "log.b.partitions.lag_p99",
                                              "log.b.partitions.lag_max", "log.b.partitions.lag_seconds_p99",
                                              "log.b.partitions.lag_seconds_max"};
        const std::vector<ChartSpec> both = defaultCharts(two);
        const ChartSpec* l2 = find(both, "partition-lag");
        QVERIFY(l2);
        QCOMPARE(l2->lines.size(), std::size_t{6}); // a p0, a p1, b max/p99/mean/min
        QCOMPARE(l2->lines[0].label, QString("a p0"));
        QCOMPARE(l2->lines[2].series, std::string("log.b.partitions.lag_max"));
        QCOMPARE(l2->lines[2].label, QString("b partitions max"));
        const ChartSpec* s2 = find(both, "partition-lag-seconds");
        QVERIFY(s2);
        QCOMPARE(s2->lines.size(), std::size_t{2}); // b's p99 and max (a has no seconds series here)

        // Not a partition: a name that only looks like one.
        QVERIFY(!find(defaultCharts({"log.g.px.lag", "log.g.p.lag"}), "partition-lag"));
    }

    void hotPartitionStandsOutInTheWindow()
    {
        MainWindow w;
        QString error;
        QVERIFY2(w.openScenario(SCENARIOS_DIR "/lessons/hot-key.yaml", &error, true), qPrintable(error));
        w.resize(1600, 900);
        w.show();
        SimulationController* c = w.controller();
        ChartsPanel* panel = w.chartsPanel();
        w.speedControl()->setSpeed(0);
        c->setPauseAtNotes(false);
        QTRY_VERIFY(c->latest().seq > 0);
        c->play();
        QTRY_VERIFY_WITH_TIMEOUT(c->latest().state == RunState::Finished, 60000);
        QTest::qWait(50);

        // The lesson names it first: shown, before the group's total.
        QCOMPARE(panel->charts().front()->figure().spec().id, QString("partition-lag"));
        QVERIFY(panel->chartShown("partition-lag"));
        QVERIFY(!panel->chartShown("partition-lag-seconds"));
        const ChartFigure& f = panel->chart("partition-lag")->figure();
        QCOMPARE(f.spec().lines.size(), std::size_t{6});

        es::RunDriver headless(c->scenario());
        headless.run();
        es::LogBroker* log = nullptr;
        for (const auto& l : headless.world().logs())
            if (l->componentName() == "clicks") log = l.get();
        QVERIFY(log);
        const int hot = log->partitionOf(0);
        const double end = panel->store().lastTime();
        int hotLine = -1;
        for (std::size_t i = 0; i < f.spec().lines.size(); ++i) {
            const std::string& series = f.spec().lines[i].series;
            QCOMPARE(f.lastValue(static_cast<int>(i)), lastAtOrBefore(headless.world().sampler().series(), series, end));
            if (series == "clicks.trending.p" + std::to_string(hot) + ".lag") hotLine = static_cast<int>(i);
        }
        QVERIFY(hotLine >= 0);
        QCOMPARE(f.spec().lines[static_cast<std::size_t>(hotLine)].label, QString("p%1").arg(hot));
        // The lesson's point, from the chart: one line far above every other.
        for (int i = 0; i < static_cast<int>(f.spec().lines.size()); ++i)
            if (i != hotLine) QVERIFY(f.lastValue(hotLine) > 20 * std::max(1.0, f.lastValue(i)));

        // On demand from the lag charts' context menu: the per-partition chart in seconds.
        ChartWidget* lagSeconds = panel->chart("lag-seconds");
        QVERIFY(lagSeconds);
        QMenu menu;
        emit lagSeconds->contextMenuRequested(&menu);
        QAction* show = nullptr;
        for (QAction* a : menu.actions())
            if (a->text() == ChartsPanel::tr("Show lag per partition")) show = a;
        QVERIFY(show);
        QVERIFY(!show->isChecked());
        show->trigger();
        QVERIFY(panel->chartShown("partition-lag-seconds"));
        const ChartFigure& fs = panel->chart("partition-lag-seconds")->figure();
        QVERIFY(fs.pointCount(0) > 0); // shown after the run: it catches up with the data
        QVERIFY(panel->choices().isShown("partition-lag-seconds")); // and it is remembered
    }

    void redrawsAreMergedWhilePlaying()
    {
        ChartsPanel panel;
        panel.resize(800, 600);
        panel.show();
        Snapshot s;
        s.state = RunState::Playing;
        s.series.run = 1;
        s.series.names = {"g.lag_messages"};
        double t = 0;
        auto frame = [&] {
            t += 1;
            s.simTime = t;
            s.series.times = {t};
            s.series.values = {t * 2};
            panel.follow(s);
        };
        frame(); // the first frame builds the charts and draws at once
        const std::uint64_t first = panel.redraws();
        QElapsedTimer clock;
        clock.start();
        int frames = 0;
        while (clock.elapsed() < 400) {
            frame(), ++frames;
            QTest::qSleep(1); // frames a few ms apart, as from a GUI timer
        }
        const double elapsed = static_cast<double>(clock.elapsed());
        const std::uint64_t redraws = panel.redraws() - first;
        QVERIFY2(frames > 20, qPrintable(QString::number(frames)));
        // At most one redraw per interval, however many frames came (the bound the implementation
        // keeps, whatever the machine's speed), and it did redraw while playing.
        QVERIFY2(redraws <= static_cast<std::uint64_t>(elapsed / ChartsPanel::redrawIntervalMs()) + 1,
                 qPrintable(QStringLiteral("%1 redraws in %2 ms, %3 frames").arg(redraws).arg(elapsed).arg(frames)));
        QVERIFY(redraws >= 2);
        QVERIFY(static_cast<int>(redraws) < frames);
        // Paused: what arrived since the last redraw is drawn at once, nothing lost.
        s.state = RunState::Paused;
        const std::uint64_t before = panel.redraws();
        frame();
        QCOMPARE(panel.redraws(), before + 1);
        const ChartFigure& lag = panel.chart("lag-messages")->figure();
        QCOMPARE(lag.lastValue(0), t * 2);
        QCOMPARE(panel.store().series("g.lag_messages")->size(), static_cast<std::size_t>(frames + 2));
    }
};

QTEST_MAIN(TestPartitionCharts)
#include "tst_partition_charts.moc"

// Issue 14 ("where a flow runs synchronously and as events, both user-facing latencies on one
// axis"): after a variant switch the time charts keep the run before, dashed, named in the title.
// sync-vs-events run as events, then as calls: the Users chart shows the sync p99 climbing over the
// events run's flat p99, on one axis; another seed of the same file becomes the previous run too;
// another file drops it; the Charts menu hides and shows it.
#include "MainWindow.h"
#include "WindowRun.h"
#include "charts/ChartFigure.h"
#include "charts/ChartStore.h"
#include "charts/ChartWidget.h"
#include "panels/ChartsPanel.h"
#include "sim/SimulationController.h"
#include "widgets/SpeedControl.h"

#include <QAction>
#include <QMenu>
#include <QSettings>
#include <QStandardPaths>
#include <QtTest>

#include <algorithm>

using namespace esui;

namespace {

double maxOf(const ChartStore& store, const std::string& series, double from, double to)
{
    double m = 0;
    if (const SeriesBuffer* b = store.series(series))
        for (std::size_t i = 0; i < b->size(); ++i)
            if ((*b)[i].t >= from && (*b)[i].t <= to) m = std::max(m, (*b)[i].v);
    return m;
}

int lineOf(const ChartFigure& f, const std::string& series)
{
    for (std::size_t i = 0; i < f.spec().lines.size(); ++i)
        if (f.spec().lines[i].series == series) return static_cast<int>(i);
    return -1;
}

} // namespace

class TestPreviousRunCharts : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { QSettings().clear(); }

    void syncAndEventsOnOneAxis()
    {
        MainWindow w;
        QString error;
        QVERIFY2(w.openScenario(SCENARIOS_DIR "/lessons/sync-vs-events.yaml", &error, true), qPrintable(error));
        w.resize(1600, 900);
        w.show();
        ChartsPanel* panel = w.chartsPanel();
        QVERIFY(runToEnd(w));
        QVERIFY(!panel->hasPreviousRun());
        const std::string p99 = "orders.users.latency_p99_s";
        const double eventsP99 = maxOf(panel->store(), p99, 30, 90);

        QVERIFY2(w.openVariant(QStringLiteral("sync"), &error, true), qPrintable(error));
        QVERIFY(runToEnd(w));
        QVERIFY(panel->hasPreviousRun());
        QCOMPARE(panel->previousRunName(), QString("base, seed 7"));
        ChartWidget* users = panel->chart("users");
        QVERIFY(users && !users->isHidden());
        const ChartFigure& f = users->figure();
        QVERIFY(f.showsPreviousRun());
        const int line = lineOf(f, p99);
        QVERIFY(line >= 0);
        QVERIFY(f.pointCount(line) > 0);
        QVERIFY(f.previousPointCount(line) > 0);
        // The lesson's point on one axis: the calls' p99 far above the events' while email is slow.
        const double syncP99 = maxOf(panel->store(), p99, 30, 90);
        QVERIFY2(syncP99 > 5 * eventsP99, qPrintable(QStringLiteral("sync %1 s, events %2 s").arg(syncP99).arg(eventsP99)));

        // The Charts menu hides the previous run and shows it again.
        QAction* toggle = nullptr;
        for (QAction* a : panel->chooserMenu()->actions())
            if (a->text().startsWith(ChartsPanel::tr("Previous run"))) toggle = a;
        QVERIFY(toggle && toggle->isChecked());
        toggle->trigger();
        QVERIFY(!panel->previousRunShown());
        QVERIFY(!f.showsPreviousRun());
        QCOMPARE(f.previousPointCount(line), 0);
        panel->setPreviousRunShown(true);
        QVERIFY(f.showsPreviousRun() && f.previousPointCount(line) > 0);

        // A new seed: the sync run becomes the previous one.
        w.controller()->newSeed();
        QCOMPARE(panel->previousRunName(), QString("sync, seed 7"));
        QTRY_VERIFY_WITH_TIMEOUT(panel->chart("users") && panel->chart("users")->figure().showsPreviousRun(), 10000);

        // Another file: nothing to compare with.
        QVERIFY(w.openScenario(SCENARIOS_DIR "/lessons/order-placed.yaml", &error, true));
        QVERIFY(!panel->hasPreviousRun());
        for (ChartWidget* c : panel->charts()) QVERIFY(!c->figure().showsPreviousRun());
    }
};

QTEST_MAIN(TestPreviousRunCharts)
#include "tst_previous_run_charts.moc"

// Issue 16, "Side by side, live": two to four runs of one scenario in lockstep share one simulated
// clock, each reproduces its own headless digest, and each chart has a line per run.
#include "charts/ChartWidget.h"
#include "compare/LockstepRuns.h"
#include "compare/SideBySideWindow.h"
#include "run/RunDriver.h"
#include "scenario/ScenarioLoader.h"

#include <QtTest>

#include <nlohmann/json.hpp>

namespace {
const QString kSyncVsEvents = QStringLiteral(SCENARIOS_DIR "/lessons/sync-vs-events.yaml");
}

class TestSideBySide : public QObject {
    Q_OBJECT
private slots:
    void rowsParse();
    void runsShareOneClockAndReproduceTheirDigests();
    void overridesMakeARow();
    void badRowsAreRefused();
};

void TestSideBySide::rowsParse()
{
    const std::vector<esui::LockstepRow> rows =
        esui::parseLockstepRows(QStringLiteral("base,sync:services.email.concurrency=8;services.email.instances=2"));
    QCOMPARE(rows.size(), std::size_t{2});
    QVERIFY(rows[0].variant.isEmpty());
    QCOMPARE(rows[1].variant, QStringLiteral("sync"));
    QCOMPARE(rows[1].sets, (QStringList{QStringLiteral("services.email.concurrency=8"), QStringLiteral("services.email.instances=2")}));
    QCOMPARE(rows[1].label(), QStringLiteral("sync + services.email.concurrency=8 + services.email.instances=2"));
    QVERIFY(esui::parseLockstepRows(QStringLiteral("sync:concurrency")).empty()); // an override without '='
}

void TestSideBySide::runsShareOneClockAndReproduceTheirDigests()
{
    esui::SideBySideWindow w;
    QString error;
    QVERIFY2(w.open(kSyncVsEvents, esui::parseLockstepRows(QStringLiteral("base,sync")), &error), qPrintable(error));
    w.resize(1280, 720);
    w.show();
    esui::LockstepRuns& runs = w.runs();
    QCOMPARE(runs.count(), 2);
    runs.setSpeed(0); // as fast as possible: still in steps of a hundredth of the run
    const double step = runs.endTime() / 100;
    double worstSpread = 0;
    int frames = 0;
    connect(&runs, &esui::LockstepRuns::frame, this, [&] {
        worstSpread = std::max(worstSpread, runs.spread());
        ++frames;
    });
    runs.play();
    QTRY_VERIFY_WITH_TIMEOUT(runs.isFinished(), 120000);
    QVERIFY(frames > 20);
    // One clock: no run was ever more than one step of the shared clock ahead of another.
    QVERIFY2(worstSpread <= step + 1e-9, qPrintable(QString::number(worstSpread)));
    QCOMPARE(runs.now(), runs.endTime());

    // Each run is the headless run of its variant at the shared seed, digit for digit.
    std::vector<double> p99;
    for (int i = 0; i < runs.count(); ++i) {
        es::Scenario sc = es::loadScenarioFile(kSyncVsEvents.toStdString(), {}, runs.row(i).variant.toStdString());
        sc.seed = runs.seed();
        es::RunDriver driver(sc);
        const es::RunSummary summary = driver.run();
        const std::string headless = es::digestHex(summary.traceDigest);
        QVERIFY(!summary.requests.empty());
        p99.push_back(summary.requests.front().latency.p99);
        QTRY_VERIFY(runs.run(i)->latest().summary && runs.run(i)->latest().state == esui::RunState::Finished);
        QCOMPARE((*runs.run(i)->latest().summary)["trace_digest"].get<std::string>(), headless);
        QVERIFY2(w.statusOf(i).contains(QString::fromStdString(headless)), qPrintable(w.statusOf(i)));
    }
    // The charts: a line per run on one axis, both drawn.
    QVERIFY(!w.charts().empty());
    const esui::ChartFigure& users = w.charts().front()->figure();
    QCOMPARE(users.spec().id, QStringLiteral("users"));
    QCOMPARE(users.spec().lines.size(), std::size_t{2});
    QVERIFY(users.spec().lines[0].series.rfind("0/", 0) == 0 && users.spec().lines[1].series.rfind("1/", 0) == 0);
    QVERIFY(users.pointCount(0) > 10 && users.pointCount(1) > 10);
    // The lesson's point: the users of the synchronous chain wait far longer than those of the events.
    QVERIFY2(users.spec().lines[1].label.startsWith(QLatin1String("sync")), qPrintable(users.spec().lines[1].label));
    QVERIFY2(p99[1] > 10 * p99[0], qPrintable(QStringLiteral("%1 vs %2").arg(p99[1]).arg(p99[0])));
}

void TestSideBySide::overridesMakeARow()
{
    esui::LockstepRuns runs;
    QString error;
    QVERIFY2(runs.open(kSyncVsEvents, esui::parseLockstepRows(QStringLiteral("sync,sync:services.email.concurrency=8")), &error),
             qPrintable(error));
    const es::ServiceSpec* a = runs.run(0)->scenario().findService("email");
    const es::ServiceSpec* b = runs.run(1)->scenario().findService("email");
    QVERIFY(a && b);
    QVERIFY(b->consumer);
    QCOMPARE(b->consumer->concurrency, 8);
    QVERIFY(a->consumer->concurrency != 8);
    QCOMPARE(runs.run(0)->seed(), runs.run(1)->seed()); // paired
}

void TestSideBySide::badRowsAreRefused()
{
    esui::LockstepRuns runs;
    QString error;
    QVERIFY(!runs.open(kSyncVsEvents, esui::parseLockstepRows(QStringLiteral("base")), &error));
    QVERIFY2(error.contains(QLatin1String("2 to 4")), qPrintable(error));
    QVERIFY(!runs.open(kSyncVsEvents, esui::parseLockstepRows(QStringLiteral("base,nope")), &error));
    QVERIFY2(error.contains(QLatin1String("nope")), qPrintable(error));
    QCOMPARE(runs.count(), 0); // nothing kept
}

QTEST_MAIN(TestSideBySide)
#include "tst_side_by_side.moc"

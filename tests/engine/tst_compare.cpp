// Issue 16's replications and comparison table (engine/compare/, `eventscape-cli compare`): the
// t-interval against a hand-computed one, the table's cells against the runs' own summaries, paired
// differences on the same seeds, the same results on one worker and on two, a replication equal to a
// plain RunDriver run, and bad input refused with exit code 2.
#include "compare/CompareExport.h"
#include "compare/CompareFormat.h"
#include "compare/CompareTable.h"
#include "compare/Replications.h"
#include "compare/TInterval.h"
#include "run/RunDriver.h"
#include "scenario/ScenarioLoader.h"
#include "store/RunStore.h"

#include "CliProcess.h"

#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <csignal>
#include <sys/types.h>
#include <cmath>
#include <fstream>

namespace {

const std::string kSyncVsEvents = SCENARIOS_DIR "/lessons/sync-vs-events.yaml";
const std::string kDuplicates = SCENARIOS_DIR "/lessons/at-least-once-duplicates.yaml";
const QString kCli = QStringLiteral(CLI_PATH);

es::ReplicationPlan plan(const std::string& path, std::vector<std::string> variants, int seeds, unsigned jobs)
{
    es::ReplicationPlan p;
    p.scenarioPath = path;
    p.variants = std::move(variants);
    p.seeds = seeds;
    p.jobs = jobs;
    return p;
}

std::size_t columnIndex(const es::CompareTable& t, const std::string& key)
{
    for (std::size_t c = 0; c < t.columns.size(); ++c)
        if (t.columns[c].key == key) return c;
    return t.columns.size();
}


} // namespace

class TestCompare : public QObject {
    Q_OBJECT
private slots:
    void tIntervalOfKnownSample();
    void tIntervalEdges();
    void tableEqualsTheRunsSummaries();
    void pairedDifferencesUseTheSameSeeds();
    void oneAndTwoWorkersGiveTheSameRuns();
    void replicationIsAPlainRun();
    void badInputIsRefused();
    void exportWritesTableAndSeries();
    void sweepParses();
    void sweepRowsAndCurve();
    void cliCompares();
    void cliRefusesBadInputWithExit2();
    void cliInterruptStopsCleanly();
    void aSavedComparisonReopens();
};

void TestCompare::tIntervalOfKnownSample()
{
    // By hand: mean 40/8 = 5; squared deviations 9+1+1+1+0+0+4+16 = 32, s = √(32/7) = 2.13809;
    // t(0.975, 7) = 2.36462; half-width = 2.36462 × 2.13809 / √8 = 1.78749.
    const es::Interval i = es::tInterval({2, 4, 4, 4, 5, 5, 7, 9});
    QCOMPARE(i.n, std::size_t{8});
    QVERIFY(std::fabs(i.mean - 5) < 1e-12);
    QVERIFY2(std::fabs(i.stddev - 2.13809) < 1e-3, qPrintable(QString::number(i.stddev)));
    QVERIFY2(std::fabs(es::studentTQuantile(0.975, 7) - 2.36462) < 1e-3, "t(0.975, 7)");
    QVERIFY2(std::fabs(i.halfWidth - 1.78749) < 1e-3, qPrintable(QString::number(i.halfWidth)));
    QVERIFY(std::fabs(i.low() - 3.21251) < 1e-3 && std::fabs(i.high() - 6.78749) < 1e-3);
    // Two more quantiles from printed tables: t(0.975, 1) = 12.706, t(0.975, 30) = 2.042.
    QVERIFY(std::fabs(es::studentTQuantile(0.975, 1) - 12.706) < 1e-3);
    QVERIFY(std::fabs(es::studentTQuantile(0.975, 30) - 2.042) < 1e-3);
}

void TestCompare::tIntervalEdges()
{
    const es::Interval none = es::tInterval({});
    QCOMPARE(none.n, std::size_t{0});
    QVERIFY(std::isnan(none.mean));
    const es::Interval one = es::tInterval({3.5});
    QCOMPARE(one.mean, 3.5);
    QVERIFY(std::isnan(one.halfWidth)); // no spread from one value
    const es::Interval same = es::tInterval({0.1, 0.1, 0.1});
    QCOMPARE(same.halfWidth, 0.0);
    QCOMPARE(same.mean, 0.1);
}

void TestCompare::tableEqualsTheRunsSummaries()
{
    es::Replications reps(plan(kSyncVsEvents, {"base", "sync"}, 3, 2));
    const std::vector<es::RunOutcome> outcomes = reps.run();
    const es::CompareTable t = es::buildCompareTable(reps, outcomes);
    QCOMPARE(t.latencySource, es::LatencySource::Users);
    QCOMPARE(t.runsDone, std::size_t{6});
    const std::size_t p99 = columnIndex(t, "latency_p99_s"), completed = columnIndex(t, "completed");
    const std::size_t failed = columnIndex(t, "failed");
    QVERIFY(p99 < t.columns.size() && completed < t.columns.size() && failed < t.columns.size());
    // No read model, no state in this lesson: those columns are left out.
    QCOMPARE(columnIndex(t, "max_staleness_s"), t.columns.size());
    QCOMPARE(columnIndex(t, "oversold"), t.columns.size());
    for (std::size_t v = 0; v < 2; ++v) {
        double sumP99 = 0, sumCompleted = 0, sumFailed = 0;
        for (const es::RunOutcome& o : outcomes) {
            if (o.task.row != v) continue;
            QVERIFY(o.done);
            QCOMPARE(o.summary.requests.size(), std::size_t{1}); // one entry service: no "worst of" in play
            const es::RequestSummary& r = o.summary.requests[0];
            sumP99 += r.latency.p99;
            sumCompleted += static_cast<double>(r.succeeded);
            sumFailed += static_cast<double>(r.failed + r.timedOut + r.rejected + r.failedFast);
        }
        QVERIFY(std::fabs(t.cells[v][p99].interval.mean - sumP99 / 3) < 1e-12);
        QVERIFY(std::fabs(t.cells[v][completed].interval.mean - sumCompleted / 3) < 1e-9);
        QVERIFY(std::fabs(t.cells[v][failed].interval.mean - sumFailed / 3) < 1e-9);
        QCOMPARE(t.cells[v][p99].interval.n, std::size_t{3});
    }
    // The synchronous chain's users wait far longer: it is marked worst, the events flow best.
    QVERIFY(t.cells[0][p99].best && t.cells[1][p99].worst);
    QVERIFY(!t.cells[0][p99].worst && !t.cells[1][p99].best);
}

void TestCompare::pairedDifferencesUseTheSameSeeds()
{
    es::Replications reps(plan(kDuplicates, {"base", "idempotent", "no-crashes"}, 4, 2));
    const std::vector<es::RunOutcome> outcomes = reps.run();
    // Every variant ran seeds first..first+3, in the same order.
    for (const es::RunOutcome& o : outcomes)
        QCOMPARE(o.task.seed, reps.firstSeed() + static_cast<std::uint64_t>(o.task.seedIndex));
    const es::CompareTable t = es::buildCompareTable(reps, outcomes); // baseline: the first, base
    QCOMPARE(t.baseline, std::size_t{0});
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
        // base − base: exactly zero, with zero width.
        const es::Interval& self = t.differences[0][c];
        QCOMPARE(self.n, std::size_t{4});
        QCOMPARE(self.mean, 0.0);
        QCOMPARE(self.halfWidth, 0.0);
        // Each difference is the mean of seed-by-seed differences of the cells' own values, over the
        // seeds both runs have the figure for (no-crashes has no failure, so no recovery time).
        for (std::size_t v = 1; v < t.variants.size(); ++v) {
            std::vector<double> d;
            for (std::size_t k = 0; k < 4; ++k)
                if (!std::isnan(t.cells[v][c].values[k]) && !std::isnan(t.cells[0][c].values[k]))
                    d.push_back(t.cells[v][c].values[k] - t.cells[0][c].values[k]);
            QCOMPARE(t.differences[v][c].n, d.size());
            if (d.empty()) continue;
            const es::Interval expected = es::tInterval(d);
            QVERIFY(std::fabs(t.differences[v][c].mean - expected.mean) < 1e-12);
            QVERIFY(std::fabs(t.differences[v][c].halfWidth - expected.halfWidth) < 1e-12);
        }
    }
    // The idempotent consumer applies no effect twice; the base does under its crashes. Paired on
    // the same arrivals the difference is exactly minus the base's duplicates, seed by seed.
    const std::size_t dup = columnIndex(t, "duplicate_effects");
    QVERIFY(dup < t.columns.size());
    QVERIFY(t.cells[0][dup].interval.mean > 0);
    QCOMPARE(t.cells[1][dup].interval.mean, 0.0);
    QCOMPARE(t.differences[1][dup].mean, -t.cells[0][dup].interval.mean);
    QVERIFY(t.cells[1][dup].best && t.cells[0][dup].worst);
    // Common random numbers: the completed flows are identical in every variant (same arrivals), so
    // their paired difference has zero width even though each row's own interval is wide.
    const std::size_t completed = columnIndex(t, "completed");
    QVERIFY(t.cells[0][completed].interval.halfWidth > 0);
    QCOMPARE(t.differences[2][completed].halfWidth, 0.0);
}

void TestCompare::oneAndTwoWorkersGiveTheSameRuns()
{
    es::Replications one(plan(kSyncVsEvents, {}, 3, 1)), two(plan(kSyncVsEvents, {}, 3, 2));
    QCOMPARE(one.plan().variants.size(), std::size_t{4}); // base and the lesson's three variants
    QCOMPARE(one.jobs(), 1u);
    QCOMPARE(two.jobs(), 2u);
    const std::vector<es::RunOutcome> a = one.run(), b = two.run();
    QCOMPARE(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        QVERIFY(a[i].done && b[i].done);
        QCOMPARE(a[i].task.seed, b[i].task.seed);
        QCOMPARE(a[i].summary.traceDigest, b[i].summary.traceDigest);
        QCOMPARE(a[i].summary.eventsProcessed, b[i].summary.eventsProcessed);
    }
    // The whole table, every digit: nothing in it depends on timing or on the worker.
    QCOMPARE(es::compareToJson(es::buildCompareTable(one, a)).dump(),
             es::compareToJson(es::buildCompareTable(two, b)).dump());
}

void TestCompare::replicationIsAPlainRun()
{
    // Seed k of variant V is `eventscape-cli run --variant V --seed <scenario seed + k>`.
    es::Replications reps(plan(kSyncVsEvents, {"sync"}, 2, 2));
    const std::vector<es::RunOutcome> outcomes = reps.run();
    es::Scenario sc = es::loadScenarioFile(kSyncVsEvents, {}, "sync");
    QCOMPARE(reps.firstSeed(), sc.seed);
    sc.seed += 1;
    es::RunDriver driver(sc);
    const es::RunSummary plain = driver.run();
    QCOMPARE(outcomes[1].task.seed, sc.seed);
    QCOMPARE(outcomes[1].summary.traceDigest, plain.traceDigest);
    QVERIFY(outcomes[0].summary.traceDigest != plain.traceDigest);
}

void TestCompare::badInputIsRefused()
{
    QVERIFY_THROWS_EXCEPTION(es::ScenarioError, es::Replications(plan(kSyncVsEvents, {"base", "asynch"}, 2, 1)));
    es::ReplicationPlan badSet = plan(kSyncVsEvents, {"base"}, 2, 1);
    badSet.sets = {"services.orders.concurency=4"};
    QVERIFY_THROWS_EXCEPTION(es::ScenarioError, es::Replications{badSet});
    badSet.sets = {"no-equals-sign"};
    QVERIFY_THROWS_EXCEPTION(es::ScenarioError, es::Replications{badSet});
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, es::Replications(plan(kSyncVsEvents, {"base"}, 0, 1)));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, es::Replications(plan(kSyncVsEvents, {"sync", "sync"}, 2, 1)));
    es::Replications reps(plan(kSyncVsEvents, {"base", "sync"}, 2, 1));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, es::buildCompareTable(reps, {}, "nope"));
}

void TestCompare::exportWritesTableAndSeries()
{
    es::ReplicationPlan p = plan(kDuplicates, {"base", "idempotent"}, 2, 2);
    p.keepSeries = true;
    es::Replications reps(p);
    const std::vector<es::RunOutcome> outcomes = reps.run();
    const es::CompareTable t = es::buildCompareTable(reps, outcomes, "idempotent");
    QTemporaryDir dir;
    const std::vector<std::string> files = es::writeCompareExport(dir.path().toStdString(), reps, t, outcomes);
    QVERIFY(files.size() > 2);

    std::ifstream csv(dir.filePath(QStringLiteral("table.csv")).toStdString());
    std::string header, line;
    std::getline(csv, header);
    QCOMPARE(header, std::string("variant,column,better,mean,ci_low,ci_high,n,best,worst,baseline,diff_mean,"
                                 "diff_ci_low,diff_ci_high,diff_n"));
    std::size_t rows = 0;
    while (std::getline(csv, line)) ++rows;
    QCOMPARE(rows, t.variants.size() * t.columns.size());

    QFile jf(dir.filePath(QStringLiteral("table.json")));
    QVERIFY(jf.open(QIODevice::ReadOnly));
    const QJsonObject j = QJsonDocument::fromJson(jf.readAll()).object();
    QCOMPARE(j.value("schema").toString(), QStringLiteral("eventscape.compare/1"));
    QCOMPARE(j.value("baseline").toString(), QStringLiteral("idempotent"));
    QCOMPARE(j.value("rows").toArray().size(), static_cast<qsizetype>(rows));
    QCOMPARE(j.value("differences").toArray().size(), static_cast<qsizetype>(rows));

    // One folder per variant × seed, one file per series, each with its header and every sample.
    for (const es::RunOutcome& o : outcomes) {
        QVERIFY(o.series);
        const QString folder = dir.filePath(QStringLiteral("series/%1").arg(QString::fromStdString(
            es::compareSeriesFolder(t.variants[o.task.row], o.task.seed))));
        const QStringList series = QDir(folder).entryList({QStringLiteral("*.csv")}, QDir::Files);
        QCOMPARE(static_cast<std::size_t>(series.size()), o.series->seriesCount());
        QFile f(folder + QStringLiteral("/events_in_system.csv"));
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.fileName()));
        const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
        QCOMPARE(lines.front(), QByteArray("t_s,events_in_system"));
        QCOMPARE(static_cast<std::size_t>(lines.size() - 1), o.series->rowCount());
    }
}

void TestCompare::sweepParses()
{
    const es::Sweep a = es::parseSweep("services.email.concurrency=1..4:1");
    QCOMPARE(a.key, std::string("services.email.concurrency"));
    QCOMPARE(a.values, (std::vector<std::string>{"1", "2", "3", "4"}));
    const es::Sweep b = es::parseSweep("services.orders.rate=10/s..30/s:10/s");
    QCOMPARE(b.values, (std::vector<std::string>{"10/s", "20/s", "30/s"}));
    const es::Sweep c = es::parseSweep("x=0.1..0.3:0.1"); // binary rounding must not lose the last point
    QCOMPARE(c.values, (std::vector<std::string>{"0.1", "0.2", "0.3"}));
    QCOMPARE(es::parseSweep("x=5..5:1").values.size(), std::size_t{1});
    for (const char* bad : {"x=1..4", "x=4..1:1", "x=1..4:0", "x=1ms..4s:1ms", "=1..2:1", "x=a..b:1", "x=1..100000:1"})
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, es::parseSweep(bad));
}

void TestCompare::sweepRowsAndCurve()
{
    es::ReplicationPlan p = plan(kSyncVsEvents, {"sync"}, 2, 2);
    p.sweep = es::parseSweep("services.email.concurrency=2..6:2");
    es::Replications reps(p);
    QCOMPARE(reps.rows().size(), std::size_t{3});
    QCOMPARE(reps.rows()[1].label, std::string("concurrency=4"));
    QCOMPARE(reps.rows()[1].sets.back(), std::string("services.email.concurrency=4"));
    const std::vector<es::RunOutcome> outcomes = reps.run();
    // A row is `run --variant sync --set services.email.concurrency=4` at each seed.
    es::Scenario sc = es::loadScenarioFile(kSyncVsEvents, {es::parseOverride("services.email.concurrency=4")}, "sync");
    es::RunDriver driver(sc);
    QCOMPARE(outcomes[2].task.row, std::size_t{1});
    QCOMPARE(outcomes[2].summary.traceDigest, driver.run().traceDigest);
    QCOMPARE(outcomes[2].summary.overrides, (std::vector<std::string>{"services.email.concurrency=4"}));

    const es::CompareTable t = es::buildCompareTable(reps, outcomes, "concurrency=4");
    QCOMPARE(t.baseline, std::size_t{1});
    QCOMPARE(t.rowPoints, (std::vector<std::string>{"2", "4", "6"}));
    // More email workers, fewer failed user requests in the synchronous chain.
    const std::size_t failed = columnIndex(t, "failed");
    QVERIFY(t.cells[0][failed].interval.mean > t.cells[2][failed].interval.mean);
    const std::string curve = es::compareCurveCsv(t);
    QVERIFY(curve.rfind("variant,services.email.concurrency,column,mean,ci_low,ci_high,n\n", 0) == 0);
    QVERIFY(curve.find("\nsync,6,failed,") != std::string::npos);
    QCOMPARE(static_cast<std::size_t>(std::count(curve.begin(), curve.end(), '\n')), 1 + 3 * t.columns.size());
    QTemporaryDir dir;
    es::writeCompareExport(dir.path().toStdString(), reps, t, outcomes);
    QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("curve.csv"))));
}

void TestCompare::cliCompares()
{
    const CliResult r = runCli({QStringLiteral("compare"), QStringLiteral("sync-vs-events"), QStringLiteral("--variants"),
                                QStringLiteral("base,sync"), QStringLiteral("--seeds"), QStringLiteral("3"),
                                QStringLiteral("--jobs"), QStringLiteral("2"), QStringLiteral("--json"),
                                QStringLiteral("--no-store")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject j = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(j.value("variants").toArray().size(), 2);
    QCOMPARE(j.value("seeds").toArray().size(), 3);
    QCOMPARE(j.value("latency_source").toString(), QStringLiteral("users"));
    QCOMPARE(j.value("runs").toObject().value("done").toInt(), 6);

    // Saved in the store given, one run per variant × seed; the text table names the variants.
    QTemporaryDir dir;
    const QString store = dir.filePath(QStringLiteral("runs.sqlite"));
    const CliResult text = runCli({QStringLiteral("compare"), QString::fromStdString(kDuplicates),
                                   QStringLiteral("--seeds"), QStringLiteral("2"), QStringLiteral("--store"), store});
    QVERIFY2(text.exitCode == 0, text.err.constData());
    QVERIFY(text.out.contains("idempotent") && text.out.contains("paired differences"));
    QVERIFY2(text.err.contains("6 runs and comparison"), text.err.constData());
    const CliResult runs = runCli({QStringLiteral("runs"), QStringLiteral("--store"), store, QStringLiteral("--json")});
    const QJsonArray stored = QJsonDocument::fromJson(runs.out).object().value("runs").toArray();
    QCOMPARE(stored.size(), 6);
    // The comparison names those six runs by uuid, variant by variant, seed by seed.
    es::RunStore s(store.toStdString());
    const std::vector<es::ComparisonRecord> comparisons = s.listComparisons();
    QCOMPARE(comparisons.size(), std::size_t{1});
    const es::ComparisonRecord& c = comparisons.front();
    QCOMPARE(c.scenarioId, std::string("at-least-once-duplicates"));
    QCOMPARE(c.runs.size(), std::size_t{6});
    QCOMPARE(c.runs[0].variant, std::string("base"));
    QCOMPARE(c.runs[1].seed, c.runs[0].seed + 1);
    QCOMPARE(c.runs[2].variant, c.runs[3].variant);
    QCOMPARE(c.runs[2].seed, c.runs[0].seed); // paired: every variant starts from the same seed
    for (const es::ComparisonRun& run : c.runs) {
        bool found = false;
        for (const QJsonValue& v : stored) found = found || v.toObject().value("uuid").toString().toStdString() == run.runUuid;
        QVERIFY2(found, run.runUuid.c_str());
    }
    QVERIFY(nlohmann::json::parse(c.tableJson).at("runs").at("done") == 6);
    QVERIFY(nlohmann::json::parse(c.settingsJson).at("seeds") == 2);

    // A sweep's runs are stored with the point among their overrides, as `run --set` would store them.
    const QString swept = dir.filePath(QStringLiteral("sweep.sqlite"));
    const CliResult sweep = runCli({QStringLiteral("compare"), QStringLiteral("sync-vs-events"), QStringLiteral("--variants"),
                                    QStringLiteral("sync"), QStringLiteral("--sweep"),
                                    QStringLiteral("services.email.concurrency=2..3:1"), QStringLiteral("--seeds"),
                                    QStringLiteral("1"), QStringLiteral("--store"), swept});
    QVERIFY2(sweep.exitCode == 0, sweep.err.constData());
    const std::vector<es::RunRecord> sweptRuns = es::RunStore(swept.toStdString()).listRuns();
    QCOMPARE(sweptRuns.size(), std::size_t{2});
    std::vector<std::vector<std::string>> overrides;
    for (const es::RunRecord& record : sweptRuns) overrides.push_back(record.overrides);
    std::sort(overrides.begin(), overrides.end());
    QCOMPARE(overrides, (std::vector<std::vector<std::string>>{{"services.email.concurrency=2"},
                                                                {"services.email.concurrency=3"}}));
    // A store that cannot be opened: exit 2, and the message names it.
    const CliResult badStore = runCli({QStringLiteral("compare"), QStringLiteral("sync-vs-events"), QStringLiteral("--seeds"),
                                       QStringLiteral("1"), QStringLiteral("--store"), QStringLiteral("/dev/null/runs.sqlite")});
    QCOMPARE(badStore.exitCode, 2);
    QVERIFY2(badStore.err.contains("/dev/null/runs.sqlite"), badStore.err.constData());
}

void TestCompare::cliRefusesBadInputWithExit2()
{
    const QStringList base{QStringLiteral("compare"), QStringLiteral("sync-vs-events"), QStringLiteral("--no-store"),
                           QStringLiteral("--seeds"), QStringLiteral("2")};
    const CliResult variant = runCli(base + QStringList{QStringLiteral("--variants"), QStringLiteral("base,asynch")});
    QCOMPARE(variant.exitCode, 2);
    QVERIFY2(variant.err.contains("asynch"), variant.err.constData());
    const CliResult set = runCli(base + QStringList{QStringLiteral("--set"), QStringLiteral("services.orders.concurency=4")});
    QCOMPARE(set.exitCode, 2);
    QVERIFY2(set.err.contains("concurency"), set.err.constData());
    const CliResult baseline = runCli(base + QStringList{QStringLiteral("--baseline"), QStringLiteral("nope")});
    QCOMPARE(baseline.exitCode, 2);
    QVERIFY2(baseline.err.contains("--baseline nope"), baseline.err.constData());
    const CliResult seeds = runCli({QStringLiteral("compare"), QStringLiteral("sync-vs-events"), QStringLiteral("--seeds"),
                                    QStringLiteral("0"), QStringLiteral("--no-store")});
    QCOMPARE(seeds.exitCode, 2);
    QVERIFY(seeds.out.isEmpty());
    const CliResult sweep = runCli(base + QStringList{QStringLiteral("--sweep"), QStringLiteral("services.email.concurrency=4..1:1")});
    QCOMPARE(sweep.exitCode, 2);
    QVERIFY2(sweep.err.contains("--sweep"), sweep.err.constData());
    const CliResult sweepKey = runCli(base + QStringList{QStringLiteral("--sweep"), QStringLiteral("services.email.concurency=1..2:1")});
    QCOMPARE(sweepKey.exitCode, 2);
    QVERIFY2(sweepKey.err.contains("concurency"), sweepKey.err.constData());
}

// Ctrl-C: the runs in flight stop, no new one starts, the table of those finished is printed, exit 130.
void TestCompare::cliInterruptStopsCleanly()
{
    QTemporaryDir dir;
    QProcess p;
    p.start(kCli, {QStringLiteral("compare"), QStringLiteral("sync-vs-events"), QStringLiteral("--set"),
                   QStringLiteral("duration=100000d"), QStringLiteral("--seeds"), QStringLiteral("3"),
                   QStringLiteral("--jobs"), QStringLiteral("2"), QStringLiteral("--json"), QStringLiteral("--store"),
                   dir.filePath(QStringLiteral("runs.sqlite"))});
    QVERIFY(p.waitForStarted(10000));
    QTest::qWait(400);
    QCOMPARE(::kill(static_cast<pid_t>(p.processId()), SIGINT), 0);
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 130);
    const QJsonObject j = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
    QCOMPARE(j.value("runs").toObject().value("done").toInt(-1), 0);
    QCOMPARE(j.value("runs").toObject().value("planned").toInt(), 12);
    const QByteArray err = p.readAllStandardError();
    QVERIFY2(err.contains("interrupted: 0 of 12 runs finished"), err.constData());
    // The two runs in flight are saved as interrupted; the comparison is not saved.
    es::RunStore store(dir.filePath(QStringLiteral("runs.sqlite")).toStdString());
    const std::vector<es::RunRecord> runs = store.listRuns();
    QVERIFY(runs.size() <= 2); // none when the signal came before the first run was inserted
    for (const es::RunRecord& r : runs) QCOMPARE(r.status(), std::string("interrupted"));
    QVERIFY(store.listComparisons().empty());
}

// "A comparison is saved in the store ... and can be reopened": compare --open gives the same table
// from the stored runs, for variants and for a sweep; `comparisons` lists what the store holds.
void TestCompare::aSavedComparisonReopens()
{
    QTemporaryDir dir;
    const QString store = dir.filePath(QStringLiteral("runs.sqlite"));
    const CliResult made = runCli({QStringLiteral("compare"), QStringLiteral("outbox"), QStringLiteral("--seeds"),
                                   QStringLiteral("3"), QStringLiteral("--json"), QStringLiteral("--store"), store});
    QVERIFY2(made.exitCode == 0, made.err.constData());
    const CliResult swept = runCli({QStringLiteral("compare"), QStringLiteral(SCENARIOS_DIR "/bench/mmc.yaml"), QStringLiteral("--seeds"),
                                    QStringLiteral("2"), QStringLiteral("--sweep"), QStringLiteral("services.server.concurrency=3..5:1"),
                                    QStringLiteral("--set"), QStringLiteral("duration=60s"), QStringLiteral("--json"),
                                    QStringLiteral("--store"), store});
    QVERIFY2(swept.exitCode == 0, swept.err.constData());

    const CliResult listed = runCli({QStringLiteral("comparisons"), QStringLiteral("--store"), store, QStringLiteral("--json")});
    QCOMPARE(listed.exitCode, 0);
    const QJsonArray all = QJsonDocument::fromJson(listed.out).object().value("comparisons").toArray();
    QCOMPARE(all.size(), 2);
    QCOMPARE(all[0].toObject().value("runs").toInt(), 9);
    QCOMPARE(all[0].toObject().value("scenario").toString(), QStringLiteral("outbox"));

    const CliResult first = runCli({QStringLiteral("compare"), QStringLiteral("--open"), QStringLiteral("1"),
                                    QStringLiteral("--json"), QStringLiteral("--store"), store});
    QVERIFY2(first.exitCode == 0, first.err.constData());
    QCOMPARE(first.out, made.out); // the same table, digit for digit
    const QString uuid = all[1].toObject().value("uuid").toString();
    const CliResult second = runCli({QStringLiteral("compare"), QStringLiteral("--open"), uuid.left(6),
                                     QStringLiteral("--json"), QStringLiteral("--store"), store});
    QVERIFY2(second.exitCode == 0, second.err.constData());
    QCOMPARE(second.out, swept.out);
    // Reopening saves nothing new.
    const CliResult again = runCli({QStringLiteral("comparisons"), QStringLiteral("--store"), store, QStringLiteral("--json")});
    QCOMPARE(QJsonDocument::fromJson(again.out).object().value("comparisons").toArray().size(), 2);

    // Neither an id nor a uuid's beginning (uuids are hex digits).
    const CliResult none = runCli({QStringLiteral("compare"), QStringLiteral("--open"), QStringLiteral("7z"),
                                   QStringLiteral("--store"), store});
    QCOMPARE(none.exitCode, 2);
    QVERIFY2(none.err.contains("no comparison '7z'"), none.err.constData());
    const CliResult both = runCli({QStringLiteral("compare"), QStringLiteral("outbox"), QStringLiteral("--open"),
                                   QStringLiteral("1"), QStringLiteral("--store"), store});
    QCOMPARE(both.exitCode, 2); // a scenario and --open exclude each other
}

QTEST_GUILESS_MAIN(TestCompare)
#include "tst_compare.moc"

// Issue 16, "past one machine" (docs/cli-batch.md): `plan` writes compare's runs as job lines, GNU
// parallel runs them (-j2), `merge` gathers the shards by run uuid and `compare --from-store` builds
// the very table `compare` computes in-process; merging again adds nothing; a damaged shard is
// refused and leaves the target as it was; a job run again replaces its unfinished attempt;
// `compare-runs` sets two stored runs side by side.
#include "store/RunStore.h"
#include "store/SqliteHandle.h"
#include "store/StoreMerge.h"
#include "store/StoreOpen.h"

#include "CliProcess.h"

#include <QtTest>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <map>

namespace {

const QString kLesson = QStringLiteral(SCENARIOS_DIR "/lessons/consumer-catch-up.yaml");
// Quotes, a dollar, a semicolon and backquotes: the job lines must hand them to `run` untouched
// (the stored overrides must equal the plan's, or --from-store refuses the run).
const QString kAwkwardSet = QStringLiteral("title=It's \"quoted\" $HOME; `x`");


// The comparison every case plans: two variants × three seeds of a lesson with a consumer crash.
QStringList comparisonArgs()
{
    return {kLesson, QStringLiteral("--variants"), QStringLiteral("base,longer-outage"), QStringLiteral("--seeds"),
            QStringLiteral("3"), QStringLiteral("--set"), kAwkwardSet};
}

QByteArray fileBytes(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Rows in every table of a store, by table name.
std::map<std::string, std::int64_t> rowCounts(const QString& path)
{
    es::sqlite::Database db(path.toStdString(), es::sqlite::Database::ReadOnly{});
    std::vector<std::string> tables;
    {
        es::sqlite::Statement st(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
        while (st.step()) tables.push_back(st.textAt(0));
    }
    std::map<std::string, std::int64_t> out;
    for (const std::string& t : tables) out[t] = db.queryInt("SELECT count(*) FROM \"" + t + "\"");
    return out;
}

QStringList shardsIn(const QString& dir)
{
    QStringList out;
    for (const QString& f : QDir(dir).entryList({QStringLiteral("shard-*.sqlite")}, QDir::Files, QDir::Name))
        out << QDir(dir).filePath(f);
    return out;
}

// Plans the comparison into `dir` (jobs.txt, jobs.plan.json, shards/), and runs every line with bash.
void planAndRunWithBash(const QTemporaryDir& dir)
{
    const CliResult plan = runCli(QStringList{QStringLiteral("plan")} + comparisonArgs() +
                                  QStringList{QStringLiteral("--out"), dir.filePath(QStringLiteral("jobs.txt"))});
    QVERIFY2(plan.exitCode == 0, plan.err.constData());
    const CliResult jobs = runProgram(QStringLiteral("bash"), {dir.filePath(QStringLiteral("jobs.txt"))});
    QVERIFY2(jobs.exitCode == 0, jobs.err.constData());
}

} // namespace

class TestBatch : public QObject {
    Q_OBJECT
private slots:
    void planThroughParallelEqualsCompare_data();
    void planThroughParallelEqualsCompare();
    void mergingTwiceAddsNothing();
    void damagedShardsAreRefused();
    void jobRunAgainReplacesItsUnfinishedAttempt();
    void missingRunsAreNamed();
    void changedScenarioIsRefused();
    void twoStoredRunsCompared();
    void badInputIsRefused();
};

void TestBatch::planThroughParallelEqualsCompare_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("runs");
    QTest::addColumn<QStringList>("files"); // --export files that must be byte-identical
    QTest::newRow("variants") << comparisonArgs() << 6
                              << QStringList{QStringLiteral("table.csv"), QStringLiteral("table.json"),
                                             QStringLiteral("series/longer-outage-seed5/indexer.lag_seconds.csv")};
    // A sweep: its point is one more --set on each line, after the plan's.
    QTest::newRow("sweep") << comparisonArgs() + QStringList{QStringLiteral("--sweep"),
                                                             QStringLiteral("services.indexer.concurrency=2..3:1")}
                           << 12 << QStringList{QStringLiteral("table.csv"), QStringLiteral("curve.csv")};
}

void TestBatch::planThroughParallelEqualsCompare()
{
    QFETCH(QStringList, args);
    QFETCH(int, runs);
    QFETCH(QStringList, files);
    const QString parallel = QStandardPaths::findExecutable(QStringLiteral("parallel"));
    if (parallel.isEmpty())
        QSKIP("GNU parallel is not installed (Debian package 'parallel'; scripts/setup.sh installs it)");
    QTemporaryDir dir;
    const QString jobsFile = dir.filePath(QStringLiteral("jobs.txt"));
    const CliResult plan = runCli(QStringList{QStringLiteral("plan")} + args + QStringList{QStringLiteral("--out"), jobsFile});
    QVERIFY2(plan.exitCode == 0, plan.err.constData());
    const QList<QByteArray> lines = fileBytes(jobsFile).trimmed().split('\n');
    QCOMPARE(lines.size(), runs);
    for (const QByteArray& line : lines) QVERIFY2(line.contains(" run ") && line.contains("--run-uuid"), line.constData());

    // --halt: a failed job fails the test, with its output.
    const CliResult ran = runProgram(parallel, {QStringLiteral("-j2"), QStringLiteral("--halt"), QStringLiteral("now,fail=1")},
                                     jobsFile);
    QVERIFY2(ran.exitCode == 0, ran.err.constData());
    const QStringList shards = shardsIn(dir.filePath(QStringLiteral("shards")));
    QCOMPARE(shards.size(), runs);
    const QString merged = dir.filePath(QStringLiteral("runs.sqlite"));
    const CliResult merge = runCli(QStringList{QStringLiteral("merge")} + shards + QStringList{QStringLiteral("--into"), merged});
    QVERIFY2(merge.exitCode == 0, merge.err.constData());

    const CliResult stored = runCli({QStringLiteral("compare"), QStringLiteral("--from-store"), merged, QStringLiteral("--plan"),
                                     dir.filePath(QStringLiteral("jobs.plan.json")), QStringLiteral("--json"),
                                     QStringLiteral("--export"), dir.filePath(QStringLiteral("from-store"))});
    QVERIFY2(stored.exitCode == 0, stored.err.constData());
    const CliResult inProcess = runCli(QStringList{QStringLiteral("compare")} + args +
                                       QStringList{QStringLiteral("--jobs"), QStringLiteral("2"), QStringLiteral("--json"),
                                                   QStringLiteral("--no-store"), QStringLiteral("--export"),
                                                   dir.filePath(QStringLiteral("in-process"))});
    QVERIFY2(inProcess.exitCode == 0, inProcess.err.constData());
    // Digit for digit: the same runs, read back from the merged shards.
    QCOMPARE(stored.out, inProcess.out);
    const QJsonObject table = QJsonDocument::fromJson(stored.out).object();
    QCOMPARE(table.value("runs").toObject().value("done").toInt(), runs);
    QCOMPARE(table.value("scenario").toObject().value("title").toString(), QStringLiteral("It's \"quoted\" $HOME; `x`"));
    bool recovery = false;
    for (const QJsonValue& c : table.value("columns").toArray()) recovery = recovery || c.toObject().value("key") == "recovery_s";
    QVERIFY(recovery);
    for (const QString& file : files) {
        const QByteArray a = fileBytes(dir.filePath(QStringLiteral("from-store/") + file));
        QVERIFY2(!a.isEmpty(), qPrintable(file));
        QCOMPARE(a, fileBytes(dir.filePath(QStringLiteral("in-process/") + file)));
    }
}

void TestBatch::mergingTwiceAddsNothing()
{
    QTemporaryDir dir;
    planAndRunWithBash(dir);
    QStringList shards = shardsIn(dir.filePath(QStringLiteral("shards")));
    QCOMPARE(shards.size(), 6);
    // And a traced run: its event trace and journey tables are run-scoped too, found by their run_id.
    const QString traced = dir.filePath(QStringLiteral("traced.sqlite"));
    const CliResult t = runCli({QStringLiteral("run"), kLesson, QStringLiteral("--trace"), QStringLiteral("--store"), traced});
    QVERIFY2(t.exitCode == 0, t.err.constData());
    shards << traced;
    std::map<std::string, std::int64_t> expected;
    for (const QString& s : shards)
        for (const auto& [table, rows] : rowCounts(s)) expected[table] += rows;
    for (const char* table : {"samples", "latency_buckets", "trace", "journey", "journey_names"})
        QVERIFY2(expected.count(table) && expected.at(table) > 0, table);

    const QString target = dir.filePath(QStringLiteral("runs.sqlite"));
    const QStringList args = QStringList{QStringLiteral("merge")} + shards + QStringList{QStringLiteral("--into"), target};
    const CliResult first = runCli(args);
    QVERIFY2(first.exitCode == 0, first.err.constData());
    const std::map<std::string, std::int64_t> once = rowCounts(target);
    QCOMPARE(once, expected); // every table of every shard, all of it
    const CliResult again = runCli(args);
    QVERIFY2(again.exitCode == 0, again.err.constData());
    QVERIFY2(again.err.contains("0 runs added, 7 already there"), again.err.constData());
    QCOMPARE(rowCounts(target), once);

    // The ids were given anew and the children followed them: each run's series are its own.
    es::RunStore store(target.toStdString());
    for (const es::RunRecord& r : store.listRuns()) {
        QVERIFY(!store.loadSeries(r.id).empty());
        QCOMPARE(store.loadFailures(r.id).size(), std::size_t{2}); // the crash's begin and end
    }
}

void TestBatch::damagedShardsAreRefused()
{
    QTemporaryDir dir;
    planAndRunWithBash(dir);
    const QStringList shards = shardsIn(dir.filePath(QStringLiteral("shards")));
    const QString target = dir.filePath(QStringLiteral("runs.sqlite"));
    QCOMPARE(runCli({QStringLiteral("merge"), shards.front(), QStringLiteral("--into"), target}).exitCode, 0);
    const QByteArray good = fileBytes(shards.at(1));

    auto write = [&dir](const char* name, const QByteArray& bytes) {
        QFile f(dir.filePath(QString::fromLatin1(name)));
        if (f.open(QIODevice::WriteOnly)) f.write(bytes);
        return f.fileName();
    };
    // Garbage over the header of the samples table's root page: a b-tree page integrity_check must reject.
    qsizetype root = 0;
    {
        es::sqlite::Database db(shards.at(1).toStdString(), es::sqlite::Database::ReadOnly{});
        const std::int64_t page = db.queryInt("SELECT rootpage FROM sqlite_master WHERE name = 'samples'");
        root = static_cast<qsizetype>((page - 1) * db.queryInt("PRAGMA page_size"));
    }
    QVERIFY(root > 0 && root + 100 < good.size());
    QByteArray corrupt = good;
    for (qsizetype i = root; i < root + 100; ++i) corrupt[i] = char(0x5a);
    const QString newer = write("newer.sqlite", good);
    {
        es::sqlite::Database db(newer.toStdString(), false);
        db.exec("PRAGMA user_version = 999");
    }
    const QStringList damaged{write("truncated.sqlite", good.left(good.size() / 2 + 100)),
                              write("text.sqlite", "these are not the runs you are looking for\n"),
                              write("corrupt.sqlite", corrupt), newer};
    const QByteArray before = fileBytes(target);
    const auto rowsBefore = rowCounts(target);
    for (const QString& shard : damaged) {
        const CliResult r = runCli({QStringLiteral("merge"), shard, QStringLiteral("--into"), target});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(shard.toUtf8()) && r.err.contains("not merged"), r.err.constData());
        QCOMPARE(fileBytes(target), before); // byte for byte
        QCOMPARE(rowCounts(target), rowsBefore);
    }
    // With good shards beside a damaged one, the good ones are merged and the exit code still says 2.
    const CliResult mixed = runCli({QStringLiteral("merge"), shards.at(1), damaged.front(), QStringLiteral("--into"), target});
    QCOMPARE(mixed.exitCode, 2);
    QCOMPARE(rowCounts(target).at("runs"), rowsBefore.at("runs") + 1);
}

void TestBatch::jobRunAgainReplacesItsUnfinishedAttempt()
{
    QTemporaryDir dir;
    const QString jobsFile = dir.filePath(QStringLiteral("jobs.txt"));
    QCOMPARE(runCli(QStringList{QStringLiteral("plan")} + comparisonArgs() + QStringList{QStringLiteral("--out"), jobsFile}).exitCode, 0);
    const QJsonObject manifest = QJsonDocument::fromJson(fileBytes(dir.filePath(QStringLiteral("jobs.plan.json")))).object();
    const QJsonObject first = manifest.value("runs").toArray().at(0).toObject();
    const std::string uuid = first.value("run_uuid").toString().toStdString();
    const std::string shard = first.value("shard").toString().toStdString();
    // A killed attempt: the run inserted, never finished, in the job's shard and already in the target.
    const QString target = dir.filePath(QStringLiteral("runs.sqlite"));
    for (const std::string& path : {shard, target.toStdString()}) {
        es::RunStore store(path);
        es::RunRecord killed;
        killed.uuid = uuid;
        killed.scenarioId = "consumer-catch-up";
        killed.seed = 1;
        store.beginRun(killed);
    }
    const QByteArray line = fileBytes(jobsFile).split('\n').front();
    const CliResult again = runProgram(QStringLiteral("bash"), {QStringLiteral("-c"), QString::fromUtf8(line)});
    QVERIFY2(again.exitCode == 0, again.err.constData());
    QVERIFY2(again.err.contains("replacing the unfinished run"), again.err.constData());
    const CliResult twice = runProgram(QStringLiteral("bash"), {QStringLiteral("-c"), QString::fromUtf8(line)});
    QCOMPARE(twice.exitCode, 2); // a finished run is not run over
    QVERIFY2(twice.err.contains("already there"), twice.err.constData());

    es::sqlite::Database db(target.toStdString(), false);
    const es::ShardMergeResult r = es::mergeShard(db, shard);
    QCOMPARE(r.runsReplaced, std::size_t{1});
    QCOMPARE(r.runsAdded + r.runsSkipped, std::size_t{0});
    const std::optional<es::RunRecord> merged = es::RunStore(target.toStdString()).loadRunByUuid(uuid);
    QVERIFY(merged && merged->finished);
    QCOMPARE(rowCounts(target).at("runs"), std::int64_t{1});
}

void TestBatch::missingRunsAreNamed()
{
    QTemporaryDir dir;
    planAndRunWithBash(dir);
    const QStringList shards = shardsIn(dir.filePath(QStringLiteral("shards")));
    const QString target = dir.filePath(QStringLiteral("runs.sqlite"));
    // Lines 2 and 5 not merged.
    QCOMPARE(runCli({QStringLiteral("merge"), shards[0], shards[2], shards[3], shards[5], QStringLiteral("--into"), target}).exitCode, 0);
    const CliResult r = runCli({QStringLiteral("compare"), QStringLiteral("--from-store"), target, QStringLiteral("--plan"),
                                dir.filePath(QStringLiteral("jobs.plan.json")), QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 4);
    QVERIFY2(r.err.contains("2 planned runs are not in") && r.err.contains("lines 2,5 of"), r.err.constData());
    QCOMPARE(QJsonDocument::fromJson(r.out).object().value("runs").toObject().value("done").toInt(), 4);
}

void TestBatch::changedScenarioIsRefused()
{
    QTemporaryDir dir;
    const QString copy = dir.filePath(QStringLiteral("lesson.yaml"));
    QVERIFY(QFile::copy(kLesson, copy));
    const QString jobsFile = dir.filePath(QStringLiteral("jobs.txt"));
    QCOMPARE(runCli({QStringLiteral("plan"), copy, QStringLiteral("--seeds"), QStringLiteral("2"), QStringLiteral("--variants"),
                     QStringLiteral("base"), QStringLiteral("--out"), jobsFile})
                 .exitCode,
             0);
    QCOMPARE(runProgram(QStringLiteral("bash"), {jobsFile}).exitCode, 0);
    const QString target = dir.filePath(QStringLiteral("runs.sqlite"));
    QCOMPARE(runCli(QStringList{QStringLiteral("merge")} + shardsIn(dir.filePath(QStringLiteral("shards"))) +
                    QStringList{QStringLiteral("--into"), target})
                 .exitCode,
             0);
    const QStringList fromStore{QStringLiteral("compare"), QStringLiteral("--from-store"), target, QStringLiteral("--plan"),
                                dir.filePath(QStringLiteral("jobs.plan.json")), QStringLiteral("--no-store")};
    QCOMPARE(runCli(fromStore).exitCode, 0);
    {
        QFile f(copy);
        QVERIFY(f.open(QIODevice::Append));
        f.write("# edited after the plan\n");
    }
    const CliResult r = runCli(fromStore);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("another text of"), r.err.constData());
}

void TestBatch::twoStoredRunsCompared()
{
    QTemporaryDir dir;
    planAndRunWithBash(dir);
    const QString target = dir.filePath(QStringLiteral("runs.sqlite"));
    QCOMPARE(runCli(QStringList{QStringLiteral("merge")} + shardsIn(dir.filePath(QStringLiteral("shards"))) +
                    QStringList{QStringLiteral("--into"), target})
                 .exitCode,
             0);
    const CliResult table = runCli({QStringLiteral("compare"), QStringLiteral("--from-store"), target, QStringLiteral("--plan"),
                                    dir.filePath(QStringLiteral("jobs.plan.json")), QStringLiteral("--json"),
                                    QStringLiteral("--no-store")});
    QCOMPARE(table.exitCode, 0);
    // Runs 1 and 4 of the merged store: base and longer-outage at the first seed (lines 1 and 4).
    const CliResult pair = runCli({QStringLiteral("compare-runs"), QStringLiteral("1"), QStringLiteral("4"),
                                   QStringLiteral("--store"), target, QStringLiteral("--json")});
    QVERIFY2(pair.exitCode == 0, pair.err.constData());
    const QJsonObject j = QJsonDocument::fromJson(pair.out).object();
    QCOMPARE(j.value("runs").toArray().at(1).toObject().value("variant").toString(), QStringLiteral("longer-outage"));
    std::map<QString, QJsonArray> values; // "variant/column" -> per-seed values of the table
    for (const QJsonValue& row : QJsonDocument::fromJson(table.out).object().value("rows").toArray())
        values[row.toObject().value("variant").toString() + "/" + row.toObject().value("column").toString()] =
            row.toObject().value("values").toArray();
    int compared = 0;
    for (const QJsonValue& f : j.value("figures").toArray()) {
        const QJsonObject o = f.toObject();
        const QString column = o.value("column").toString();
        QCOMPARE(o.value("a"), values.at("base/" + column).at(0));
        QCOMPARE(o.value("b"), values.at("longer-outage/" + column).at(0));
        if (o.value("a").isDouble() && o.value("b").isDouble())
            QCOMPARE(o.value("difference").toDouble(), o.value("b").toDouble() - o.value("a").toDouble());
        ++compared;
    }
    QVERIFY(compared >= 10);
    const CliResult text = runCli({QStringLiteral("compare-runs"), QStringLiteral("1"), QStringLiteral("4"),
                                   QStringLiteral("--store"), target});
    QVERIFY2(text.out.contains("B − A") && text.out.contains("recovery s"), text.out.constData());
}

void TestBatch::badInputIsRefused()
{
    QTemporaryDir dir;
    const QString notPlan = dir.filePath(QStringLiteral("x.json"));
    {
        QFile f(notPlan);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"schema\": \"something else\"}");
    }
    const QString store = dir.filePath(QStringLiteral("none.sqlite"));
    const std::vector<std::pair<QStringList, const char*>> cases = {
        {{QStringLiteral("plan"), kLesson, QStringLiteral("--seeds"), QStringLiteral("2")}, "--out"},
        {{QStringLiteral("plan"), kLesson, QStringLiteral("--variants"), QStringLiteral("nope"), QStringLiteral("--out"),
          dir.filePath(QStringLiteral("j.txt"))},
         "nope"},
        {{QStringLiteral("compare"), QStringLiteral("--from-store"), store, QStringLiteral("--plan"), notPlan}, "not a plan manifest"},
        {{QStringLiteral("compare"), QStringLiteral("--from-store"), store}, "--plan"},
        {{QStringLiteral("compare"), kLesson, QStringLiteral("--from-store"), store, QStringLiteral("--plan"), notPlan}, "excludes"},
        {{QStringLiteral("compare"), kLesson, QStringLiteral("--recovery-lag"), QStringLiteral("soon")}, "--recovery-lag"},
        {{QStringLiteral("run"), kLesson, QStringLiteral("--store"), store, QStringLiteral("--run-uuid"), QStringLiteral("xyz")}, "--run-uuid"},
        {{QStringLiteral("merge"), dir.filePath(QStringLiteral("missing.sqlite")), QStringLiteral("--into"), store}, "missing.sqlite"},
        {{QStringLiteral("compare-runs"), QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("--store"), store}, "none.sqlite"},
    };
    for (const auto& [args, says] : cases) {
        const CliResult r = runCli(args);
        QVERIFY2(r.exitCode == 2, qPrintable(args.join(' ') + " -> " + QString::number(r.exitCode)));
        QVERIFY2(r.err.contains(says), qPrintable(args.join(' ') + ": " + QString::fromUtf8(r.err)));
    }
}

QTEST_GUILESS_MAIN(TestBatch)
#include "tst_batch.moc"

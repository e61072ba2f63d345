// The command-line front end, run as a process (QProcess) the way scripts use it: exit codes
// (0 done, 2 bad input or usage), the --json summary (docs/cli-json.md), --seed, --set, --until,
// diagnostics with FILE:LINE:COLUMN and suggestions, and `validate`.
#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <csignal>
#include <sys/types.h>
#include <QRegularExpression>
#include <QTemporaryDir>

namespace {

const QString kCli = QStringLiteral(CLI_PATH);
const QString kMm1 = QStringLiteral(SCENARIOS_DIR "/bench/mm1.yaml");

struct Result {
    int exitCode = -1;
    QByteArray out, err;
};

Result runCli(const QStringList& args)
{
    QProcess p;
    p.setProgram(kCli);
    p.setArguments(args);
    // Runs are saved to the per-user run store: keep it in a temporary folder, not the real home.
    static QTemporaryDir dataHome;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), dataHome.path());
    p.setProcessEnvironment(env);
    p.start();
    Result r;
    if (!p.waitForStarted(10000)) {
        r.err = "could not start " + kCli.toUtf8();
        return r;
    }
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        r.err = "timed out";
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

// Runs with --json and parses stdout; fails the calling test through the returned error text.
QJsonObject runJson(QStringList args, QString* error)
{
    args << QStringLiteral("--json");
    const Result r = runCli(args);
    if (r.exitCode != 0) {
        *error = QStringLiteral("exit %1: %2").arg(r.exitCode).arg(QString::fromUtf8(r.err));
        return {};
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = QStringLiteral("stdout is not one JSON object: %1").arg(pe.errorString());
        return {};
    }
    return doc.object();
}

#define RUN_JSON(var, ...)                                                                                   \
    QString var##Error_;                                                                                     \
    const QJsonObject var = runJson(__VA_ARGS__, &var##Error_);                                              \
    QVERIFY2(var##Error_.isEmpty(), qPrintable(var##Error_))

QString digestOf(const QJsonObject& o) { return o.value(QLatin1String("trace_digest")).toString(); }

} // namespace

class TestCli : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void runJsonHasDocumentedKeys();
    void seedChangesDigestAndRepeats();
    void setIsHonoured();
    void missingFileExits2();
    void unknownKeyReportsPositionAndSuggestion();
    void badSetExits2();
    void badUntilExits2();
    void validateAcceptsBench();
    void variantsRunAndValidate();
    void interruptGivesPartialSummary();
    void routingLoopIsRefusedNotCrashed();
};

void TestCli::initTestCase()
{
    QVERIFY2(QFileInfo(kCli).isExecutable(), qPrintable(kCli));
    QVERIFY2(QFileInfo::exists(kMm1), qPrintable(kMm1));
}

void TestCli::runJsonHasDocumentedKeys()
{
    RUN_JSON(j, {QStringLiteral("run"), kMm1, QStringLiteral("--until"), QStringLiteral("60s")});
    QCOMPARE(j.value("seed").toInteger(-1), 1); // the scenario's seed
    QCOMPARE(j.value("sim_time_s").toDouble(), 60.0);
    QVERIFY(j.value("events_processed").toDouble() > 0);
    QVERIFY(j.value("wall_time_s").isDouble());
    QVERIFY(j.value("wall_time_s").toDouble() >= 0);
    QVERIFY2(QRegularExpression(QStringLiteral("^[0-9a-f]{16}$")).match(digestOf(j)).hasMatch(), qPrintable(digestOf(j)));
    QCOMPARE(j.value("conservation_ok").toBool(false), true);
    QVERIFY(j.value("conservation_ok").isBool());

    const QJsonObject server = j.value("groups").toObject().value("server").toObject();
    QVERIFY2(!server.isEmpty(), "groups.server missing");
    const QJsonObject latency = server.value("latency_s").toObject();
    for (const char* k : {"mean", "p50", "p95", "p99", "max"})
        QVERIFY2(latency.value(QLatin1String(k)).isDouble(), k);
    // Shape of a latency distribution: ordered quantiles, positive mean.
    QVERIFY(latency.value("mean").toDouble() > 0);
    QVERIFY(latency.value("p50").toDouble() <= latency.value("p95").toDouble());
    QVERIFY(latency.value("p95").toDouble() <= latency.value("p99").toDouble());
    QVERIFY(latency.value("p99").toDouble() <= latency.value("max").toDouble());
    QVERIFY(server.value("wait_s").toObject().value("mean").isDouble());
    QVERIFY(server.value("wait_s").toObject().value("mean").toDouble() < latency.value("mean").toDouble());
    for (const char* k : {"effects", "duplicate_effects", "dead_lettered", "dropped", "skipped_by_replay", "max_lag_messages"})
        QVERIFY2(server.value(QLatin1String(k)).isDouble(), k);
    // 60 s at 8/s: about 480 effects (Poisson: ±22 per σ).
    const double effects = server.value("effects").toDouble();
    QVERIFY2(effects > 380 && effects < 580, qPrintable(QString::number(effects)));
    QCOMPARE(server.value("duplicate_effects").toInteger(-1), 0);
    QCOMPARE(server.value("dead_lettered").toInteger(-1), 0);
    QCOMPARE(server.value("dropped").toInteger(-1), 0);
    QVERIFY(server.value("max_lag_messages").toInteger(-1) >= 0);
}

void TestCli::seedChangesDigestAndRepeats()
{
    const QStringList base = {QStringLiteral("run"), kMm1, QStringLiteral("--until"), QStringLiteral("60s")};
    RUN_JSON(deflt, base);
    RUN_JSON(seven, base + QStringList{QStringLiteral("--seed"), QStringLiteral("7")});
    RUN_JSON(sevenAgain, base + QStringList{QStringLiteral("--seed"), QStringLiteral("7")});
    QCOMPARE(seven.value("seed").toInteger(-1), 7);
    qInfo().noquote() << "digest seed 1:" << digestOf(deflt) << " seed 7:" << digestOf(seven);
    QVERIFY(digestOf(seven) != digestOf(deflt));
    QCOMPARE(digestOf(sevenAgain), digestOf(seven));
    QCOMPARE(sevenAgain.value("events_processed").toInteger(), seven.value("events_processed").toInteger());
}

void TestCli::setIsHonoured()
{
    const QStringList base = {QStringLiteral("run"), kMm1, QStringLiteral("--until"), QStringLiteral("60s")};
    RUN_JSON(one, base);
    RUN_JSON(two, base + QStringList{QStringLiteral("--set"), QStringLiteral("services.server.concurrency=2")});
    QVERIFY(digestOf(two) != digestOf(one));
    // Two workers at the same load: waits shrink a lot (M/M/2 at ρ=0.4 vs M/M/1 at ρ=0.8).
    const auto wait = [](const QJsonObject& o) {
        return o.value("groups").toObject().value("server").toObject().value("wait_s").toObject().value("mean").toDouble();
    };
    QVERIFY2(wait(two) < wait(one), qPrintable(QStringLiteral("%1 vs %2").arg(wait(two)).arg(wait(one))));
    // The override is recorded in the summary.
    const QJsonArray overrides = two.value("scenario").toObject().value("overrides").toArray();
    QCOMPARE(overrides.size(), 1);
    QCOMPARE(overrides.at(0).toString(), QStringLiteral("services.server.concurrency=2"));
}

void TestCli::missingFileExits2()
{
    const QString missing = QStringLiteral(SCENARIOS_DIR "/no-such-scenario.yaml");
    const Result r = runCli({QStringLiteral("run"), missing});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.out.isEmpty());
    QVERIFY2(QString::fromUtf8(r.err).contains(missing), r.err.constData()); // names the file
}

void TestCli::unknownKeyReportsPositionAndSuggestion()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("typo.yaml"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    // Line 9, column 5: 'servce_time' instead of 'service_time'.
    f.write("scenario: typo\n"
            "duration: 10s\n"
            "services:\n"
            "  source:\n"
            "    produces: Job\n"
            "    to: jobs\n"
            "    rate: 8/s\n"
            "  server:\n"
            "    servce_time: 5ms\n"
            "    consumes: jobs\n"
            "brokers:\n"
            "  jobs: { kind: queue }\n");
    f.close();
    for (const char* sub : {"run", "validate"}) {
        const Result r = runCli({QLatin1String(sub), path});
        QCOMPARE(r.exitCode, 2);
        const QString err = QString::fromUtf8(r.err);
        qInfo().noquote() << sub << "stderr:" << err.trimmed();
        QVERIFY2(err.contains(path + QStringLiteral(":9:5:")), qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("servce_time")), qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("did you mean")), qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("service_time")), qPrintable(err));
    }
    // The same file with the key spelt right is accepted: the failure above is the typo's.
    QVERIFY(f.open(QIODevice::ReadWrite));
    QByteArray text = f.readAll();
    text.replace("servce_time", "service_time");
    f.resize(0);
    f.write(text);
    f.close();
    QCOMPARE(runCli({QStringLiteral("validate"), path}).exitCode, 0);
}

void TestCli::badSetExits2()
{
    const Result r = runCli({QStringLiteral("run"), kMm1, QStringLiteral("--set"), QStringLiteral("services.server.concurrency")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.out.isEmpty());
    QVERIFY2(QString::fromUtf8(r.err).contains(QStringLiteral("services.server.concurrency")), r.err.constData());
    // A well-formed --set with a value the format rejects is bad input too.
    QCOMPARE(runCli({QStringLiteral("validate"), kMm1, QStringLiteral("--set"), QStringLiteral("services.server.concurrency=lots")}).exitCode, 2);
}

void TestCli::badUntilExits2()
{
    QCOMPARE(runCli({QStringLiteral("run"), kMm1, QStringLiteral("--until"), QStringLiteral("soon")}).exitCode, 2);
    QCOMPARE(runCli({QStringLiteral("run"), kMm1, QStringLiteral("--until"), QStringLiteral("0s")}).exitCode, 2);
    QCOMPARE(runCli({QStringLiteral("run")}).exitCode, 2); // no scenario
}

void TestCli::validateAcceptsBench()
{
    const Result r = runCli({QStringLiteral("validate"), kMm1});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(QString::fromUtf8(r.out).contains(QStringLiteral("ok")), r.out.constData());
    QCOMPARE(runCli({QStringLiteral("validate"), QStringLiteral(SCENARIOS_DIR "/bench/mmc.yaml")}).exitCode, 0);
}

// --variant runs a named variant (recorded in the JSON); validate checks every variant of a file,
// so a typo in one that nobody has run yet is still found.
void TestCli::variantsRunAndValidate()
{
    const QString lesson = QStringLiteral(SCENARIOS_DIR "/lessons/order-placed.yaml");
    RUN_JSON(base, {QStringLiteral("run"), lesson, QStringLiteral("--no-store")});
    RUN_JSON(calm, {QStringLiteral("run"), lesson, QStringLiteral("--no-store"), QStringLiteral("--variant"), QStringLiteral("no-failures")});
    QCOMPARE(calm.value("scenario").toObject().value("variant").toString(), QStringLiteral("no-failures"));
    QVERIFY(digestOf(base) != digestOf(calm));
    QCOMPARE(calm.value("failures").toArray().size(), 0);
    QVERIFY(base.value("failures").toArray().size() > 0);
    const Result unknown = runCli({QStringLiteral("run"), lesson, QStringLiteral("--variant"), QStringLiteral("no-failure")});
    QCOMPARE(unknown.exitCode, 2);
    QVERIFY2(unknown.err.contains("did you mean 'no-failures'"), unknown.err.constData());

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("variants.yaml"));
    QFile in(lesson), out(path);
    QVERIFY(in.open(QIODevice::ReadOnly) && out.open(QIODevice::WriteOnly));
    out.write(in.readAll() + "  typo: { services.emial.concurrency: 3 }\n");
    out.close();
    const Result v = runCli({QStringLiteral("validate"), path});
    QCOMPARE(v.exitCode, 2);
    QVERIFY2(v.err.contains("variant 'typo'") && v.err.contains("did you mean 'email'"), v.err.constData());
    QCOMPARE(runCli({QStringLiteral("validate"), path, QStringLiteral("--variant"), QStringLiteral("no-failures")}).exitCode, 0);
}

// Ctrl-C (SIGINT) stops a long run cleanly: exit 130 (issue 19: it was 0, like a finished run), a
// partial summary marked interrupted, and the books still balance.
void TestCli::interruptGivesPartialSummary()
{
    QProcess p;
    p.setProgram(kCli);
    p.setArguments({QStringLiteral("run"), kMm1, QStringLiteral("--set"), QStringLiteral("duration=100000d"),
                    QStringLiteral("--json"), QStringLiteral("--no-store")});
    p.start();
    QVERIFY(p.waitForStarted(10000));
    QTest::qWait(400);
    QCOMPARE(::kill(static_cast<pid_t>(p.processId()), SIGINT), 0);
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 130);
    const QJsonObject j = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
    QCOMPARE(j.value("interrupted").toBool(false), true);
    QVERIFY(j.value("sim_time_s").toDouble() > 0);
    QVERIFY(j.value("sim_time_s").toDouble() < j.value("planned_time_s").toDouble());
    QCOMPARE(j.value("conservation_ok").toBool(false), true);
}

// Issue 19, item 1: a bus routing into itself crashed `run` (exit 139) after `validate` said ok.
void TestCli::routingLoopIsRefusedNotCrashed()
{
    const QString loop = QStringLiteral(ISSUE19_DIR "/loop-bus-self.yaml");
    for (const QStringList& args : {QStringList{QStringLiteral("validate"), loop},
                                    QStringList{QStringLiteral("run"), loop, QStringLiteral("--no-store")}}) {
        const Result r = runCli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("loop-bus-self.yaml:4:43: ") && r.err.contains("routing loop"), r.err.constData());
    }
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"

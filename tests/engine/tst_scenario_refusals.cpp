// Refusals that protect memory (issue 18): a file past the byte limit or the component limit is
// refused before it is read as a tree, with FILE:LINE:COLUMN, the limit and the variable that raises
// it; the error list stops at the first 50 problems and counts the rest; an empty or comment-only
// file "holds no scenario" at FILE:1:1. Through the CLI (exit code 2, stderr) and the loader itself.
#include "scenario/Diagnostics.h"
#include "scenario/ScenarioLoader.h"
#include "scenario/ScenarioSize.h"

#include <QtTest>

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

namespace {

struct Result {
    int exitCode = -1;
    QString err;
};

Result validate(const QString& file, const QMap<QString, QString>& env = {})
{
    QProcess p;
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    for (auto it = env.begin(); it != env.end(); ++it) e.insert(it.key(), it.value());
    p.setProcessEnvironment(e);
    p.start(QStringLiteral(CLI_PATH), {QStringLiteral("validate"), file});
    Result r;
    if (!p.waitForFinished(60000)) return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QString write(const QTemporaryDir& dir, const QString& name, const QByteArray& text)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size()) return {};
    return path;
}

// `n` services consuming from topic t (or from `from`), one broker: a valid file when from == "t".
QByteArray services(int n, const char* from = "t")
{
    QByteArray t = "scenario: many\nduration: 10s\nservices:\n";
    for (int i = 0; i < n; ++i) t += QByteArray("  s") + QByteArray::number(i).rightJustified(6, '0') + ":\n    consumes: " + from + "\n";
    t += "brokers:\n  t: { kind: topic }\n";
    return t;
}

} // namespace

class TestScenarioRefusals : public QObject {
    Q_OBJECT
private slots:
    void tooManyBytesIsRefusedWhereTheLimitFalls()
    {
        QTemporaryDir dir;
        const QByteArray text = services(40); // 1,296 bytes
        const QString file = write(dir, QStringLiteral("long.yaml"), text);
        QVERIFY(text.size() > 1000);
        const Result r = validate(file, {{QStringLiteral("EVENTSCAPE_MAX_SCENARIO_BYTES"), QStringLiteral("1000")}});
        QCOMPARE(r.exitCode, 2);
        // Byte 1000 (0-based) is on line (newlines before it) + 1, column (bytes since the last) + 1.
        const QByteArray head = text.left(1000);
        const int line = static_cast<int>(head.count('\n')) + 1;
        const int column = static_cast<int>(head.size() - (head.lastIndexOf('\n') + 1)) + 1;
        QVERIFY2(r.err.startsWith(QStringLiteral("%1:%2:%3: the file is longer than the limit of 1000 bytes").arg(file).arg(line).arg(column)),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("EVENTSCAPE_MAX_SCENARIO_BYTES=BYTES")), qPrintable(r.err));
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1); // that one problem, nothing read past it
        // Raised, the same file is fine.
        QCOMPARE(validate(file, {{QStringLiteral("EVENTSCAPE_MAX_SCENARIO_BYTES"), QStringLiteral("2000")}}).exitCode, 0);
    }

    void tooManyComponentsIsRefusedAtTheFirstOnePast()
    {
        QTemporaryDir dir;
        const QString file = write(dir, QStringLiteral("many.yaml"), services(12));
        const Result r = validate(file, {{QStringLiteral("EVENTSCAPE_MAX_COMPONENTS"), QStringLiteral("10")}});
        QCOMPARE(r.exitCode, 2);
        // s000010 (the 11th) is on line 4 + 2 * 10.
        QVERIFY2(r.err.startsWith(QStringLiteral("%1:24:3: service 's000010' is past the limit of 10 components").arg(file)),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("EVENTSCAPE_MAX_COMPONENTS=N")), qPrintable(r.err));
        QCOMPARE(validate(file, {{QStringLiteral("EVENTSCAPE_MAX_COMPONENTS"), QStringLiteral("13")}}).exitCode, 0);
    }

    void theDefaultComponentLimit()
    {
        QTemporaryDir dir;
        const int n = static_cast<int>(es::kDefaultMaxComponents) + 1;
        const QString file = write(dir, QStringLiteral("default.yaml"), services(n, "nowhere"));
        const Result r = validate(file);
        QCOMPARE(r.exitCode, 2);
        const int line = 4 + 2 * (n - 1);
        QVERIFY2(r.err.startsWith(QStringLiteral("%1:%2:3: service 's%3' is past the limit of %4 components")
                                      .arg(file).arg(line).arg(n - 1, 6, 10, QLatin1Char('0')).arg(es::kDefaultMaxComponents)),
                 qPrintable(r.err.left(400)));
        // Refused before any service was read: none of its 10,001 missing brokers is reported.
        QVERIFY(!r.err.contains(QStringLiteral("no broker called")));
    }

    void theErrorListIsCapped()
    {
        QTemporaryDir dir;
        const QString file = write(dir, QStringLiteral("missing.yaml"), services(120, "nowhere"));
        const Result r = validate(file);
        QCOMPARE(r.exitCode, 2);
        const QStringList lines = r.err.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), static_cast<int>(es::kMaxListedProblems) + 1);
        // The first 50 in file order, then the count of the rest.
        QVERIFY2(lines.first().startsWith(QStringLiteral("%1:5:15: service 's000000' consumes nowhere").arg(file)), qPrintable(lines.first()));
        QVERIFY2(lines[49].startsWith(QStringLiteral("%1:103:15: service 's000049'").arg(file)), qPrintable(lines[49]));
        QCOMPARE(lines.last(), QStringLiteral("... and 70 more problems (only the first 50 are listed)"));
    }

    void aBadLimitVariableIsAnError()
    {
        QTemporaryDir dir;
        const QString file = write(dir, QStringLiteral("ok.yaml"), services(2));
        const Result r = validate(file, {{QStringLiteral("EVENTSCAPE_MAX_COMPONENTS"), QStringLiteral("lots")}});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("EVENTSCAPE_MAX_COMPONENTS='lots': expected a whole number above 0")), qPrintable(r.err));
    }

    void emptyAndCommentOnlyFilesHoldNoScenario_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("comments") << QByteArray("# a scenario will go here\n\n   # one day\n");
        QTest::newRow("null document") << QByteArray("---\n~\n");
    }
    void emptyAndCommentOnlyFilesHoldNoScenario()
    {
        QFETCH(QByteArray, text);
        QTemporaryDir dir;
        const QString file = write(dir, QStringLiteral("empty.yaml"), text);
        const Result r = validate(file);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith(QStringLiteral("%1:1:1: the file holds no scenario").arg(file)), qPrintable(r.err));
        // The loader says the same for text.
        try {
            es::loadScenarioText(text.toStdString(), "t.yaml");
            QFAIL("loaded");
        } catch (const es::ScenarioError& e) {
            QCOMPARE(e.diagnostics().size(), std::size_t{1});
            QCOMPARE(e.diagnostics()[0].line, 1);
            QCOMPARE(e.diagnostics()[0].column, 1);
        }
    }

    void theListKeepsTheFirstInFileOrderWhateverTheOrderFound()
    {
        es::DiagnosticList list(50);
        for (int line = 1000; line >= 1; --line) list.add(es::Diagnostic{"f", line, 1, "x"});
        QCOMPARE(list.count(), std::size_t{1000});
        QCOMPARE(list.omitted(), std::size_t{950});
        const std::vector<es::Diagnostic> listed = list.listed();
        QCOMPARE(listed.size(), std::size_t{50});
        for (int i = 0; i < 50; ++i) QCOMPARE(listed[static_cast<std::size_t>(i)].line, i + 1);
    }

    void aLessonStillLoads()
    {
        const es::Scenario s = es::loadScenarioFile(SCENARIOS_DIR "/lessons/order-placed.yaml");
        QVERIFY(!s.services.empty());
    }
};

QTEST_GUILESS_MAIN(TestScenarioRefusals)
#include "tst_scenario_refusals.moc"

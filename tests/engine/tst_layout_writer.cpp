// Saving node positions into a scenario file: a YAML file keeps every other byte (comments too),
// an existing `layout:` block is replaced, JSON round-trips, a failed save leaves the file as it
// was; and the loader reads `layout:` and reports bad entries with file, line and column.
#include "scenario/LayoutWriter.h"
#include "scenario/ScenarioLoader.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <string>

namespace {

const char* kYaml = R"(# A queue and its worker.
scenario: base   # the id
duration: 30s
services:
  src: { produces: Job, to: jobs, rate: 10/s }
  # the worker
  w: { consumes: jobs, concurrency: 2, service_time: 20ms }
brokers:
  jobs: { kind: queue, visibility_timeout: 30s }
# trailing comment
)";

const std::vector<es::NodePosition> kPositions{{"src", 10.04, -20.26}, {"w", 300, 40.5}, {"jobs", 150.55, 0}};

std::string readAll(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return f.readAll().toStdString();
}

void writeAll(const QString& path, const std::string& text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text.data(), static_cast<qint64>(text.size()));
}

QString errorsOf(const std::string& text)
{
    try {
        es::loadScenarioText(text, "case.yaml");
    } catch (const es::ScenarioError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

double at(const es::Scenario& s, const std::string& name, bool wantX)
{
    for (const es::NodePosition& p : s.layout)
        if (p.name == name) return wantX ? p.x : p.y;
    return qQNaN();
}

} // namespace

class TestLayoutWriter : public QObject {
    Q_OBJECT
private slots:
    void appendKeepsEveryOtherByte()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("case.yaml");
        writeAll(path, kYaml);
        es::saveLayout(path.toStdString(), kPositions);
        const std::string saved = readAll(path);
        // The original text is a prefix, byte for byte (comments included), and the block follows.
        QVERIFY2(saved.rfind(kYaml, 0) == 0, saved.c_str());
        QCOMPARE(QString::fromStdString(saved.substr(std::string(kYaml).size())),
                 QStringLiteral("layout:\n  src: [10, -20.3]\n  w: [300, 40.5]\n  jobs: [150.6, 0]\n"));
        const es::Scenario s = es::loadScenarioFile(path.toStdString());
        QCOMPARE(s.layout.size(), std::size_t{3});
        QCOMPARE(s.layout[0].name, std::string("src"));
        QCOMPARE(at(s, "src", true), 10.0);
        QCOMPARE(at(s, "jobs", true), 150.6);
        QCOMPARE(at(s, "w", false), 40.5);
        // Same scenario as before, plus the layout.
        const es::Scenario before = es::loadScenarioText(kYaml, path.toStdString());
        QCOMPARE(s.services.size(), before.services.size());
        QCOMPARE(s.brokers.size(), before.brokers.size());
        QCOMPARE(s.duration, before.duration);
        QCOMPARE(s.services[1].consumer->concurrency, 2);
    }

    void replaceExistingBlock()
    {
        // A layout in the middle, with a comment of its own and the next key's comment after it.
        std::string text = kYaml;
        const std::string head = text.substr(0, text.find("services:"));
        const std::string tail = text.substr(text.find("services:"));
        const std::string withOld = head + "layout:\n  src: [1, 2]   # old\n  # moved by hand\n  w: [3, 4]\n\n# The services.\n" + tail;
        QTemporaryDir dir;
        const QString path = dir.filePath("case.yaml");
        writeAll(path, withOld);
        es::saveLayout(path.toStdString(), {{"src", 5, 6}, {"jobs", 7, 8}});
        const std::string saved = readAll(path);
        QCOMPARE(QString::fromStdString(saved),
                 QString::fromStdString(head + "layout:\n  src: [5, 6]\n  jobs: [7, 8]\n\n# The services.\n" + tail));
        const es::Scenario s = es::loadScenarioFile(path.toStdString());
        QCOMPARE(s.layout.size(), std::size_t{2});
        QCOMPARE(at(s, "jobs", false), 8.0);

        // A layout as the last key, before a trailing comment: replaced, the comment kept.
        const std::string last = std::string(kYaml) + "layout: { src: [0, 0] }\n# the end\n";
        writeAll(path, last);
        es::saveLayout(path.toStdString(), {{"w", -1, 1}});
        QCOMPARE(QString::fromStdString(readAll(path)),
                 QString::fromStdString(std::string(kYaml) + "layout:\n  w: [-1, 1]\n# the end\n"));
    }

    void jsonRoundTrip()
    {
        const es::Scenario base = es::loadScenarioText(kYaml, "case.yaml");
        const std::string json = R"({"scenario": "base", "duration": "30s",
          "services": {"src": {"produces": "Job", "to": "jobs", "rate": "10/s"},
                       "w": {"consumes": "jobs", "concurrency": 2, "service_time": "20ms"}},
          "brokers": {"jobs": {"kind": "queue", "visibility_timeout": "30s"}}})";
        QTemporaryDir dir;
        const QString path = dir.filePath("case.json");
        writeAll(path, json);
        es::saveLayout(path.toStdString(), kPositions);
        const std::string saved = readAll(path);
        QVERIFY(saved.find("\"layout\": {") != std::string::npos);
        QVERIFY2(saved.find("\"scenario\": \"base\"") < saved.find("\"services\""), "key order kept");
        const es::Scenario s = es::loadScenarioFile(path.toStdString());
        QCOMPARE(s.services.size(), base.services.size());
        QCOMPARE(s.layout.size(), std::size_t{3});
        QCOMPARE(at(s, "src", false), -20.3);
        // Saving again replaces the layout.
        es::saveLayout(path.toStdString(), {{"w", 1, 2}});
        QCOMPARE(es::loadScenarioFile(path.toStdString()).layout.size(), std::size_t{1});
    }

    void failureLeavesTheOriginal()
    {
        if (QFileInfo(QDir::rootPath()).isWritable()) QSKIP("running as root: folder permissions are not enforced");
        QTemporaryDir dir;
        const QString path = dir.filePath("case.yaml");
        writeAll(path, kYaml);
        QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::ExeOwner);
        QString message;
        try {
            es::saveLayout(path.toStdString(), kPositions);
        } catch (const es::LayoutSaveError& e) {
            message = QString::fromStdString(e.what());
        }
        QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QVERIFY2(message.contains("cannot save the layout") && message.contains("writable"), qPrintable(message));
        QCOMPARE(readAll(path), std::string(kYaml));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1); // no temporary file left
    }

    void failedTemporaryFileLeavesTheOriginal()
    {
        // Works as root too: the temporary file's name (the scenario's plus a suffix) is longer than
        // a file name may be, so it cannot be created.
        QTemporaryDir dir;
        const QString path = dir.filePath(QString(240, 'a') + ".yaml");
        writeAll(path, kYaml);
        QString message;
        try {
            es::saveLayout(path.toStdString(), kPositions);
        } catch (const es::LayoutSaveError& e) {
            message = QString::fromStdString(e.what());
        }
        QVERIFY2(message.contains("cannot save the layout"), qPrintable(message));
        QCOMPARE(readAll(path), std::string(kYaml));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
    }

    void nodesTheBaseLacksAreLeftOut()
    {
        // A variant's extra service, and a stale entry already in the file: neither blocks the save.
        QTemporaryDir dir;
        const QString path = dir.filePath("case.yaml");
        writeAll(path, std::string(kYaml) + "layout:\n  renamed: [1, 2]\n");
        es::saveLayout(path.toStdString(), {{"audit", 1, 2}, {"jobs", 3, 4}});
        const es::Scenario s = es::loadScenarioFile(path.toStdString());
        QCOMPARE(s.layout.size(), std::size_t{1});
        QCOMPARE(s.layout[0].name, std::string("jobs"));
    }

    void brokenFileIsNotTouched()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("case.yaml");
        const std::string broken = std::string(kYaml) + "retries: 3\n"; // an unknown top-level key
        writeAll(path, broken);
        QString message;
        try {
            es::saveLayout(path.toStdString(), kPositions);
        } catch (const es::LayoutSaveError& e) {
            message = QString::fromStdString(e.what());
        }
        QVERIFY2(message.contains("does not load") && message.contains("unknown key 'retries'"), qPrintable(message));
        QCOMPARE(readAll(path), broken);
    }

    void loaderReadsLayout()
    {
        const es::Scenario s = es::loadScenarioText(std::string(kYaml) + "layout:\n  jobs: [1.5, -2]\n  src: [0, 1e2]\n", "case.yaml");
        QCOMPARE(s.layout.size(), std::size_t{2});
        QCOMPARE(s.layout[0].name, std::string("jobs"));
        QCOMPARE(s.layout[0].x, 1.5);
        QCOMPARE(s.layout[1].y, 100.0);
        QVERIFY(es::loadScenarioText(std::string(kYaml) + "layout:\n", "case.yaml").layout.empty());
    }

    void loaderReportsBadEntries_data()
    {
        QTest::addColumn<QString>("layout");
        QTest::addColumn<QString>("expected"); // every '|'-separated part must appear
        QTest::newRow("unknown name") << "layout:\n  jbos: [1, 2]\n" << "case.yaml:12:3:|no service or broker called 'jbos'|did you mean 'jobs'";
        QTest::newRow("one number") << "layout:\n  jobs: [1]\n" << "case.yaml:12:9:|'jobs' should be a position [x, y] of two numbers";
        QTest::newRow("three numbers") << "layout:\n  jobs: [1, 2, 3]\n" << "case.yaml:12:9:|[x, y]";
        QTest::newRow("not a number") << "layout:\n  jobs: [1, left]\n" << "case.yaml:12:9:|two numbers";
        QTest::newRow("a scalar") << "layout:\n  jobs: 12\n" << "case.yaml:12:9:|two numbers";
        QTest::newRow("infinite") << "layout:\n  jobs: [.inf, 0]\n" << "two numbers";
        QTest::newRow("not a mapping") << "layout: [1, 2]\n" << "case.yaml:11:9:|'layout' should map node names";
    }

    void loaderReportsBadEntries()
    {
        QFETCH(QString, layout);
        QFETCH(QString, expected);
        const QString errors = errorsOf(std::string(kYaml) + layout.toStdString());
        QVERIFY2(!errors.isEmpty(), "expected an error");
        for (const QString& part : expected.split('|'))
            QVERIFY2(errors.contains(part), qPrintable(QStringLiteral("'%1' not in:\n%2").arg(part, errors)));
    }
};

QTEST_GUILESS_MAIN(TestLayoutWriter)
#include "tst_layout_writer.moc"

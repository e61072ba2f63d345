// The lesson library: every *.yaml under scenarios/lessons/, whoever wrote it, is a complete lesson.
// It loads; starts with a header comment; its `scenario` id is its file name; it has a title, a
// summary, at least 2 objectives, at least 1 note inside the run, at least 1 variant, and runs in at
// most 120 simulated seconds; its base run and every variant run to the end with conservation ok,
// and every variant changes the run (its trace digest or its groups' figures). And the library holds at least 12.
#include "run/RunDriver.h"
#include "run/RunSummary.h"
#include "scenario/ScenarioLoader.h"

#include "SummaryLookup.h"

#include <QtTest>

#include <cstdint>
#include <exception>
#include <string>
#include <vector>

namespace {

using testsupport::violations;

const QString kLessonsDir = QStringLiteral(SCENARIOS_DIR "/lessons");
constexpr int kMinimumLessons = 12;

QStringList lessonFiles()
{
    return QDir(kLessonsDir).entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name);
}

// Loads a lesson (optionally as one of its variants); a scenario error becomes a test failure with
// the loader's message (file, line, column).
bool load(const QString& file, const std::string& variant, es::Scenario& out, QString& error)
{
    try {
        out = es::loadScenarioFile((kLessonsDir + QLatin1Char('/') + file).toStdString(), {}, variant);
        return true;
    } catch (const std::exception& e) {
        error = QString::fromStdString(e.what());
        return false;
    }
}

// What a run did to the events, per group, beyond the trace of executed events.
std::vector<std::uint64_t> outcome(const es::RunSummary& s)
{
    std::vector<std::uint64_t> o;
    for (const es::GroupSummary& g : s.groups)
        o.insert(o.end(), {g.events, g.effects, g.effectApplications, g.duplicateEffects, g.deduplicated,
                           g.deadLettered, g.dropped, g.inFlight});
    return o;
}

void addLessonRows()
{
    QTest::addColumn<QString>("file");
    const QStringList files = lessonFiles();
    if (files.isEmpty()) QTest::newRow("no lessons") << QString();
    for (const QString& f : files) QTest::newRow(qPrintable(f)) << f;
}

} // namespace

class TestLessonLibrary : public QObject {
    Q_OBJECT

private slots:
    void libraryHasEnoughLessons();
    void lessonIsComplete_data() { addLessonRows(); }
    void lessonIsComplete();
    void lessonRuns_data() { addLessonRows(); }
    void lessonRuns();
};

void TestLessonLibrary::libraryHasEnoughLessons()
{
    const QStringList files = lessonFiles();
    QVERIFY2(files.contains(QStringLiteral("order-placed.yaml")), qPrintable(kLessonsDir));
    QVERIFY2(files.size() >= kMinimumLessons,
             qPrintable(QStringLiteral("%1 lessons: %2").arg(files.size()).arg(files.join(QStringLiteral(", ")))));
}

void TestLessonLibrary::lessonIsComplete()
{
    QFETCH(QString, file);
    QVERIFY2(!file.isEmpty(), "no lesson files found");

    // The header comment that says what to watch comes first.
    QFile f(kLessonsDir + QLatin1Char('/') + file);
    QVERIFY(f.open(QIODevice::ReadOnly | QIODevice::Text));
    const QByteArray text = f.readAll();
    QVERIFY2(text.startsWith("# "), "a lesson starts with a header comment");
    QVERIFY2(text.count("\n#") >= 2, "the header comment explains what to watch in more than one line");

    es::Scenario sc;
    QString error;
    QVERIFY2(load(file, {}, sc, error), qPrintable(error));
    QCOMPARE(QString::fromStdString(sc.id) + QStringLiteral(".yaml"), file);
    QVERIFY2(!QString::fromStdString(sc.title).trimmed().isEmpty(), "no title");
    QVERIFY2(QString::fromStdString(sc.summary).trimmed().size() >= 40, "no summary (or a few words only)");
    QVERIFY2(sc.duration > 0 && sc.duration <= es::fromSeconds(120),
             qPrintable(QStringLiteral("duration %1 s; lessons run at most 120 s").arg(es::toSeconds(sc.duration))));

    QVERIFY2(sc.objectives.size() >= 2, qPrintable(QStringLiteral("%1 objectives").arg(sc.objectives.size())));
    for (const std::string& o : sc.objectives) QVERIFY2(!QString::fromStdString(o).trimmed().isEmpty(), "empty objective");

    QVERIFY2(!sc.notes.empty(), "no notes");
    for (const es::NoteSpec& n : sc.notes) {
        QVERIFY2(n.at >= 0 && n.at < sc.duration,
                 qPrintable(QStringLiteral("note at %1 s is outside the run (0 to %2 s): %3")
                                .arg(es::toSeconds(n.at))
                                .arg(es::toSeconds(sc.duration))
                                .arg(QString::fromStdString(n.text))));
        QVERIFY2(!QString::fromStdString(n.text).trimmed().isEmpty(), "empty note");
    }

    QVERIFY2(!sc.variants.empty(), "no variants");
    for (const std::string& v : sc.variants) QVERIFY2(!v.empty(), "a variant without a name");
}

void TestLessonLibrary::lessonRuns()
{
    QFETCH(QString, file);
    QVERIFY2(!file.isEmpty(), "no lesson files found");
    es::Scenario base;
    QString error;
    QVERIFY2(load(file, {}, base, error), qPrintable(error));

    es::RunDriver baseDriver(base);
    const es::RunSummary b = baseDriver.run();
    QVERIFY2(b.conservationOk, qPrintable(QStringLiteral("base: ") + violations(b)));
    QVERIFY(!b.interrupted);
    QCOMPARE(b.simTime, es::toSeconds(base.duration));
    QVERIFY2(b.eventsCreated > 0, "the base run creates no event");

    for (const std::string& name : base.variants) {
        const QString v = QString::fromStdString(name);
        es::Scenario sc;
        QVERIFY2(load(file, name, sc, error), qPrintable(v + QStringLiteral(": ") + error));
        QCOMPARE(QString::fromStdString(sc.variant), v);
        es::RunDriver d(sc);
        const es::RunSummary s = d.run();
        QVERIFY2(s.conservationOk, qPrintable(v + QStringLiteral(": ") + violations(s)));
        QVERIFY(!s.interrupted);
        QCOMPARE(s.simTime, es::toSeconds(sc.duration));
        // A variant that leaves the run as it was teaches nothing (and usually names a wrong path).
        // The trace digest covers the executed events; an idempotency store changes effects without
        // changing any event, so the groups' figures count as well.
        QVERIFY2(s.traceDigest != b.traceDigest || outcome(s) != outcome(b),
                 qPrintable(v + QStringLiteral(": the variant runs exactly like the base run")));
    }
}

QTEST_APPLESS_MAIN(TestLessonLibrary)
#include "tst_lesson_library.moc"

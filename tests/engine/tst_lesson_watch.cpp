// A lesson's `watch:` and its notes per variant (issue 15):
// - every built-in lesson names 1..8 figures, and in every one of its variants each figure is a
//   number of the run summary at the end (what the scoreboard shows is the summary's own figure);
// - a figure the summary does not have is refused where it is written, with the keys that exist and
//   the closest one; so are a group of figures, a list too long, an unknown unit, and a note naming
//   a variant the file does not have;
// - a note is part of the variants it names only, and the lessons whose notes were false in some
//   variant say so from the numbers: consumer-catch-up's "nothing dropped" is shown only where
//   nothing was dropped, rebalancing's eager notes never in the cooperative run, order-placed's
//   crash notes never in the run without failures.
#include "run/RunDriver.h"
#include "run/SummaryFormat.h"
#include "run/WatchFigures.h"
#include "scenario/LessonReader.h"
#include "scenario/ScenarioLoader.h"

#include <QDir>
#include <QtTest>

namespace {

QString lessonsDir() { return QStringLiteral(SCENARIOS_DIR "/lessons"); }

nlohmann::json runToEnd(const es::Scenario& sc)
{
    es::RunDriver d(sc);
    return es::summaryToJson(d.run());
}

std::string refusal(const std::string& text)
{
    try {
        const es::Scenario sc = es::loadScenarioText(text, "t.yaml");
        es::RunDriver d(sc);
    } catch (const es::ScenarioError& e) {
        return e.what();
    }
    return {};
}

const char* kBase = R"(scenario: w
duration: 5s
services:
  orders: { produces: OrderPlaced, to: q, rate: 10/s }
  billing: { consumes: q, service_time: 5ms }
brokers:
  q: { kind: queue }
variants:
  fast: { services.billing.service_time: 1ms }
)";

bool anyNoteContains(const es::Scenario& sc, const char* words)
{
    for (const es::NoteSpec& n : sc.notes)
        if (n.text.find(words) != std::string::npos) return true;
    return false;
}

} // namespace

class TestLessonWatch : public QObject {
    Q_OBJECT
private slots:
    void everyLessonsFiguresAreNumbersInEveryVariant()
    {
        const QStringList files = QDir(lessonsDir()).entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 20);
        int runs = 0;
        for (const QString& f : files) {
            const std::string path = (lessonsDir() + "/" + f).toStdString();
            const es::Scenario base = es::loadScenarioFile(path);
            QVERIFY2(!base.watch.empty() && base.watch.size() <= es::kMaxWatchFigures, qPrintable(f));
            std::vector<std::string> variants{""};
            variants.insert(variants.end(), base.variants.begin(), base.variants.end());
            for (const std::string& v : variants) {
                const es::Scenario sc = es::loadScenarioFile(path, {}, v);
                const nlohmann::json summary = runToEnd(sc);
                ++runs;
                for (const es::WatchSpec& w : sc.watch) {
                    QVERIFY2(!w.label.empty(), qPrintable(f));
                    const std::optional<double> value = es::figureValue(summary, w.figure);
                    QVERIFY2(value.has_value(), qPrintable(QStringLiteral("%1 (%2): %3 is not a number at the end")
                                                               .arg(f, QString::fromStdString(v), QString::fromStdString(w.figure))));
                }
            }
        }
        qInfo("%d lesson runs checked", runs);
    }

    void aFigureLooksUpByPathAndIndex()
    {
        const nlohmann::json j = nlohmann::json::parse(R"({"groups": {"a.b": {"latency_s": {"p99": 0.5}}, "x": {"n": null}},
                                                          "list": [{"v": 3}], "ok": true})");
        QCOMPARE(es::figureValue(j, "groups.a.b.latency_s.p99").value_or(-1), 0.5); // a name with a dot
        QCOMPARE(es::figureValue(j, "list.0.v").value_or(-1), 3.0);
        QCOMPARE(es::figureValue(j, "ok").value_or(-1), 1.0);
        QVERIFY(!es::figureValue(j, "groups.x.n").has_value()); // null: no value yet
        QVERIFY(es::findFigure(j, "groups.x.n") != nullptr);
        QVERIFY(!es::findFigure(j, "groups.a.c"));
        QVERIFY(!es::findFigure(j, "list.1.v"));
    }

    void unitsAndLabelsComeFromThePath()
    {
        QCOMPARE(es::unitOfFigure("groups.billing.latency_s.p99"), es::FigureUnit::Seconds);
        QCOMPARE(es::unitOfFigure("read_models.v.max_staleness_s"), es::FigureUnit::Seconds);
        QCOMPARE(es::unitOfFigure("groups.billing.utilisation"), es::FigureUnit::Share);
        QCOMPARE(es::unitOfFigure("producers.orders.lost_after_commit"), es::FigureUnit::Count);
        QCOMPARE(es::labelOfFigure("producers.orders.lost_after_commit"), std::string("orders: lost after commit"));
        QCOMPARE(es::labelOfFigure("groups.billing.latency_s.p99"), std::string("billing: latency p99"));
    }

    void aMissingFigureIsRefusedWhereItIsWritten()
    {
        const std::string e = refusal(std::string(kBase) + "watch:\n  - groups.billing.efects\n");
        QVERIFY2(e.find("t.yaml:11:5:") != std::string::npos, e.c_str());
        QVERIFY2(e.find("did you mean 'effects'") != std::string::npos, e.c_str());
        const std::string group = refusal(std::string(kBase) + "watch: [groups.billing]\n");
        QVERIFY2(group.find("is a group of figures") != std::string::npos && group.find("duplicate_effects") != std::string::npos,
                 group.c_str());
        const std::string component = refusal(std::string(kBase) + "watch: [groups.biling.effects]\n");
        QVERIFY2(component.find("did you mean 'billing'") != std::string::npos, component.c_str());
        const std::string text = refusal(std::string(kBase) + "watch: [groups.billing.source]\n");
        QVERIFY2(text.find("is not a number") != std::string::npos, text.c_str());
    }

    void badWatchEntriesAreRefusedByTheLoader()
    {
        std::string many = std::string(kBase) + "watch:\n";
        for (int i = 0; i < 9; ++i) many += "  - groups.billing.effects\n";
        QVERIFY(refusal(many).find("at most 8") != std::string::npos);
        const std::string unit = refusal(std::string(kBase) + "watch:\n  - { figure: groups.billing.effects, unit: minutes }\n");
        QVERIFY2(unit.find("t.yaml:11:") != std::string::npos && unit.find("unit") != std::string::npos, unit.c_str());
        const std::string key = refusal(std::string(kBase) + "watch:\n  - { figure: groups.billing.effects, lable: x }\n");
        QVERIFY2(key.find("lable") != std::string::npos, key.c_str());
        QVERIFY(refusal(std::string(kBase) + "watch:\n  - { figure: groups.billing.effects, label: Billed, better: higher }\n").empty());
    }

    void aNoteBelongsToTheVariantsItNames()
    {
        const std::string text = std::string(kBase) +
                                 "notes:\n  - { at: 1s, text: everywhere }\n  - { at: 2s, text: only-base, variants: [base] }\n"
                                 "  - { at: 3s, text: only-fast, variants: fast }\n";
        const es::Scenario base = es::loadScenarioText(text, "t.yaml");
        const es::Scenario fast = es::loadScenarioText(text, "t.yaml", {}, "fast");
        QCOMPARE(base.notes.size(), std::size_t(2));
        QCOMPARE(fast.notes.size(), std::size_t(2));
        QVERIFY(anyNoteContains(base, "only-base") && !anyNoteContains(base, "only-fast"));
        QVERIFY(anyNoteContains(fast, "only-fast") && !anyNoteContains(fast, "only-base"));
        const std::string bad = refusal(std::string(kBase) + "notes:\n  - { at: 1s, text: x, variants: [fsat] }\n");
        QVERIFY2(bad.find("t.yaml:11:") != std::string::npos && bad.find("did you mean 'fast'") != std::string::npos, bad.c_str());
    }

    void lessonNotesAreTrueInTheirVariants()
    {
        const std::string catchUp = (lessonsDir() + "/consumer-catch-up.yaml").toStdString();
        for (const std::string v : {"", "short-retention", "longer-outage"}) {
            const es::Scenario sc = es::loadScenarioFile(catchUp, {}, v);
            const double dropped = es::figureValue(runToEnd(sc), "groups.indexer.dropped").value_or(-1);
            QVERIFY2(anyNoteContains(sc, "nothing dropped") == (dropped == 0), v.c_str());
            QVERIFY2(anyNoteContains(sc, "dropped"), v.c_str()); // every run is told where to look
        }
        const std::string rebalancing = (lessonsDir() + "/rebalancing.yaml").toStdString();
        const es::Scenario cooperative = es::loadScenarioFile(rebalancing, {}, "cooperative");
        QVERIFY(!anyNoteContains(cooperative, "Eager") && !anyNoteContains(cooperative, "eager"));
        QVERIFY(anyNoteContains(cooperative, "Cooperative"));
        QVERIFY(anyNoteContains(es::loadScenarioFile(rebalancing), "Eager"));
        const std::string orderPlaced = (lessonsDir() + "/order-placed.yaml").toStdString();
        const es::Scenario calm = es::loadScenarioFile(orderPlaced, {}, "no-failures");
        QVERIFY(!anyNoteContains(calm, "crash") && !anyNoteContains(calm, "back"));
        // The outbox's "lost" notes only where events are lost.
        const std::string outbox = (lessonsDir() + "/outbox.yaml").toStdString();
        for (const std::string v : {"", "outbox", "outbox-idempotent"}) {
            const es::Scenario sc = es::loadScenarioFile(outbox, {}, v);
            const double lost = es::figureValue(runToEnd(sc), "producers.orders.lost_after_commit").value_or(-1);
            QVERIFY2(anyNoteContains(sc, "lost orders") == (lost > 0), v.c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TestLessonWatch)
#include "tst_lesson_watch.moc"

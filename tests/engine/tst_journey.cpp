// A message's journey (issue 15): the domain-level steps of one correlation, from a run stored with
// --trace (eventscape-cli trace RUN ID) and from a replay of a run that was not stored (the window).
// The two agree step for step, a replay is the same run (digest), listening changes nothing, an
// event id finds its correlation's journey, and a redelivered poison message lists its redeliveries,
// failed attempts and the dead-letter queue in order.
#include "CliProcess.h"
#include "model/journey/Journey.h"
#include "run/JourneyFormat.h"
#include "run/JourneyReplay.h"
#include "run/RunDriver.h"
#include "scenario/ScenarioLoader.h"
#include "store/RunRecorder.h"
#include "store/RunStore.h"

#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

namespace {

const es::SimTime kUntil = 40 * es::kSecond;

es::Scenario lesson(const char* file) { return es::loadScenarioFile(std::string(SCENARIOS_DIR "/lessons/") + file); }

bool sameSteps(const std::vector<es::JourneyStep>& a, const std::vector<es::JourneyStep>& b)
{
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].at != b[i].at || a[i].envelope.eventId != b[i].envelope.eventId || a[i].kind != b[i].kind ||
            a[i].from != b[i].from || a[i].to != b[i].to || a[i].detail != b[i].detail ||
            a[i].envelope.causationId != b[i].envelope.causationId)
            return false;
    return true;
}

bool has(const es::Journey& j, es::StepKind k)
{
    for (const es::JourneyStep& s : j.steps)
        if (s.kind == k) return true;
    return false;
}

} // namespace

class TestJourney : public QObject {
    Q_OBJECT
private slots:
    void storedJourneyEqualsReplayAndListsRedeliveries();
    void eventIdFindsItsCorrelation();
    void cliTracePrintsTheJourney();
};

void TestJourney::storedJourneyEqualsReplayAndListsRedeliveries()
{
    const es::Scenario sc = lesson("poison-message.yaml");
    QTemporaryDir dir;
    es::RunStore store(dir.filePath("runs.sqlite").toStdString());
    es::RunDriver driver(sc, kUntil);
    es::RunRecorder recorder(store, driver, {}, true);
    const es::RunSummary summary = driver.run();
    recorder.finish(summary);
    // Listening changes nothing: the same run without any sink has the same digest.
    QCOMPARE(es::RunDriver(sc, kUntil).run().traceDigest, summary.traceDigest);

    // The first poison order: its journey ends in the dead-letter queue.
    es::Journey stored;
    for (std::uint64_t id = 1; id < 2000 && !has(stored, es::StepKind::DeadLetter); ++id) stored = store.loadJourney(recorder.record().id, id);
    QVERIFY2(has(stored, es::StepKind::DeadLetter), "a poison order was dead-lettered within 40 s");
    const std::uint64_t id = stored.correlationId;

    const es::ReplayedJourney replay = es::replayJourney(sc, kUntil, id);
    QVERIFY(!replay.stopped);
    QCOMPARE(replay.traceDigest, summary.traceDigest); // the same run
    QCOMPARE(replay.journey.correlationId, id);
    QVERIFY(sameSteps(stored.steps, replay.journey.steps));

    // Published, delivered; per receive (max_receives 3) every attempt fails (1 + 3 retries), each
    // but the last with a retry scheduled; received again at attempts 2 and 3; then the dead-letter
    // queue, last, at the queue.
    const std::vector<es::JourneyStep>& s = stored.steps;
    QCOMPARE(es::stepWhat(stored, s[0]), std::string("published"));
    QCOMPARE(es::stepWhat(stored, s[1]), std::string("delivered"));
    std::vector<std::uint64_t> redeliveries, failed;
    for (std::size_t i = 1; i < s.size(); ++i) {
        QVERIFY(s[i].at >= s[i - 1].at);
        if (s[i].kind == es::StepKind::Redelivery) redeliveries.push_back(s[i].detail);
        if (s[i].kind == es::StepKind::AttemptFailed) failed.push_back(s[i].detail);
    }
    QCOMPARE(redeliveries, (std::vector<std::uint64_t>{2, 3}));
    QCOMPARE(failed, (std::vector<std::uint64_t>{1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4}));
    QCOMPARE(s.back().kind, es::StepKind::DeadLetter);
    QCOMPARE(stored.nodeName(s.back().from), std::string("fulfilment-q"));
    QVERIFY(!has(stored, es::StepKind::Handled)); // never handled

    const std::string text = es::journeyText(stored, "run #1");
    QVERIFY(text.find("delivered again (attempt 2)") != std::string::npos);
    QVERIFY(text.find("moved to the dead-letter queue") != std::string::npos);
    QCOMPARE(es::journeyJson(stored)["steps"].size(), s.size());

    // A good order is handled once and never fails.
    const es::Journey good = es::replayJourney(sc, kUntil, id + 1).journey;
    QVERIFY(good.found());
    QVERIFY(has(good, es::StepKind::Handled) || has(good, es::StepKind::DeadLetter));
}

void TestJourney::eventIdFindsItsCorrelation()
{
    const es::Scenario sc = lesson("order-placed.yaml");
    const es::SimTime until = 10 * es::kSecond;
    // Order 1's journey: the order, and the events its handlers emitted (another id, same correlation).
    const es::ReplayedJourney root = es::replayJourney(sc, until, 1);
    QVERIFY(root.journey.found());
    std::uint64_t followUp = 0;
    for (const es::JourneyStep& s : root.journey.steps)
        if (s.envelope.eventId != 1) {
            followUp = s.envelope.eventId;
            QCOMPARE(s.envelope.correlationId, std::uint64_t{1});
            QVERIFY(s.envelope.causationId != 0);
            break;
        }
    QVERIFY2(followUp != 0, "order 1's handling emitted an event within 10 s");
    QVERIFY(has(root.journey, es::StepKind::Handled));

    // Asked by the follow-up's id: the same journey, found in a second pass.
    const es::ReplayedJourney byEvent = es::replayJourney(sc, until, followUp);
    QCOMPARE(byEvent.journey.asked, followUp);
    QCOMPARE(byEvent.journey.correlationId, std::uint64_t{1});
    QVERIFY(sameSteps(byEvent.journey.steps, root.journey.steps));
    QVERIFY(es::journeyText(byEvent.journey, "x").find("the journey of event") != std::string::npos);

    // An id nobody carries.
    const es::ReplayedJourney none = es::replayJourney(sc, until, 99'999'999);
    QVERIFY(!none.journey.found());
    QCOMPARE(none.traceDigest, root.traceDigest);

    // Stopped at once: says so.
    std::atomic<bool> stop{true};
    QVERIFY(es::replayJourney(sc, until, 1, &stop).stopped);
}

void TestJourney::cliTracePrintsTheJourney()
{
    QTemporaryDir dir;
    const QString store = dir.filePath("runs.sqlite");
    QCOMPARE(runCli({"run", "poison-message", "--until", "40s", "--trace", "--store", store}).exitCode, 0);
    QCOMPARE(runCli({"run", "poison-message", "--until", "5s", "--store", store}).exitCode, 0);

    const CliResult text = runCli({"trace", "1", "15", "--store", store});
    QCOMPARE(text.exitCode, 0);
    QVERIFY2(text.out.startsWith("run #1: correlation 15"), text.out.constData());
    const CliResult json = runCli({"trace", "1", "15", "--store", store, "--json"});
    QCOMPARE(json.exitCode, 0);
    const nlohmann::json j = nlohmann::json::parse(json.out.toStdString());
    QCOMPARE(j["correlation_id"].get<int>(), 15);
    QCOMPARE(j["run"].get<int>(), 1);
    // One line per step, after the two heading lines.
    QCOMPARE(static_cast<std::size_t>(text.out.count('\n')), j["steps"].size() + 2);
    QCOMPARE(j["steps"][0]["kind"].get<std::string>(), std::string("deliver"));
    QCOMPARE(j["steps"][0]["from"].get<std::string>(), std::string("orders"));

    const CliResult unknown = runCli({"trace", "1", "99999999", "--store", store});
    QCOMPARE(unknown.exitCode, 2);
    QVERIFY(unknown.out.contains("no event or correlation 99999999"));
    const CliResult untraced = runCli({"trace", "2", "15", "--store", store});
    QCOMPARE(untraced.exitCode, 2);
    QVERIFY2(untraced.err.contains("without its trace") && untraced.err.contains("--trace"), untraced.err.constData());
    QCOMPARE(runCli({"trace", "1", "0", "--store", store}).exitCode, 2);
}

QTEST_GUILESS_MAIN(TestJourney)
#include "tst_journey.moc"

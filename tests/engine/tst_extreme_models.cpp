// Regressions of issue 19: big or unusual but valid models must run to the end with correct
// accounting, and what the engine cannot run must be refused by the loader with FILE:LINE:COLUMN.
// The scenarios are in tests/data/issue19/, one per defect, each with the figures it must give.
#include "model/services/ConsumerService.h"
#include "model/MetricsSampler.h"
#include "model/brokers/ReadyPartitions.h"
#include "model/LinkFaults.h"
#include "model/services/Producer.h"
#include "model/brokers/QueueBroker.h"
#include "model/World.h"
#include "run/RunDriver.h"
#include "run/RunSummary.h"
#include "run/SummaryFormat.h"
#include "scenario/ScenarioLoader.h"

#include "SummaryLookup.h"

#include <QtTest>

#include <map>
#include <string>

namespace {

using testsupport::findBroker;
using testsupport::findGroup;
using testsupport::violations;

std::string dataFile(const char* name) { return std::string(ISSUE19_DIR "/") + name; }

// The loader's message for a file it refuses, or "" when it loads.
QString refusal(const char* name)
{
    try {
        es::loadScenarioFile(dataFile(name));
    } catch (const es::ScenarioError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

es::RunSummary runFile(const char* name, const std::vector<es::Override>& overrides = {},
                       std::optional<es::SimTime> until = std::nullopt)
{
    const es::Scenario sc = es::loadScenarioFile(dataFile(name), overrides);
    es::RunDriver d(sc, until);
    return d.run();
}

#define CHECK_CONSERVATION(s) QVERIFY2((s).conservationOk, qPrintable(violations(s)))

} // namespace

class TestExtremeModels : public QObject {
    Q_OBJECT

private slots:
    void routingLoopsAreRefused_data();
    void routingLoopsAreRefused();
    void routingWithoutLoopRuns();
    void engineLimitsAreValidated();
    void overlappingFailuresCompose_data();
    void overlappingFailuresCompose();
    void crashBeforeAckDoesNotReviveACrashedService();
    void overlappingChancesAndSlowdownsCompose();
    void crashWithZeroDurationOnTinyRetention();
    void forwardReplayGivesSkippedRecordsAFate_data();
    void forwardReplayGivesSkippedRecordsAFate();
    void queueAndGroupDeadLetterCountsExplained();
    void pollingPeriodsHaveALowerBound();
    void crashOfAWideGroupCostsItsWork();
    void readyPartitionsFindWhatAScanFinds();
    void tenThousandPartitionsRunToTheEnd_data();
    void tenThousandPartitionsRunToTheEnd();
    void perPartitionSeriesAreCapped();
};

void TestExtremeModels::routingLoopsAreRefused_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("expected"); // every '|'-separated part must appear
    QTest::newRow("bus to itself") << "loop-bus-self.yaml" << "loop-bus-self.yaml:4:43: |routing loop|a → a";
    QTest::newRow("topic subscribes to topic") << "loop-topic-topic.yaml" << "loop-topic-topic.yaml:5:32: |a → b → a";
    QTest::newRow("topic and bus") << "loop-topic-bus.yaml" << "loop-topic-bus.yaml:8:85: |broker 'b' routes to t|t → b → t";
    QTest::newRow("copies explode without a loop") << "routing-fanout-explosion.yaml"
                                                   << "routing-fanout-explosion.yaml:11:35: |copied more than 10000 times";
}

void TestExtremeModels::routingLoopsAreRefused()
{
    QFETCH(QString, file);
    QFETCH(QString, expected);
    const QString message = refusal(file.toUtf8().constData());
    QVERIFY2(!message.isEmpty(), "the routing loop was accepted");
    for (const QString& part : expected.split(QLatin1Char('|')))
        QVERIFY2(message.contains(part), qPrintable(QStringLiteral("missing '%1' in:\n%2").arg(part, message)));
    // One problem, one message.
    QCOMPARE(message.count(QLatin1Char('\n')), 0);
}

void TestExtremeModels::routingWithoutLoopRuns()
{
    const es::RunSummary s = runFile("routing-diamond.yaml");
    CHECK_CONSERVATION(s);
    const es::GroupSummary* c = findGroup(s, "c");
    const es::GroupSummary* c2 = findGroup(s, "c2");
    QVERIFY(c && c2);
    // Three paths from t1 into q, two into q2 (a queue subscribed to a bus gets all it receives).
    QCOMPARE(c->events, std::uint64_t{50});
    QCOMPARE(c->effects, std::uint64_t{50});
    QCOMPARE(c->duplicateEffects, std::uint64_t{100});
    QCOMPARE(c2->events, std::uint64_t{50});
    QCOMPARE(c2->effects, std::uint64_t{50});
    QCOMPARE(c2->duplicateEffects, std::uint64_t{50});
    QCOMPARE(findBroker(s, "b")->received, std::uint64_t{100});
    QCOMPARE(findBroker(s, "b")->copiesOut, std::uint64_t{200});
    QCOMPARE(findBroker(s, "t2")->copiesOut, std::uint64_t{100});
}

// Item 2: what the engine threw on at build time is refused by the loader, with the position.
void TestExtremeModels::engineLimitsAreValidated()
{
    const QString workers = refusal("limit-workers.yaml");
    QVERIFY2(workers.contains(QStringLiteral("limit-workers.yaml:6:52: ")) &&
                 workers.contains(QStringLiteral("1000000000 workers, more than the 1000000")),
             qPrintable(workers));
    // 10^6 workers is allowed and builds.
    const es::Scenario ok = es::loadScenarioFile(dataFile("limit-workers.yaml"), {{"services.c.concurrency", "100"}});
    es::World w(ok);
    QCOMPARE(w.consumers().front()->totalWorkers(), 1'000'000);

    std::string values;
    for (int i = 0; i < 70'000; ++i) values += (i ? "," : "") + std::to_string(i);
    const std::string text = "scenario: attrs\nservices:\n  p: { produces: E, to: q, rate: 1/s, attributes: { region: [" +
                             values + "] } }\nbrokers: { q: { kind: queue } }\n";
    QString message;
    try {
        es::loadScenarioText(text, "attrs.yaml");
    } catch (const es::ScenarioError& e) {
        message = QString::fromStdString(e.what());
    }
    // Reported once, at the 65,001st value (column of "65000" in the list).
    const auto column = text.find(",65000,") + 2 - text.find("  p:");
    QVERIFY2(message.startsWith(QStringLiteral("attrs.yaml:3:%1: more than 65000 distinct attribute values").arg(column)),
             qPrintable(message.left(300)));
    QCOMPARE(message.count(QLatin1Char('\n')), 0);
}

// Item 4: the end of an inner failure used to lift an outer one on the same target. Each row is one
// failure kind, with the figures the run must give (and, in the comment, what it gave before).
void TestExtremeModels::overlappingFailuresCompose_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("group");
    QTest::addColumn<qulonglong>("created");
    QTest::addColumn<qulonglong>("events"); // reached the group
    QTest::addColumn<qulonglong>("effects");
    // Was: effects 1,999 (instance 0 back at 11 s).
    QTest::newRow("crash in a crash") << "overlap-crash.yaml" << "c" << 2000ull << 2000ull << 499ull;
    // Was: 800 published (the broker back at 5 s).
    QTest::newRow("outage in an outage") << "overlap-outage.yaml" << "c" << 800ull << 199ull << 199ull;
    // Was: effects 799 (reconnected at 5 s).
    QTest::newRow("partition in a partition") << "overlap-partition.yaml" << "c" << 800ull << 800ull << 199ull;
    // Was: 500 created (the producer back at 5 s).
    QTest::newRow("producer crash in a crash") << "overlap-producer-crash.yaml" << "c" << 199ull << 199ull << 199ull;
}

void TestExtremeModels::overlappingFailuresCompose()
{
    QFETCH(QString, file);
    QFETCH(QString, group);
    QFETCH(qulonglong, created);
    QFETCH(qulonglong, events);
    QFETCH(qulonglong, effects);
    const es::RunSummary s = runFile(file.toUtf8().constData());
    CHECK_CONSERVATION(s);
    QCOMPARE(s.producers.front().created, std::uint64_t{created});
    const es::GroupSummary* g = findGroup(s, group.toStdString());
    QVERIFY(g);
    QCOMPARE(g->events, std::uint64_t{events});
    QCOMPARE(g->effects, std::uint64_t{effects});
}

// A crash before an ack schedules the instance's restart; a crash in force must outlast it.
void TestExtremeModels::crashBeforeAckDoesNotReviveACrashedService()
{
    const es::RunSummary full = runFile("overlap-crash-before-ack.yaml");
    const es::RunSummary toCrash = runFile("overlap-crash-before-ack.yaml", {}, 5 * es::kSecond);
    CHECK_CONSERVATION(full);
    QCOMPARE(findGroup(full, "c")->effects, std::uint64_t{5}); // one per second before 5 s (was 20)
    QCOMPARE(findGroup(full, "c")->effectApplications, findGroup(toCrash, "c")->effectApplications);
    QCOMPARE(findGroup(full, "c")->attempts, findGroup(toCrash, "c")->attempts);
}

// Slowdowns multiply (and added latencies add up); chances combine as independent ones.
void TestExtremeModels::overlappingChancesAndSlowdownsCompose()
{
    struct Expect {
        es::SimTime at;
        double factor;
        es::SimTime extra;
        double errors, drop, duplicate, delay, poison, crashBeforeAck;
    };
    const Expect expected[] = {
        {1 * es::kSecond, 1, 0, 0, 0, 0, 0, 0, 0},
        {4500 * es::kMillisecond, 6, 15 * es::kMillisecond, 0.75, 0.75, 0.19, 0.36, 0.75, 0.75},
        {6 * es::kSecond, 2, 10 * es::kMillisecond, 0.5, 0.5, 0.1, 0.2, 0.5, 0.5}, // was all lifted at 5 s
    };
    const es::Scenario sc = es::loadScenarioFile(dataFile("overlap-shares.yaml"));
    for (const Expect& e : expected) {
        es::RunDriver d(sc, e.at);
        const es::RunSummary s = d.run();
        CHECK_CONSERVATION(s);
        const es::World& w = d.world();
        const es::ConsumerService* c = w.consumer("c");
        const es::LinkFaults& link = w.queues().front()->linkFaults();
        const QString at = QStringLiteral(" at %1 s").arg(es::toSeconds(e.at));
        QVERIFY2(qFuzzyCompare(c->slowFactor(), e.factor), qPrintable("slowdown" + at));
        QVERIFY2(c->slowExtra() == e.extra, qPrintable("added latency" + at));
        QVERIFY2(qFuzzyCompare(1 + c->extraErrorRate(), 1 + e.errors), qPrintable("errors" + at));
        QVERIFY2(qFuzzyCompare(1 + link.share(es::FailureKind::Drop), 1 + e.drop), qPrintable("drop" + at));
        QVERIFY2(qFuzzyCompare(1 + link.share(es::FailureKind::Duplicate), 1 + e.duplicate), qPrintable("duplicate" + at));
        QVERIFY2(qFuzzyCompare(1 + link.share(es::FailureKind::Delay), 1 + e.delay), qPrintable("delay" + at));
        QVERIFY2(qFuzzyCompare(1 + w.producer("p")->poisonShare(), 1 + e.poison), qPrintable("poison" + at));
        QVERIFY2(qFuzzyCompare(1 + c->crashBeforeAck(), 1 + e.crashBeforeAck), qPrintable("crash before ack" + at));
    }
}

// Item 5: a member that crashed and restarted at once rewound its partition below what retention
// had kept, and read an entry past the log's end (a freed event: released twice, conservation 3,001
// for 3,000 events, exit 3).
void TestExtremeModels::crashWithZeroDurationOnTinyRetention()
{
    const es::RunSummary s = runFile("crash-zero-for.yaml");
    CHECK_CONSERVATION(s);
    const es::GroupSummary* c = findGroup(s, "c");
    QCOMPARE(c->events, std::uint64_t{3000});
    QCOMPARE(c->effects, std::uint64_t{599});
    QCOMPARE(c->dropped, std::uint64_t{2401});
    QCOMPARE(c->inFlight, std::uint64_t{0});
    // The same file with a range assignor (which never rewound below the log start) agrees.
    const es::RunSummary range = runFile("crash-zero-for.yaml", {{"brokers.L.assignor", "range"}});
    CHECK_CONSERVATION(range);
}

// Item 6: records a replay jumps over are dropped by it, and conservation holds.
void TestExtremeModels::forwardReplayGivesSkippedRecordsAFate_data()
{
    QTest::addColumn<QString>("retention");
    QTest::addColumn<qulonglong>("dropped");
    QTest::addColumn<qulonglong>("skipped");
    QTest::addColumn<qulonglong>("inFlight");
    // Was: "50 events disappeared" (exit 3).
    QTest::newRow("retention 1s") << "1s" << 441ull << 50ull << 50ull;
    // Was: dropped 0, in flight 491 (the skipped records "in flight" for ever).
    QTest::newRow("retention 7d") << "7d" << 97ull << 97ull << 394ull;
}

void TestExtremeModels::forwardReplayGivesSkippedRecordsAFate()
{
    QFETCH(QString, retention);
    QFETCH(qulonglong, dropped);
    QFETCH(qulonglong, skipped);
    QFETCH(qulonglong, inFlight);
    const es::RunSummary s = runFile("replay-forward.yaml", {{"brokers.L.retention", retention.toStdString()}});
    CHECK_CONSERVATION(s);
    const es::GroupSummary* c = findGroup(s, "c");
    QCOMPARE(c->events, std::uint64_t{500});
    QCOMPARE(c->effects, std::uint64_t{9});
    QCOMPARE(c->dropped, std::uint64_t{dropped});
    QCOMPARE(c->skippedByReplay, std::uint64_t{skipped});
    QCOMPARE(c->inFlight, std::uint64_t{inFlight});
    QCOMPARE(c->effects + c->deadLettered + c->dropped + c->inFlight, c->events);
}

// Item 8: the queue's and the group's dead-letter figures differ; the text summary explains it.
void TestExtremeModels::queueAndGroupDeadLetterCountsExplained()
{
    const es::RunSummary s = runFile("dlq-visibility-1ns.yaml");
    CHECK_CONSERVATION(s);
    QCOMPARE(findBroker(s, "q")->deadLettered, std::uint64_t{99});
    QCOMPARE(findGroup(s, "c")->deadLettered, std::uint64_t{0});
    QCOMPARE(findGroup(s, "c")->effects, std::uint64_t{99});
    const QString text = QString::fromStdString(es::summaryToText(s));
    QVERIFY2(text.contains(QStringLiteral("(the queue counts messages it moved to its dead-letter queue, 99; group c "
                                          "counts events whose fate is dead-lettered, 0:")),
             qPrintable(text));
    // Where the figures agree, nothing is added.
    const QString plain = QString::fromStdString(es::summaryToText(runFile("overlap-crash.yaml")));
    QVERIFY(!plain.contains(QStringLiteral("the queue counts")));
}

// Item 11: periods of polling work below 1 ms are refused, each at its key (they spun for minutes).
void TestExtremeModels::pollingPeriodsHaveALowerBound()
{
    const QStringList lines = refusal("polling-1ns.yaml").split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 4);
    QVERIFY2(lines[0].contains(QStringLiteral("polling-1ns.yaml:5:22: metrics: 'interval' is 1 ns, below the minimum of 1ms")), qPrintable(lines[0]));
    QVERIFY2(lines[1].contains(QStringLiteral("polling-1ns.yaml:7:73: service 'p': 'relay_interval' is 1 ns")), qPrintable(lines[1]));
    QVERIFY2(lines[2].contains(QStringLiteral("polling-1ns.yaml:7:103: service 'p' burst: 'every' is 1 ns")), qPrintable(lines[2]));
    QVERIFY2(lines[3].contains(QStringLiteral("polling-1ns.yaml:8:29: service 'c': 'commit' is 1 ns")), qPrintable(lines[3]));
    // At the minimum, the same file runs (during the outage the relay polls every millisecond).
    const es::RunSummary s = runFile("polling-1ns.yaml", {{"metrics.interval", "1ms"},
                                                          {"services.p.relay_interval", "1ms"},
                                                          {"services.p.bursts.every", "1ms"},
                                                          {"services.c.commit", "1ms"}});
    CHECK_CONSERVATION(s);
    QVERIFY(s.eventsProcessed < 100'000);
}

// Item 3: one crash of 10,000 instances x 100 workers took ~95 s (every worker of every instance
// visited); the run now ends with the crash applied and nothing lost.
void TestExtremeModels::crashOfAWideGroupCostsItsWork()
{
    const es::RunSummary s = runFile("wide-group-crash.yaml");
    CHECK_CONSERVATION(s);
    const es::GroupSummary* c = findGroup(s, "c");
    QVERIFY(c);
    QVERIFY2(c->events > 900 && c->events < 1100, qPrintable(QString::number(c->events)));
    // Down 5-6 s: what arrived then waited in the queue and was handled after the restart.
    QCOMPARE(c->effects + c->inFlight, c->events);
    QCOMPARE(c->dropped, std::uint64_t{0});
    // The kernel's work stays in proportion to the messages (a few events each), not to 10^6 workers.
    QVERIFY2(s.eventsProcessed < 20 * c->events, qPrintable(QString::number(s.eventsProcessed)));
}

// Item 9: a member's ready partitions, searched from its cursor going round, give what scanning
// every partition in turn gives, on random sets across word and summary boundaries.
void TestExtremeModels::readyPartitionsFindWhatAScanFinds()
{
    for (const int n : {1, 63, 64, 65, 4095, 4096, 4097, 10'000}) {
        es::ReadyPartitions ready(n);
        std::vector<bool> truth(static_cast<std::size_t>(n), false);
        QCOMPARE(ready.nextFrom(0), -1);
        std::uint64_t x = 0x2545F4914F6CDD1DULL + static_cast<std::uint64_t>(n);
        const auto next = [&x] { x ^= x << 13; x ^= x >> 7; x ^= x << 17; return x; };
        for (int step = 0; step < 20'000; ++step) {
            const int p = static_cast<int>(next() % static_cast<std::uint64_t>(n));
            // Sparse sets most of the time (the case the summary words are for), dense now and then.
            const bool on = (next() % 100) < (step % 5000 < 2500 ? 3u : 70u);
            if (on) ready.set(p); else ready.clear(p);
            truth[static_cast<std::size_t>(p)] = on;
            const int from = static_cast<int>(next() % static_cast<std::uint64_t>(n));
            int expected = -1;
            for (int k = 0; k < n && expected < 0; ++k)
                if (truth[static_cast<std::size_t>((from + k) % n)]) expected = (from + k) % n;
            if (ready.nextFrom(from) != expected)
                QFAIL(qPrintable(QStringLiteral("n %1 step %2 from %3: got %4, a scan finds %5")
                                     .arg(n).arg(step).arg(from).arg(ready.nextFrom(from)).arg(expected)));
            QCOMPARE(ready.test(p), on);
        }
    }
}

// Item 9: 10,000 partitions, one instance of 8 workers, 10,000 records/s over 10^6 keys (ran at
// ~20,000 events/s, a scan of every partition per fetch); with a one-second retention too (a scan
// of every partition per expired record). Every record is handled; nothing is lost or left.
void TestExtremeModels::tenThousandPartitionsRunToTheEnd_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("expires");
    QTest::newRow("retention 7d") << "many-partitions.yaml" << false;
    QTest::newRow("retention 1s") << "many-partitions-retention.yaml" << true;
}

void TestExtremeModels::tenThousandPartitionsRunToTheEnd()
{
    QFETCH(QString, file);
    QFETCH(bool, expires);
    const es::RunSummary s = runFile(qPrintable(file));
    CHECK_CONSERVATION(s);
    const es::GroupSummary* c = findGroup(s, "c");
    QVERIFY(c);
    // Poisson arrivals at 10,000/s for 10 s.
    QVERIFY2(c->events > 98'000 && c->events < 102'000, qPrintable(QString::number(c->events)));
    // 8 workers at 0.5 ms keep up with 10,000/s: all but the last few are handled, none lost.
    QCOMPARE(c->dropped, std::uint64_t{0});
    QVERIFY2(c->inFlight < 50, qPrintable(QString::number(c->inFlight)));
    QCOMPARE(c->effects + c->inFlight, c->events);
    const es::BrokerSummary* l = findBroker(s, "L");
    QVERIFY(l);
    QCOMPARE(l->partitions, 10'000);
    if (expires) QVERIFY(l->expired > 80'000); // records older than 1 s left the log
    else QCOMPARE(l->expired, std::uint64_t{0});
}

// Item 10: a 10,000-partition log read by two groups of 10 instances keeps the spread across its
// partitions (7 series a group) instead of two series per partition (40,000 series, 5.1 GB at
// eight groups); up to 64 partitions each partition keeps its own. The spread agrees with the
// group's own lag at every sample (mean x partitions = the group's lag).
void TestExtremeModels::perPartitionSeriesAreCapped()
{
    const char* text = R"(
scenario: partition-series
seed: 3
duration: 5s
services:
  p: { produces: E, to: L, rate: 20000/s, keys: 100000 }
  a: { consumes: L, instances: 10, concurrency: 8, service_time: 4ms }
  b: { consumes: L, instances: 10, service_time: 1ms }
brokers: { L: { kind: log, partitions: 10000 } }
)";
    const es::Scenario sc = es::loadScenarioText(text, "partition-series.yaml");
    es::RunDriver d(sc);
    const es::RunSummary s = d.run();
    CHECK_CONSERVATION(s);
    const es::TimeSeriesSet& ts = d.world().sampler().series();
    std::size_t perPartition = 0;
    std::map<std::string, std::size_t> col;
    for (std::size_t i = 0; i < ts.seriesCount(); ++i) {
        col[ts.name(i)] = i;
        if (ts.name(i).find(".p0.") != std::string::npos || ts.name(i).find(".p9999.") != std::string::npos) ++perPartition;
    }
    QCOMPARE(perPartition, std::size_t{0});
    QVERIFY2(ts.seriesCount() < 80, qPrintable(QString::number(ts.seriesCount())));
    for (const char* g : {"a", "b"}) {
        const std::string prefix = std::string("L.") + g + ".partitions.";
        for (const char* k : {"lag_min", "lag_mean", "lag_p99", "lag_max", "lagging", "lag_seconds_p99", "lag_seconds_max"})
            QVERIFY2(col.count(prefix + k), qPrintable(QString::fromStdString(prefix + k)));
        QVERIFY(ts.rowCount() >= 5);
        bool sawLag = false;
        for (std::size_t r = 0; r < ts.rowCount(); ++r) {
            const auto v = [&](const std::string& n) { return ts.valueAt(r, col.at(n)); };
            const double mn = v(prefix + "lag_min"), mean = v(prefix + "lag_mean"), p99 = v(prefix + "lag_p99"),
                         mx = v(prefix + "lag_max"), lagging = v(prefix + "lagging");
            QVERIFY(mn <= mean && mean <= mx && p99 <= mx && mn <= p99);
            QVERIFY(lagging >= 0 && lagging <= 10'000);
            QVERIFY(v(prefix + "lag_seconds_p99") <= v(prefix + "lag_seconds_max"));
            // The group's lag is the sum over partitions.
            QCOMPARE(std::llround(mean * 10'000), std::llround(v(std::string(g) + ".lag_messages")));
            sawLag = sawLag || mx > 0;
        }
        QVERIFY(sawLag);
    }
    // At the limit (64 partitions) each partition keeps its series; one more and the spread is kept.
    for (const int n : {es::kMaxPartitionSeries, es::kMaxPartitionSeries + 1}) {
        const es::Scenario small = es::loadScenarioText(text, "partition-series.yaml",
                                                        {{"brokers.L.partitions", std::to_string(n)}, {"duration", "1s"}});
        es::RunDriver ds(small);
        ds.run();
        const es::TimeSeriesSet& t = ds.world().sampler().series();
        bool last = false, spread = false;
        for (std::size_t i = 0; i < t.seriesCount(); ++i) {
            last = last || t.name(i) == "L.a.p" + std::to_string(n - 1) + ".lag";
            spread = spread || t.name(i) == "L.a.partitions.lag_max";
        }
        QCOMPARE(last, n <= es::kMaxPartitionSeries);
        QCOMPARE(spread, n > es::kMaxPartitionSeries);
    }
}

QTEST_APPLESS_MAIN(TestExtremeModels)
#include "tst_extreme_models.moc"

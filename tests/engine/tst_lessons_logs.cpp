// The log lessons (scenarios/lessons/): each lesson's base run and variants, checked for the point
// the lesson makes, with the run's own figures: the summary, per-partition state of the log
// (`World::logs()`), and the sampled series (`MetricsSampler::series()`).
//   partitions-and-ordering  lag and latency fall with members up to the partition count, not beyond
//   hot-key                  one hot key keeps one partition behind while the others are empty
//   lag-under-burst          lag in messages and in seconds jumps at each burst and drains
//   consumer-catch-up        a restarted group resumes from its committed offsets; short retention loses records
//   replay-rebuild           a replay duplicates every record unless the consumer is idempotent
//   rebalancing              eager pauses every partition, cooperative only the moved ones; interval commits repeat work
#include "kernel/SimTime.h"
#include "metrics/TimeSeries.h"
#include "model/services/ConsumerService.h"
#include "model/brokers/LogBroker.h"
#include "model/MetricsSampler.h"
#include "model/World.h"
#include "run/RunDriver.h"
#include "run/RunSummary.h"
#include "scenario/ScenarioLoader.h"

#include "SummaryLookup.h"

#include <QtTest>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

namespace {

using testsupport::violations;

// One finished run of a lesson (or one of its variants); the driver stays alive so that the world,
// the log's partitions and the sampled series can be read after the run.
struct LessonRun {
    std::unique_ptr<es::RunDriver> driver;
    es::RunSummary summary;

    es::World& world() const { return driver->world(); }
    const es::TimeSeriesSet& series() const { return driver->world().sampler().series(); }
    const es::GroupSummary& group(const std::string& name) const
    {
        for (const es::GroupSummary& g : summary.groups)
            if (g.name == name) return g;
        qFatal("no group '%s' in the summary of %s", name.c_str(), summary.scenarioId.c_str());
    }
    const es::BrokerSummary& broker(const std::string& name) const
    {
        for (const es::BrokerSummary& b : summary.brokers)
            if (b.name == name) return b;
        qFatal("no broker '%s' in the summary of %s", name.c_str(), summary.scenarioId.c_str());
    }
    es::LogBroker& log(const std::string& name) const
    {
        for (const auto& l : world().logs())
            if (l->componentName() == name) return *l;
        qFatal("no log '%s' in %s", name.c_str(), summary.scenarioId.c_str());
    }
};

std::string lessonPath(const std::string& lesson) { return std::string(SCENARIOS_DIR) + "/lessons/" + lesson + ".yaml"; }

es::Scenario loadLesson(const std::string& lesson, const std::string& variant)
{
    return es::loadScenarioFile(lessonPath(lesson), {}, variant);
}

LessonRun runLesson(const std::string& lesson, const std::string& variant = {})
{
    const es::Scenario sc = loadLesson(lesson, variant);
    LessonRun r;
    r.driver = std::make_unique<es::RunDriver>(sc);
    r.summary = r.driver->run();
    return r;
}

std::size_t column(const es::TimeSeriesSet& ts, const std::string& name)
{
    for (std::size_t c = 0; c < ts.seriesCount(); ++c)
        if (ts.name(c) == name) return c;
    qFatal("no series '%s'", name.c_str());
}

double seriesMax(const es::TimeSeriesSet& ts, const std::string& name)
{
    const std::size_t c = column(ts, name);
    double m = 0;
    for (std::size_t r = 0; r < ts.rowCount(); ++r) m = std::max(m, ts.valueAt(r, c));
    return m;
}

// The value of the last row sampled at or before `seconds`.
double seriesAt(const es::TimeSeriesSet& ts, const std::string& name, double seconds)
{
    const std::size_t c = column(ts, name);
    const es::SimTime t = es::fromSeconds(seconds);
    double v = 0;
    for (std::size_t r = 0; r < ts.rowCount() && ts.timeAt(r) <= t; ++r) v = ts.valueAt(r, c);
    return v;
}

// The first sampled time in (from, to] at which the series is at or below `level`; -1 if none.
double firstTimeAtOrBelow(const es::TimeSeriesSet& ts, const std::string& name, double from, double to, double level)
{
    const std::size_t c = column(ts, name);
    for (std::size_t r = 0; r < ts.rowCount(); ++r) {
        const double t = es::toSeconds(ts.timeAt(r));
        if (t > from && t <= to && ts.valueAt(r, c) <= level) return t;
    }
    return -1;
}

#define CHECK_CONSERVATION(run) QVERIFY2((run).summary.conservationOk, qPrintable(violations((run).summary)))

// Every event is accounted for in the group: applied, dead-lettered, dropped or still in flight.
void checkFates(const es::GroupSummary& g)
{
    QCOMPARE(g.effects + g.deadLettered + g.dropped + g.inFlight, g.events);
}

} // namespace

class TestLessonsLogs : public QObject {
    Q_OBJECT

private slots:
    void partitionsAndOrdering();
    void hotKey();
    void lagUnderBurst();
    void consumerCatchUp();
    void replayRebuild();
    void rebalancing();
};

// 6 partitions, 120 records/s, about 19 ms per record, one record at a time per member: one member
// (~52/s) falls behind; 3 members keep up; 6 members have one partition each and lower latency; 8
// members leave two members without a partition and change nothing.
void TestLessonsLogs::partitionsAndOrdering()
{
    const LessonRun one = runLesson("partitions-and-ordering");
    const LessonRun three = runLesson("partitions-and-ordering", "three-instances");
    const LessonRun six = runLesson("partitions-and-ordering", "six-instances");
    const LessonRun eight = runLesson("partitions-and-ordering", "eight-instances");
    for (const LessonRun* r : {&one, &three, &six, &eight}) {
        CHECK_CONSERVATION(*r);
        checkFates(r->group("ledger"));
        QCOMPARE(r->broker("payments").partitions, 6);
    }
    const es::GroupSummary& g1 = one.group("ledger");
    const es::GroupSummary& g3 = three.group("ledger");
    const es::GroupSummary& g6 = six.group("ledger");
    const es::GroupSummary& g8 = eight.group("ledger");
    // The same traffic reaches every variant.
    QVERIFY(g1.events > 10000);
    QCOMPARE(g3.events, g1.events);
    QCOMPARE(g8.events, g6.events);

    // One member: saturated, a backlog that grows all run long (~70/s), tens of seconds of latency.
    QVERIFY2(g1.utilisation > 0.98, qPrintable(QString::number(g1.utilisation)));
    QVERIFY2(g1.effects < g1.events * 6 / 10, qPrintable(QStringLiteral("%1 of %2").arg(g1.effects).arg(g1.events)));
    QVERIFY(g1.maxLagMessages > 5000);
    QVERIFY(seriesAt(one.series(), "ledger.lag_messages", 85) > seriesAt(one.series(), "ledger.lag_messages", 45) + 2000);
    QVERIFY2(g1.latency.p50 > 10.0, qPrintable(QString::number(g1.latency.p50)));

    // Three members (two partitions each): the group keeps up, latency in the tens of milliseconds.
    QVERIFY2(g3.maxLagMessages < 100, qPrintable(QString::number(g3.maxLagMessages)));
    QVERIFY(g3.inFlight < 20);
    QVERIFY2(g3.latency.p99 < 0.5, qPrintable(QString::number(g3.latency.p99)));
    QVERIFY(g3.latency.mean < g1.latency.mean / 100);

    // Six members (one partition each): no record waits behind another partition's.
    QVERIFY2(g6.latency.mean < g3.latency.mean * 0.7, qPrintable(QStringLiteral("%1 vs %2").arg(g6.latency.mean).arg(g3.latency.mean)));
    QVERIFY2(g6.latency.p99 < g3.latency.p99 * 0.5, qPrintable(QStringLiteral("%1 vs %2").arg(g6.latency.p99).arg(g3.latency.p99)));
    QVERIFY(g6.maxLagMessages <= g3.maxLagMessages);
    {
        const es::LogBroker& log = six.log("payments");
        std::vector<int> owned(6, 0);
        for (int p = 0; p < log.partitionCount(); ++p) {
            const int o = log.owner(0, p);
            QVERIFY(o >= 0 && o < 6);
            ++owned[static_cast<std::size_t>(o)];
        }
        QCOMPARE(owned, std::vector<int>(6, 1));
    }

    // Eight members: members 6 and 7 own nothing, so the run is the six-member run with idle workers.
    {
        const es::LogBroker& log = eight.log("payments");
        QCOMPARE(log.groupConsumer(0).instanceCount(), 8);
        std::vector<int> owned(8, 0);
        for (int p = 0; p < log.partitionCount(); ++p) {
            const int o = log.owner(0, p);
            QVERIFY(o >= 0 && o < 8);
            ++owned[static_cast<std::size_t>(o)];
        }
        QCOMPARE(owned[6] + owned[7], 0);
        QCOMPARE(std::count(owned.begin(), owned.end(), 1), std::ptrdiff_t{6});
    }
    QCOMPARE(g8.effects, g6.effects);
    QVERIFY2(std::abs(g8.latency.mean - g6.latency.mean) <= 0.02 * g6.latency.mean,
             qPrintable(QStringLiteral("%1 vs %2").arg(g8.latency.mean).arg(g6.latency.mean)));
    QVERIFY2(std::abs(g8.latency.p99 - g6.latency.p99) <= 0.02 * g6.latency.p99,
             qPrintable(QStringLiteral("%1 vs %2").arg(g8.latency.p99).arg(g6.latency.p99)));
    // Same busy time spread over 8 workers instead of 6.
    QVERIFY2(std::abs(g8.utilisation - g6.utilisation * 6 / 8) < 0.02,
             qPrintable(QStringLiteral("%1 vs %2").arg(g8.utilisation).arg(g6.utilisation)));
}

// 40% of 150 events/s on key 0: its partition gets ~75/s against a single reader's ~62/s.
void TestLessonsLogs::hotKey()
{
    const LessonRun base = runLesson("hot-key");
    const LessonRun even = runLesson("hot-key", "no-hot-key");
    const LessonRun more = runLesson("hot-key", "more-instances");
    for (const LessonRun* r : {&base, &even, &more}) {
        CHECK_CONSERVATION(*r);
        checkFates(r->group("trending"));
    }
    es::LogBroker& log = base.log("clicks");
    const int partitions = log.partitionCount();
    QCOMPARE(partitions, 6);
    const int hot = log.partitionOf(0); // the hot key is key 0
    const auto lagSeries = [](int p) { return "clicks.trending.p" + std::to_string(p) + ".lag"; };

    // The hot partition holds nearly all of the group's lag; the others stay near empty.
    const std::uint64_t hotLag = log.partitionLag(0, hot);
    QVERIFY2(hotLag > 500, qPrintable(QString::number(hotLag)));
    QVERIFY(hotLag * 100 >= log.groupLag(0) * 99);
    QVERIFY(seriesMax(base.series(), lagSeries(hot)) > 500);
    QVERIFY(seriesAt(base.series(), lagSeries(hot), 85) > seriesAt(base.series(), lagSeries(hot), 40) + 300);
    for (int p = 0; p < partitions; ++p) {
        if (p == hot) continue;
        QVERIFY2(seriesMax(base.series(), lagSeries(p)) < 20,
                 qPrintable(QStringLiteral("partition %1: %2").arg(p).arg(seriesMax(base.series(), lagSeries(p)))));
        QVERIFY(seriesMax(base.series(), "clicks.trending.p" + std::to_string(p) + ".lag_seconds") < 0.5);
    }
    const es::GroupSummary& gb = base.group("trending");
    QVERIFY(gb.latency.p50 < 0.1);  // most clicks are not on the hot key and pass quickly
    QVERIFY(gb.latency.p95 > 5.0);  // the hot key's clicks wait seconds
    QVERIFY(gb.utilisation < 0.5);  // while most of the group's workers are idle

    // Spread over all keys, the same traffic is no problem anywhere.
    const es::GroupSummary& ge = even.group("trending");
    QCOMPARE(ge.events, gb.events);
    for (int p = 0; p < partitions; ++p) QVERIFY(seriesMax(even.series(), lagSeries(p)) < 30);
    QVERIFY2(ge.latency.p99 < 0.2, qPrintable(QString::number(ge.latency.p99)));
    QVERIFY(ge.inFlight < 20);

    // Four times the workers: the hot partition still has one reader at a time.
    const es::GroupSummary& gm = more.group("trending");
    QCOMPARE(more.log("clicks").groupConsumer(0).totalWorkers(), 24);
    QVERIFY(more.log("clicks").partitionLag(0, hot) * 10 >= hotLag * 9);
    QVERIFY(gm.latency.p95 > 5.0);
    QVERIFY(gm.utilisation < gb.utilisation / 3);
}

// 100/s steady plus 3000 at once every 30 s from 10 s; ~300/s with 3 members, ~600/s with 6.
void TestLessonsLogs::lagUnderBurst()
{
    const LessonRun base = runLesson("lag-under-burst");
    const LessonRun more = runLesson("lag-under-burst", "more-consumers");
    for (const LessonRun* r : {&base, &more}) {
        CHECK_CONSERVATION(*r);
        checkFates(r->group("notifier"));
        const es::GroupSummary& g = r->group("notifier");
        QVERIFY(g.events > 20000);
        QVERIFY(g.inFlight < 20); // every burst drained by the end
        const es::TimeSeriesSet& ts = r->series();
        // Each burst makes the lag in messages jump by about 3000 from near zero, four times.
        for (double at : {10.0, 40.0, 70.0, 100.0}) {
            QVERIFY2(seriesAt(ts, "notifier.lag_messages", at - 0.5) < 50, qPrintable(QString::number(at)));
            QVERIFY2(seriesAt(ts, "notifier.lag_messages", at) >= 2900, qPrintable(QString::number(at)));
            // The lag in seconds starts at zero and grows while the burst is worked through.
            QVERIFY(seriesAt(ts, "notifier.lag_seconds", at) < 0.1);
            QVERIFY(seriesAt(ts, "notifier.lag_seconds", at + 3) >= 2.5);
        }
        QVERIFY(g.maxLagMessages >= 3000 && g.maxLagMessages < 3100);
    }
    // Drain time of the first burst: ~3000 / (300 - 100) = 15 s with 3 members, ~3000 / 500 = 6 s with 6.
    const double drainBase = firstTimeAtOrBelow(base.series(), "notifier.lag_messages", 10, 40, 20) - 10;
    const double drainMore = firstTimeAtOrBelow(more.series(), "notifier.lag_messages", 10, 40, 20) - 10;
    QVERIFY2(drainBase >= 12 && drainBase <= 19, qPrintable(QString::number(drainBase)));
    QVERIFY2(drainMore >= 4 && drainMore <= 9, qPrintable(QString::number(drainMore)));
    QVERIFY(drainMore < drainBase * 0.6);
    // Oldest unread record: about the time to work through the burst, 10 s vs 5 s.
    const double ageBase = seriesMax(base.series(), "notifier.lag_seconds");
    const double ageMore = seriesMax(more.series(), "notifier.lag_seconds");
    QVERIFY2(ageBase >= 8.5 && ageBase <= 12.5, qPrintable(QString::number(ageBase)));
    QVERIFY2(ageMore >= 3.5 && ageMore <= 6.5, qPrintable(QString::number(ageMore)));
    QVERIFY(base.group("notifier").latency.max > 1.5 * more.group("notifier").latency.max);
}

// The indexer (2 members) is down from 30 s to 60 s while 80 records/s arrive.
void TestLessonsLogs::consumerCatchUp()
{
    const LessonRun base = runLesson("consumer-catch-up");
    const LessonRun shortRet = runLesson("consumer-catch-up", "short-retention");
    const LessonRun longer = runLesson("consumer-catch-up", "longer-outage");
    for (const LessonRun* r : {&base, &shortRet, &longer}) {
        CHECK_CONSERVATION(*r);
        checkFates(r->group("indexer"));
    }
    const es::GroupSummary& g = base.group("indexer");
    const es::TimeSeriesSet& ts = base.series();
    // The backlog grows while the group is down, then drains within seconds of the restart ...
    QVERIFY(seriesAt(ts, "indexer.lag_messages", 29) < 20);
    const double lagAtRestart = seriesAt(ts, "indexer.lag_messages", 59.5);
    QVERIFY2(lagAtRestart > 2000 && lagAtRestart < 2700, qPrintable(QString::number(lagAtRestart)));
    QVERIFY(seriesAt(ts, "indexer.lag_seconds", 59.5) > 28);
    const double caughtUp = firstTimeAtOrBelow(ts, "indexer.lag_messages", 60, 100, 20);
    QVERIFY2(caughtUp > 60 && caughtUp <= 66, qPrintable(QString::number(caughtUp)));
    // ... from the committed offsets: every event indexed once, nothing lost, nothing repeated.
    QCOMPARE(g.dropped, std::uint64_t{0});
    QCOMPARE(g.duplicateEffects, std::uint64_t{0});
    QVERIFY(g.events > 7500);
    QVERIFY(g.effects + 10 >= g.events);
    QVERIFY(g.latency.max > 28);            // events written just after the crash waited it out
    QCOMPARE(base.broker("product-events").expired, std::uint64_t{0});
    QCOMPARE(base.broker("product-events").rebalances, std::uint64_t{2}); // members gone, members back

    // 20 s retention: records older than that are deleted before the indexer is back (~10 s worth).
    const es::GroupSummary& gs = shortRet.group("indexer");
    QVERIFY2(gs.dropped > 500 && gs.dropped < 1100, qPrintable(QString::number(gs.dropped)));
    QCOMPARE(gs.events, g.events);
    QCOMPARE(gs.effects + gs.dropped + gs.inFlight, gs.events);
    QVERIFY(shortRet.broker("product-events").expired > gs.dropped); // read records expire too, harmlessly
    QVERIFY(seriesMax(shortRet.series(), "indexer.lag_seconds") <= 20.5); // nothing unread older than retention
    QVERIFY(gs.latency.max < 20.5);

    // A longer outage: a bigger backlog, still nothing lost with a 7-day retention.
    const es::GroupSummary& gl = longer.group("indexer");
    QCOMPARE(gl.dropped, std::uint64_t{0});
    QVERIFY(gl.maxLagMessages > g.maxLagMessages * 13 / 10);
    QVERIFY(gl.effects + 10 >= gl.events);
}

// ~2480 records in the log at 60 s when the balance view's offsets are reset to the earliest.
void TestLessonsLogs::replayRebuild()
{
    const LessonRun base = runLesson("replay-rebuild");
    const LessonRun idem = runLesson("replay-rebuild", "idempotent");
    const LessonRun fromOffset = runLesson("replay-rebuild", "replay-from-offset");
    for (const LessonRun* r : {&base, &idem, &fromOffset}) {
        CHECK_CONSERVATION(*r);
        checkFates(r->group("balances"));
        const es::TimeSeriesSet& ts = r->series();
        QVERIFY(seriesAt(ts, "balances.lag_messages", 59.5) < 20);  // up to date before the replay
        QVERIFY(seriesAt(ts, "balances.lag_messages", 60) > 1000);   // the log is lag again
        QVERIFY(seriesAt(ts, "balances.lag_messages", 70) < 20);     // and drained within seconds
    }
    const es::GroupSummary& g = base.group("balances");
    // Every record in the log at 60 s comes back once more: the backlog at the reset is exactly the
    // number of duplicate effects.
    QVERIFY2(g.duplicateEffects > 2200, qPrintable(QString::number(g.duplicateEffects)));
    QCOMPARE(g.duplicateEffects, g.maxLagMessages);
    QCOMPARE(g.deduplicated, std::uint64_t{0});
    QCOMPARE(g.effectApplications, g.effects + g.duplicateEffects);
    QCOMPARE(g.dropped, std::uint64_t{0});

    // Idempotent: the same replay, stopped at the door.
    const es::GroupSummary& gi = idem.group("balances");
    QCOMPARE(gi.duplicateEffects, std::uint64_t{0});
    QCOMPARE(gi.deduplicated, g.duplicateEffects);
    QCOMPARE(gi.effects, g.effects);
    QCOMPARE(gi.effectApplications, gi.effects);

    // Rewinding to offset 200 of each partition replays only what lies after it.
    const es::GroupSummary& go = fromOffset.group("balances");
    QVERIFY(go.duplicateEffects > 0 && go.duplicateEffects < g.duplicateEffects - 6 * 150);
    QCOMPARE(go.duplicateEffects, go.maxLagMessages);
}

// 3 members, 6 partitions; member 1 down from 33 s to 50 s; session timeout 10 s; 2 s rounds.
void TestLessonsLogs::rebalancing()
{
    struct Observed {
        LessonRun run;
        double pausedPartitionSeconds = 0;   // integral of the number of partitions with no owner
        int maxPausedAtOnce = 0;
        std::vector<bool> everPaused;
        std::vector<int> initialOwner;
        std::vector<int> ownerAt40;           // before the group notices the crash
    };
    const auto observe = [](const std::string& variant) {
        Observed o;
        const es::Scenario sc = loadLesson("rebalancing", variant);
        o.run.driver = std::make_unique<es::RunDriver>(sc);
        es::World& w = o.run.world();
        const es::LogBroker& log = *w.logs()[0];
        const int n = log.partitionCount();
        o.everPaused.assign(static_cast<std::size_t>(n), false);
        for (int p = 0; p < n; ++p) o.initialOwner.push_back(log.owner(0, p));
        es::SimTime last = w.sim().now();
        int paused = 0;
        const es::SimTime end = o.run.driver->endTime();
        while (w.sim().step(end)) {
            const es::SimTime now = w.sim().now();
            o.pausedPartitionSeconds += paused * es::toSeconds(now - last);
            last = now;
            paused = 0;
            for (int p = 0; p < n; ++p)
                if (log.owner(0, p) < 0) {
                    ++paused;
                    o.everPaused[static_cast<std::size_t>(p)] = true;
                }
            o.maxPausedAtOnce = std::max(o.maxPausedAtOnce, paused);
            if (o.ownerAt40.empty() && now >= es::fromSeconds(40))
                for (int p = 0; p < n; ++p) o.ownerAt40.push_back(log.owner(0, p));
        }
        o.run.summary = o.run.driver->run(); // already at the end: finishes sampling and summarises
        return o;
    };
    const Observed eager = observe({});
    const Observed coop = observe("cooperative");
    const Observed interval = observe("interval-commits");
    for (const Observed* o : {&eager, &coop, &interval}) {
        CHECK_CONSERVATION(o->run);
        checkFates(o->run.group("fraud-check"));
        QCOMPARE(o->run.broker("payment-events").rebalances, std::uint64_t{2}); // member lost, member back
        // Member 1 starts with two partitions, and still holds them at 40 s: the crash at 33 s goes
        // unnoticed until the 10 s session timeout, and those partitions stall meanwhile.
        QCOMPARE(std::count(o->initialOwner.begin(), o->initialOwner.end(), 1), std::ptrdiff_t{2});
        QCOMPARE(o->ownerAt40, o->initialOwner);
        for (std::size_t p = 0; p < o->initialOwner.size(); ++p)
            if (o->initialOwner[p] == 1)
                QVERIFY(seriesMax(o->run.series(), "payment-events.fraud-check.p" + std::to_string(p) + ".lag_seconds") > 9.5);
        QVERIFY(o->run.group("fraud-check").inFlight < 20);
    }
    const auto healthyPausedOver = [](const Observed& o, double seconds) {
        int k = 0;
        for (std::size_t p = 0; p < o.initialOwner.size(); ++p)
            if (o.initialOwner[p] != 1 &&
                seriesMax(o.run.series(), "payment-events.fraud-check.p" + std::to_string(p) + ".lag_seconds") > seconds)
                ++k;
        return k;
    };

    // Eager: both rebalances revoke all 6 partitions for a 2 s round: 2 x 6 x 2 = 24 partition-seconds,
    // and every partition of the healthy members stalls too.
    QCOMPARE(eager.maxPausedAtOnce, 6);
    QCOMPARE(std::count(eager.everPaused.begin(), eager.everPaused.end(), true), std::ptrdiff_t{6});
    QVERIFY2(eager.pausedPartitionSeconds > 22 && eager.pausedPartitionSeconds < 26,
             qPrintable(QString::number(eager.pausedPartitionSeconds)));
    QCOMPARE(healthyPausedOver(eager, 1.5), 4);

    // Cooperative: the orphaned partitions are reassigned at once, and on the rejoin only the two
    // that move back pause for a round: 2 x 2 = 4 partition-seconds; most healthy partitions never stop.
    QVERIFY2(coop.maxPausedAtOnce <= 2, qPrintable(QString::number(coop.maxPausedAtOnce)));
    QVERIFY2(coop.pausedPartitionSeconds > 3 && coop.pausedPartitionSeconds < 5,
             qPrintable(QString::number(coop.pausedPartitionSeconds)));
    QVERIFY(std::count(coop.everPaused.begin(), coop.everPaused.end(), false) >= 4);
    QVERIFY2(healthyPausedOver(coop, 1.5) <= 1, qPrintable(QString::number(healthyPausedOver(coop, 1.5))));
    QVERIFY(eager.pausedPartitionSeconds > 4 * coop.pausedPartitionSeconds);
    QVERIFY(coop.run.group("fraud-check").maxLagMessages < eager.run.group("fraud-check").maxLagMessages);
    QVERIFY(coop.run.group("fraud-check").latency.p95 < eager.run.group("fraud-check").latency.p95);

    // Commit after each record: at most a record or two in progress during an eager revoke runs twice.
    QVERIFY2(eager.run.group("fraud-check").duplicateEffects <= 5,
             qPrintable(QString::number(eager.run.group("fraud-check").duplicateEffects)));
    QVERIFY(coop.run.group("fraud-check").duplicateEffects <= 5);
    // Commit every 5 s: member 1's work since the commit at 30 s (3 s of its two partitions, about
    // 150 records) is done again by their new owners.
    const es::GroupSummary& gi = interval.run.group("fraud-check");
    QVERIFY2(gi.duplicateEffects >= 100 && gi.duplicateEffects <= 200, qPrintable(QString::number(gi.duplicateEffects)));
    QVERIFY(gi.duplicateEffects > 20 * std::max<std::uint64_t>(1, eager.run.group("fraud-check").duplicateEffects));
    QCOMPARE(gi.effectApplications, gi.effects + gi.duplicateEffects);
}

QTEST_APPLESS_MAIN(TestLessonsLogs)
#include "tst_lessons_logs.moc"

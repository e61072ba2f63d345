// Tests for the partitioned log (Kafka semantics) and its consumer groups: per-key order, key to
// partition mapping, rebalancing after a crash (ownership, committed offsets, duplicates from
// uncommitted work), eager vs cooperative rebalances when a member joins, the assignors as pure
// functions, and retention.
#include "model/services/ConsumerService.h"
#include "model/brokers/GroupAssignor.h"
#include "model/brokers/LogBroker.h"
#include "model/World.h"
#include "run/RunDriver.h"
#include "run/RunSummary.h"
#include "scenario/ScenarioLoader.h"

#include "SummaryLookup.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <string>
#include <vector>

namespace {

using testsupport::findGroup;
using testsupport::findBroker;
using testsupport::violations;

QString ownersText(const std::vector<int>& o)
{
    QStringList l;
    for (int x : o) l << QString::number(x);
    return l.join(QLatin1Char(','));
}

std::vector<int> owners(const es::LogBroker& log, int g)
{
    std::vector<int> o;
    for (int p = 0; p < log.partitionCount(); ++p) o.push_back(log.owner(g, p));
    return o;
}

std::string subst(std::string y, const std::string& key, const std::string& value)
{
    for (auto pos = y.find(key); pos != std::string::npos; pos = y.find(key, pos + value.size()))
        y.replace(pos, key.size(), value);
    return y;
}

#define CHECK_CONSERVATION(s) QVERIFY2((s).conservationOk, qPrintable(violations(s)))

} // namespace

class TestLog : public QObject {
    Q_OBJECT

private slots:
    void perKeyOrder_data();
    void perKeyOrder();
    void keyToPartition();
    void keylessRoundRobinThroughTheLog();
    void rebalanceAfterCrash_data();
    void rebalanceAfterCrash();
    void eagerVsCooperativeJoin_data();
    void eagerVsCooperativeJoin();
    void assignRange();
    void replayFromEarliest_data();
    void replayFromEarliest();
    void assignSticky();
    void retentionDropsUnreadRecords();
    void expelledLastMemberOwnsNothing_data();
    void expelledLastMemberOwnsNothing();
};

void TestLog::perKeyOrder_data()
{
    QTest::addColumn<QString>("failures");
    QTest::newRow("steady") << QString();
    // A crash of member 0 moves its partitions (after the session timeout) and makes the new owner
    // re-read uncommitted records; the first application of each record must still be in order.
    QTest::newRow("crash") << QStringLiteral("failures:\n  - {at: 5s, for: 6s, target: proc, instance: 0, crash: true}\n");
}

// Effects are observed from outside: the log keeps every record for its retention (7 days by
// default), so no event-store slot is ever reused in this run and a slot's `isApplied` flag turning
// on marks that event's first effect. The simulation is stepped one kernel event at a time (one
// event completes at most one service attempt), so the order in which flags turn on is the order of
// the effects. With 12 workers on 6 partitions and exponential service times, records of one key
// would overtake each other if a partition were ever processed by two workers at once.
void TestLog::perKeyOrder()
{
    QFETCH(QString, failures);
    const std::string yaml = R"(
scenario: order
seed: 21
duration: 20s
services:
  src: {produces: Order, to: orders, rate: 100/s, keys: 50}
  proc:
    consumes: orders
    instances: 3
    concurrency: 4
    service_time: {exponential: {mean: 40ms}}
brokers:
  orders: {kind: log, partitions: 6}
)" + failures.toStdString();
    const es::Scenario sc = es::loadScenarioText(yaml, "test.yaml");
    es::World w(sc);
    w.start();
    const es::ConsumerService* proc = w.consumer("proc");
    QVERIFY(proc);
    const int sink = proc->sink();
    const es::EventStore& store = w.store();
    const es::LogBroker& log = *w.logs()[0];
    const int partitions = log.partitionCount();

    std::vector<char> applied;
    std::size_t lowest = 0;          // every slot below is already applied
    std::uint64_t lastEffects = 0;
    std::map<std::uint64_t, std::uint64_t> lastIdOfKey;
    std::map<std::uint64_t, int> effectsOfKey;
    std::uint64_t ordered = 0, maxBusy = 0;
    std::vector<std::uint64_t> lastCommitted(static_cast<std::size_t>(partitions), 0);
    const es::SimTime end = es::fromSeconds(20);
    while (w.sim().step(end)) {
        maxBusy = std::max<std::uint64_t>(maxBusy, static_cast<std::uint64_t>(proc->busyWorkers()));
        QVERIFY2(proc->busyWorkers() <= partitions, "more records in progress than partitions");
        for (int p = 0; p < partitions; ++p) {
            QVERIFY2(log.committed(0, p) >= lastCommitted[static_cast<std::size_t>(p)], "committed offset went back");
            lastCommitted[static_cast<std::size_t>(p)] = log.committed(0, p);
        }
        const std::uint64_t effects = store.sink(sink).effects;
        if (effects == lastEffects) continue;
        QCOMPARE(effects, lastEffects + 1); // one effect per step: the order is well defined
        lastEffects = effects;
        applied.resize(store.slotCapacity(), 0);
        int fresh = 0;
        for (std::size_t slot = lowest; slot < applied.size(); ++slot) {
            if (applied[slot] || !store.isApplied(static_cast<std::uint32_t>(slot), sink)) continue;
            applied[slot] = 1;
            ++fresh;
            const es::Envelope& env = store.envelope(static_cast<std::uint32_t>(slot));
            QVERIFY(env.key != es::kNoKey);
            auto it = lastIdOfKey.find(env.key);
            if (it != lastIdOfKey.end()) {
                // One producer numbers its events in creation order.
                QVERIFY2(env.eventId > it->second,
                         qPrintable(QStringLiteral("key %1: event %2 applied after event %3")
                                        .arg(env.key).arg(env.eventId).arg(it->second)));
                ++ordered;
            }
            lastIdOfKey[env.key] = env.eventId;
            ++effectsOfKey[env.key];
        }
        QVERIFY(fresh <= 1);
        while (lowest < applied.size() && applied[lowest]) ++lowest;
    }
    const es::SinkCounters& c = store.sink(sink);
    QVERIFY(c.obligations > 1500);
    QCOMPARE(lastIdOfKey.size(), std::size_t{50});
    QVERIFY(ordered > 1500);              // the order check ran on nearly every effect
    QVERIFY(maxBusy >= 4);                // several partitions were worked on at once
    // Every partition has exactly one live owner and the three members share them 2/2/2.
    std::vector<int> perMember(3, 0);
    for (int p = 0; p < partitions; ++p) {
        const int o = log.owner(0, p);
        QVERIFY(o >= 0 && o < 3);
        ++perMember[static_cast<std::size_t>(o)];
    }
    QCOMPARE(perMember, (std::vector<int>{2, 2, 2}));
    QVERIFY(w.checkConservation().ok);
}

void TestLog::keyToPartition()
{
    const es::Scenario sc = es::loadScenarioText(R"(
scenario: keys
services:
  src: {produces: Order, to: orders, rate: 1/s, keys: 6000}
brokers:
  orders: {kind: log, partitions: 6}
)", "test.yaml");
    es::World w1(sc), w2(sc);
    es::LogBroker& a = *w1.logs()[0];
    es::LogBroker& b = *w2.logs()[0];
    const int n = a.partitionCount();
    QCOMPARE(n, 6);

    // Stable: the same key maps to the same partition, on every call and in every world.
    std::vector<int> count(static_cast<std::size_t>(n), 0);
    const int keys = 6000;
    for (std::uint64_t k = 0; k < static_cast<std::uint64_t>(keys); ++k) {
        const std::uint64_t key = es::KeyRegistry::encode(0, k);
        const int p = a.partitionOf(key);
        QVERIFY(p >= 0 && p < n);
        QCOMPARE(a.partitionOf(key), p);
        QCOMPARE(b.partitionOf(key), p);
        ++count[static_cast<std::size_t>(p)];
    }
    // Keys spread evenly: each partition's count is Binomial(6000, 1/6), mean 1000, sd 28.9;
    // allow 5 sd.
    const double sd = std::sqrt(keys * (1.0 / n) * (1 - 1.0 / n));
    for (int c : count)
        QVERIFY2(std::abs(c - keys / n) <= 5 * sd, qPrintable(QStringLiteral("partition count %1").arg(c)));

    // Keyless records go round robin: 0, 1, ..., n-1, 0, 1, ...
    std::vector<int> keyless(static_cast<std::size_t>(n), 0);
    int prev = a.partitionOf(es::kNoKey);
    ++keyless[static_cast<std::size_t>(prev)];
    for (int i = 1; i < 6 * n; ++i) {
        const int p = a.partitionOf(es::kNoKey);
        QCOMPARE(p, (prev + 1) % n);
        prev = p;
        ++keyless[static_cast<std::size_t>(p)];
    }
    for (int c : keyless) QCOMPARE(c, 6);
}

void TestLog::keylessRoundRobinThroughTheLog()
{
    // 600 keyless records through a real producer: exactly 100 per partition.
    const es::Scenario sc = es::loadScenarioText(R"(
scenario: keyless
duration: 10s
services:
  src: {produces: Order, to: orders, rate: 100/s, limit: 600}
  proc: {consumes: orders, service_time: 1ms}
brokers:
  orders: {kind: log, partitions: 6}
)", "test.yaml");
    es::RunDriver d(sc);
    const es::RunSummary s = d.run();
    CHECK_CONSERVATION(s);
    const es::LogBroker& log = *d.world().logs()[0];
    for (int p = 0; p < 6; ++p) {
        QCOMPARE(log.logEnd(p), std::uint64_t{100});
        QCOMPARE(log.committed(0, p), std::uint64_t{100});
    }
    QCOMPARE(findGroup(s, "proc")->effects, std::uint64_t{600});
}

void TestLog::rebalanceAfterCrash_data()
{
    QTest::addColumn<QString>("commit");
    QTest::newRow("interval 5s") << QStringLiteral("5s");
    QTest::newRow("each") << QStringLiteral("each");
}

// 6 partitions, 3 members, 60 keyless records/s (10/s per partition) for 70 s. Member 1 crashes at
// 22 s for 30 s; the session timeout (10 s) notices at 32 s and an eager (range) rebalance gives its
// partitions to members 0 and 2; at 52 s it restarts and rejoins (a second rebalance).
// The crash is at 22 s rather than 20 s: with `commit: 5s` the commit ticks fall at 5, 10, 15, 20 s,
// and a crash exactly on a tick makes the duplicate count hinge on the order of simultaneous events.
void TestLog::rebalanceAfterCrash()
{
    QFETCH(QString, commit);
    const std::string yaml = subst(R"(
scenario: rebalance
seed: 3
duration: 90s
services:
  src: {produces: Order, to: orders, rate: 60/s, arrivals: constant, stop: 70s}
  proc:
    consumes: orders
    instances: 3
    concurrency: 2
    service_time: {exponential: {mean: 20ms}}
    commit: %C%
brokers:
  orders: {kind: log, partitions: 6}
failures:
  - {at: 22s, for: 30s, target: proc, instance: 1, crash: true}
)", "%C%", commit.toStdString());
    const es::Scenario sc = es::loadScenarioText(yaml, "test.yaml");
    es::RunDriver d(sc);
    es::World& w = d.world();
    const es::LogBroker& log = *w.logs()[0];
    const int n = log.partitionCount();

    const std::vector<int> initial = owners(log, 0);
    QCOMPARE(initial, (std::vector<int>{0, 0, 1, 1, 2, 2}));
    const std::uint64_t initialMoves = log.partitionMoves(0);
    std::vector<std::uint64_t> last(static_cast<std::size_t>(n), 0);
    std::vector<int> afterDetection;
    std::uint64_t rebalancesAfterDetection = 0;
    for (int t = 1; t <= 90; ++t) {
        w.sim().runUntil(es::fromSeconds(t));
        for (int p = 0; p < n; ++p) {
            const std::uint64_t c = log.committed(0, p);
            QVERIFY2(c >= last[static_cast<std::size_t>(p)],
                     qPrintable(QStringLiteral("t=%1 s, partition %2: committed %3 after %4").arg(t).arg(p).arg(c).arg(last[static_cast<std::size_t>(p)])));
            QVERIFY(c <= log.logEnd(p));
            last[static_cast<std::size_t>(p)] = c;
        }
        if (t == 21) QCOMPARE(owners(log, 0), initial); // stable before the crash
        if (t == 31) QCOMPARE(owners(log, 0), initial); // crashed, not yet noticed: its partitions stall
        if (t == 34) {                                   // noticed at 32 s, reassigned at 32.5 s
            afterDetection = owners(log, 0);
            rebalancesAfterDetection = log.rebalances(0);
        }
    }
    const es::RunSummary s = d.run(); // already at the end: just the summary
    CHECK_CONSERVATION(s);
    const es::GroupSummary* g = findGroup(s, "proc");
    QVERIFY(g);

    // After detection the crashed member owns nothing and every partition has a live owner.
    for (int o : afterDetection) QVERIFY2(o == 0 || o == 2, qPrintable(ownersText(afterDetection)));
    QCOMPARE(afterDetection, (std::vector<int>{0, 0, 0, 2, 2, 2})); // range over {0, 2}
    QCOMPARE(rebalancesAfterDetection, std::uint64_t{1});
    QVERIFY(log.partitionMoves(0) > initialMoves);
    QVERIFY(log.rebalances(0) >= 2);
    QCOMPARE(owners(log, 0), initial); // back to 2/2/2 once member 1 rejoined

    // Nothing lost: every record's effect applied, nothing left behind once the producer stopped.
    // Constant arrivals at k/60 s for k = 1, 2, ... and before the stop at 70 s: 4199 records.
    QCOMPARE(g->events, std::uint64_t{4199});
    QCOMPARE(g->effects, g->events);
    QCOMPARE(g->inFlight, std::uint64_t{0});
    QCOMPARE(g->dropped, std::uint64_t{0});
    for (int p = 0; p < n; ++p) QCOMPARE(log.committed(0, p), log.logEnd(p));

    // Duplicates. The crashed member had 2 of the 6 partitions (share 1/3); everything it processed
    // after its last commit runs again on the new owner. With interval commits that is at most
    // rate x interval x share = 60/s x 5 s x 1/3 = 100 records (about 20/s x 2 s = 40 here, the
    // crash being 2 s after a tick). Independently, an eager rebalance revokes partitions while live
    // members may have one record in progress on each; that record's commit fails and it runs again:
    // at most one per partition per rebalance, 6 x 2 = 12. So:
    //   interval 5 s: 0 < duplicates <= 100 + 12;   each: duplicates <= 12.
    const std::uint64_t eagerSlack = static_cast<std::uint64_t>(n) * log.rebalances(0);
    if (commit == QLatin1String("each")) {
        QVERIFY2(g->duplicateEffects <= eagerSlack, qPrintable(QString::number(g->duplicateEffects)));
    } else {
        QVERIFY2(g->duplicateEffects > 0, qPrintable(QString::number(g->duplicateEffects)));
        QVERIFY2(g->duplicateEffects <= 100 + eagerSlack, qPrintable(QString::number(g->duplicateEffects)));
        QVERIFY2(g->duplicateEffects >= 30, qPrintable(QString::number(g->duplicateEffects))); // ~2 s x 20/s
    }
}

void TestLog::eagerVsCooperativeJoin_data()
{
    QTest::addColumn<QString>("assignor");
    QTest::newRow("eager (range)") << QStringLiteral("range");
    QTest::newRow("cooperative-sticky") << QStringLiteral("cooperative-sticky");
}

// Member 2 is down from t = 0 to 15 s: the group notices at 10 s and gives its partitions to members
// 0 and 1; at 15 s it restarts and joins, which starts the rebalance observed here, event by event.
void TestLog::eagerVsCooperativeJoin()
{
    QFETCH(QString, assignor);
    const bool eager = assignor == QLatin1String("range");
    const std::string yaml = subst(R"(
scenario: join
seed: 9
duration: 20s
services:
  src: {produces: Order, to: orders, rate: 60/s, arrivals: constant}
  proc: {consumes: orders, instances: 3, concurrency: 1, service_time: 5ms}
brokers:
  orders: {kind: log, partitions: 6, assignor: %A%}
failures:
  - {at: 0s, for: 15s, target: proc, instance: 2, crash: true}
)", "%A%", assignor.toStdString());
    const es::Scenario sc = es::loadScenarioText(yaml, "test.yaml");
    es::RunDriver d(sc);
    es::World& w = d.world();
    const es::LogBroker& log = *w.logs()[0];
    const int n = log.partitionCount();

    w.sim().runUntil(es::fromSeconds(14.9));
    const std::vector<int> before = owners(log, 0);
    for (int o : before) QVERIFY2(o == 0 || o == 1, qPrintable(ownersText(before)));
    const std::uint64_t rebalancesBefore = log.rebalances(0);
    QCOMPARE(rebalancesBefore, std::uint64_t{1});
    const std::uint64_t movesBefore = log.partitionMoves(0);

    std::vector<char> everUnowned(static_cast<std::size_t>(n), 0);
    bool allUnownedAtOnce = false;
    const es::SimTime until = es::fromSeconds(17);
    while (w.sim().step(until)) {
        const std::vector<int> o = owners(log, 0);
        bool all = true;
        for (int p = 0; p < n; ++p) {
            if (o[static_cast<std::size_t>(p)] < 0) everUnowned[static_cast<std::size_t>(p)] = 1;
            else all = false;
        }
        allUnownedAtOnce = allUnownedAtOnce || all;
    }
    const std::vector<int> after = owners(log, 0);
    QCOMPARE(log.rebalances(0), rebalancesBefore + 1);
    QCOMPARE(int(std::count(after.begin(), after.end(), 2)), 2); // the new member got its share
    for (int o : after) QVERIFY(o >= 0);

    int moved = 0, unownedStayers = 0, unownedCount = 0;
    for (int p = 0; p < n; ++p) {
        const bool stays = before[static_cast<std::size_t>(p)] == after[static_cast<std::size_t>(p)];
        moved += stays ? 0 : 1;
        unownedCount += everUnowned[static_cast<std::size_t>(p)];
        if (stays && everUnowned[static_cast<std::size_t>(p)]) ++unownedStayers;
    }
    const QString info = QStringLiteral("before %1, after %2").arg(ownersText(before), ownersText(after));
    QVERIFY2(moved >= 2, qPrintable(info));
    QVERIFY2(moved < n, qPrintable(info));
    // partitionMoves counts partitions whose owner changed in this rebalance (under eager too, where
    // every partition is revoked first and most come back to the same member).
    QCOMPARE(log.partitionMoves(0) - movesBefore, std::uint64_t(moved));
    if (eager) {
        // Eager: everyone gives everything up, then the new assignment: all partitions paused at once.
        QVERIFY2(allUnownedAtOnce, qPrintable(info));
        QCOMPARE(unownedCount, n);
        QVERIFY(unownedStayers > 0);
    } else {
        // Cooperative: partitions that stay keep their owner throughout; only movers are revoked.
        QVERIFY2(!allUnownedAtOnce, qPrintable(info));
        QCOMPARE(unownedStayers, 0);
        QCOMPARE(unownedCount, moved);
    }
    const es::RunSummary s = d.run();
    CHECK_CONSERVATION(s);
}

void TestLog::assignRange()
{
    QCOMPARE(es::assignRange(7, {0, 1, 2}), (std::vector<int>{0, 0, 0, 1, 1, 2, 2}));
    QCOMPARE(es::assignRange(7, {2, 0, 1}), (std::vector<int>{0, 0, 0, 1, 1, 2, 2})); // members sorted
    QCOMPARE(es::assignRange(6, {0, 2}), (std::vector<int>{0, 0, 0, 2, 2, 2}));
    QCOMPARE(es::assignRange(2, {0, 1, 2}), (std::vector<int>{0, 1}));               // member 2 idle
    QCOMPARE(es::assignRange(3, {}), (std::vector<int>{-1, -1, -1}));
}

namespace {
std::vector<int> countsOf(const std::vector<int>& owner, const std::vector<int>& members)
{
    std::vector<int> c;
    for (int m : members) c.push_back(static_cast<int>(std::count(owner.begin(), owner.end(), m)));
    return c;
}
} // namespace

void TestLog::assignSticky()
{
    // A balanced, valid assignment is kept as it is.
    const std::vector<int> cur = {2, 0, 1, 1, 0, 2};
    QCOMPARE(es::assignSticky(cur, {0, 1, 2}), cur);

    // A member leaves: only its partitions move, and the rest stays balanced.
    {
        const std::vector<int> current = {0, 0, 1, 1, -1, -1}; // member 2 gone
        const std::vector<int> t = es::assignSticky(current, {0, 1});
        QCOMPARE(t, (std::vector<int>{0, 0, 1, 1, 0, 1}));
    }
    // A member joins: it gets its fair share, taken from the others, and nothing else moves.
    {
        const std::vector<int> current = {0, 0, 1, 1, 0, 1};
        const std::vector<int> t = es::assignSticky(current, {0, 1, 2});
        QCOMPARE(countsOf(t, {0, 1, 2}), (std::vector<int>{2, 2, 2}));
        int moved = 0;
        for (std::size_t p = 0; p < t.size(); ++p) moved += t[p] != current[p];
        QCOMPARE(moved, 2);
    }
    // Uneven counts: 7 over 3 -> 3/2/2; the member that already owns the most keeps the extra one.
    {
        const std::vector<int> current = {1, 1, 1, 1, 0, 0, 2};
        const std::vector<int> t = es::assignSticky(current, {0, 1, 2});
        QCOMPARE(countsOf(t, {0, 1, 2}), (std::vector<int>{2, 3, 2}));
        for (int p : {0, 1, 2, 4, 5, 6}) QCOMPARE(t[static_cast<std::size_t>(p)], current[static_cast<std::size_t>(p)]);
    }
    // Properties over many random current assignments: balanced (max - min <= 1), every partition
    // owned by a member, and a partition whose owner is still a member and within its fair share
    // (floor(P/C)) is never taken away.
    std::uint64_t x = 0x9E3779B97F4A7C15ull;
    auto next = [&x] { x ^= x << 13; x ^= x >> 7; x ^= x << 17; return x; };
    for (int trial = 0; trial < 500; ++trial) {
        const int P = 1 + static_cast<int>(next() % 12);
        const int C = 1 + static_cast<int>(next() % 5);
        std::vector<int> members;
        for (int m = 0; m < 6; ++m)
            if (members.size() < static_cast<std::size_t>(C) && next() % 2) members.push_back(m);
        if (members.empty()) members.push_back(3);
        std::vector<int> current(static_cast<std::size_t>(P));
        for (int& o : current) o = static_cast<int>(next() % 7) - 1; // -1..5, some not members
        const std::vector<int> t = es::assignSticky(current, members);
        const std::vector<int> c = countsOf(t, members);
        QCOMPARE(std::accumulate(c.begin(), c.end(), 0), P);
        QVERIFY(*std::max_element(c.begin(), c.end()) - *std::min_element(c.begin(), c.end()) <= 1);
        const int share = P / static_cast<int>(members.size());
        std::map<int, int> keptSoFar;
        for (int p = 0; p < P; ++p) {
            const int o = current[static_cast<std::size_t>(p)];
            if (std::find(members.begin(), members.end(), o) == members.end()) continue;
            if (keptSoFar[o] < share) {
                QCOMPARE(t[static_cast<std::size_t>(p)], o);
            }
            if (t[static_cast<std::size_t>(p)] == o) ++keptSoFar[o];
        }
    }
}

// A log with 5 s retention and a consumer that is down from 10 s to 30 s: records appended while
// nobody reads expire before the group gets back to them. Those are lost to the group (dropped).
void TestLog::retentionDropsUnreadRecords()
{
    const es::Scenario sc = es::loadScenarioText(R"(
scenario: retention
seed: 4
duration: 60s
services:
  src: {produces: Order, to: orders, rate: 20/s, arrivals: constant, stop: 45s}
  proc: {consumes: orders, service_time: 5ms}
brokers:
  orders: {kind: log, partitions: 2, retention: 5s}
failures:
  - {at: 10s, for: 20s, target: proc, crash: true}
)", "test.yaml");
    es::RunDriver d(sc);
    const es::RunSummary s = d.run();
    CHECK_CONSERVATION(s);
    const es::GroupSummary* g = findGroup(s, "proc");
    const es::BrokerSummary* b = findBroker(s, "orders");
    QVERIFY(g && b);
    QCOMPARE(g->events, std::uint64_t{899}); // arrivals at k/20 s, k = 1 .. 899 (stop at 45 s)
    QVERIFY(b->expired > 0);
    QVERIFY(g->dropped > 0);
    QVERIFY(g->dropped <= b->expired);
    QCOMPARE(g->effects + g->dropped + g->inFlight, g->events);
    QCOMPARE(g->inFlight, std::uint64_t{0});
    // The member restarts at 30 s and rejoins after one rebalance round (0.5 s); records appended
    // from the crash (10 s) to 30.5 s - 5 s = 25.5 s are gone by then: about 15.5 s x 20/s = 310.
    QVERIFY2(g->dropped >= 300 && g->dropped <= 320, qPrintable(QString::number(g->dropped)));
    QCOMPARE(g->duplicateEffects, std::uint64_t{0});
}

void TestLog::expelledLastMemberOwnsNothing_data()
{
    QTest::addColumn<QString>("assignor");
    QTest::newRow("eager (range)") << QStringLiteral("range");
    QTest::newRow("cooperative-sticky") << QStringLiteral("cooperative-sticky");
}

// The only member crashes at 10 s; its session expires at 20 s and the group has no members left,
// so no partition may have an owner until it restarts (30 s) and the join round ends (30.5 s).
// Records appended meanwhile must wait for that round: nothing is consumed in [30 s, 30.5 s).
void TestLog::expelledLastMemberOwnsNothing()
{
    QFETCH(QString, assignor);
    const std::string yaml = subst(R"(
scenario: expelled
seed: 4
duration: 40s
services:
  src: {produces: Order, to: orders, rate: 20/s, arrivals: constant}
  proc: {consumes: orders, service_time: 5ms}
brokers:
  orders: {kind: log, partitions: 2, assignor: %A%}
failures:
  - {at: 10s, for: 20s, target: proc, crash: true}
)", "%A%", assignor.toStdString());
    const es::Scenario sc = es::loadScenarioText(yaml, "test.yaml");
    es::RunDriver d(sc);
    es::World& w = d.world();
    const es::LogBroker& log = *w.logs()[0];
    w.sim().runUntil(es::fromSeconds(25));
    QCOMPARE(log.rebalances(0), std::uint64_t{1});
    const std::vector<int> during = owners(log, 0);
    w.sim().runUntil(es::fromSeconds(29.99));
    const std::uint64_t committedBefore = log.committed(0, 0) + log.committed(0, 1);
    w.sim().runUntil(es::fromSeconds(30.4));
    const std::uint64_t committedEarly = log.committed(0, 0) + log.committed(0, 1);
    QCOMPARE(during, (std::vector<int>{-1, -1}));
    QCOMPARE(committedEarly, committedBefore);
    w.sim().runUntil(es::fromSeconds(31));
    QCOMPARE(owners(log, 0), (std::vector<int>{0, 0}));
    QVERIFY(log.committed(0, 0) + log.committed(0, 1) > committedEarly); // consuming again after the join
    const es::RunSummary s = d.run();
    CHECK_CONSERVATION(s);
}

// Replay: a group reset to the earliest offset receives everything again. Without an idempotency
// store every replayed record is a duplicate effect; with one, every replayed record is stopped.
void TestLog::replayFromEarliest_data()
{
    QTest::addColumn<bool>("idempotent");
    QTest::newRow("plain") << false;
    QTest::newRow("idempotent") << true;
}

void TestLog::replayFromEarliest()
{
    QFETCH(bool, idempotent);
    const std::string yaml = std::string(R"(
scenario: replay
duration: 60s
services:
  src: {produces: Order, to: orders, rate: 20/s, arrivals: constant, keys: 10, stop: 20s}
  proc: {consumes: orders, service_time: 1ms, idempotent: )") + (idempotent ? "true" : "false") + R"(}
brokers:
  orders: {kind: log, partitions: 3}
failures:
  - {at: 30s, target: proc, replay: earliest}
)";
    es::RunDriver d(es::loadScenarioText(yaml, "replay.yaml"));
    const es::RunSummary s = d.run();
    CHECK_CONSERVATION(s);
    const es::GroupSummary* g = findGroup(s, "proc");
    QVERIFY(g);
    QVERIFY(g->events > 300);
    QCOMPARE(g->effects, g->events);
    if (idempotent) {
        QCOMPARE(g->duplicateEffects, std::uint64_t{0});
        QCOMPARE(g->deduplicated, g->events);
    } else {
        QCOMPARE(g->duplicateEffects, g->events);
        QCOMPARE(g->deduplicated, std::uint64_t{0});
    }
    QCOMPARE(g->attempts, 2 * g->events);
}

QTEST_APPLESS_MAIN(TestLog)
#include "tst_log.moc"

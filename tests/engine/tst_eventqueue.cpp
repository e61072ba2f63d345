// Tests for the future-event set (engine/kernel/EventQueue): ordering, FIFO tie-break at equal
// times, cancellation and stale handles, a randomized shadow-model comparison, bounded memory in a
// steady state, and clear().
#include "kernel/EventQueue.h"

#include <QtTest>

#include <algorithm>
#include <cstdint>
#include <deque>
#include <limits>
#include <random>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

using es::Event;
using es::EventHandle;
using es::EventQueue;
using es::kNever;
using es::SimTime;

namespace {

// Pops everything, returning the `a` payloads in pop order.
std::vector<std::uint64_t> drainPayloads(EventQueue& q)
{
    std::vector<std::uint64_t> out;
    while (!q.empty()) out.push_back(q.pop().a);
    return out;
}

} // namespace

class TestEventQueue : public QObject {
    Q_OBJECT

private slots:
    void emptyQueue();
    void orderingRandomTimes();
    void tieBreakAllEqual();
    void tieBreakInterleaved();
    void tieBreakAfterCancellations();
    void cancelBasics();
    void cancelStaleHandle();
    void cancelFromMiddleMovesFillerUp();
    void shadowModelStress();
    void boundedMemorySteadyState();
    void clearEmptiesAndInvalidates();
    void reservedOrderRunsWhereItWasTaken();
};

void TestEventQueue::emptyQueue()
{
    EventQueue q;
    QVERIFY(q.empty());
    QCOMPARE(q.size(), std::size_t(0));
    QCOMPARE(q.nextTime(), kNever);
    QCOMPARE(q.slotCapacity(), std::size_t(0));
    QVERIFY(q.checkInvariants());

    q.schedule(42, 1, 2, 3, 4);
    QVERIFY(!q.empty());
    QCOMPARE(q.nextTime(), SimTime(42));
    const Event e = q.pop();
    QCOMPARE(e.time, SimTime(42));
    QCOMPARE(e.target, 1u);
    QCOMPARE(e.kind, 2u);
    QCOMPARE(e.a, std::uint64_t(3));
    QCOMPARE(e.b, std::uint64_t(4));
    QVERIFY(q.empty());
    QCOMPARE(q.nextTime(), kNever);
    QVERIFY(q.checkInvariants());
}

// 1. Random times pop in non-decreasing order, and exactly the scheduled multiset comes out.
void TestEventQueue::orderingRandomTimes()
{
    std::mt19937_64 rng(0xE7E175CA9EULL);
    std::uniform_int_distribution<SimTime> anyTime(0, SimTime(1) << 50);
    std::uniform_int_distribution<SimTime> smallTime(0, 50);

    EventQueue q;
    std::vector<SimTime> times;
    const int n = 20000;
    for (int i = 0; i < n; ++i) {
        const SimTime t = (i % 4 == 0) ? smallTime(rng) : anyTime(rng);
        times.push_back(t);
        q.schedule(t, 0, 0, std::uint64_t(i));
    }
    QCOMPARE(q.size(), std::size_t(n));
    QVERIFY(q.checkInvariants());

    std::vector<SimTime> popped;
    SimTime prev = std::numeric_limits<SimTime>::min();
    while (!q.empty()) {
        const SimTime next = q.nextTime();
        const Event e = q.pop();
        QCOMPARE(e.time, next);
        QVERIFY2(e.time >= prev, qPrintable(QStringLiteral("time went backwards: %1 after %2")
                                                .arg(e.time).arg(prev)));
        QCOMPARE(e.time, times[e.a]); // the payload travels with its own time
        prev = e.time;
        popped.push_back(e.time);
    }
    std::sort(times.begin(), times.end());
    QCOMPARE(popped, times);
    QCOMPARE(q.nextTime(), kNever);
    QVERIFY(q.checkInvariants());
}

// 2a. Many events at one time pop in scheduling order.
void TestEventQueue::tieBreakAllEqual()
{
    EventQueue q;
    const std::uint64_t n = 5000;
    for (std::uint64_t i = 0; i < n; ++i) q.schedule(7, 0, 0, i);
    std::vector<std::uint64_t> expected(n);
    for (std::uint64_t i = 0; i < n; ++i) expected[i] = i;
    QCOMPARE(drainPayloads(q), expected);
}

// 2b. Equal times interleaved with other times: the pop order is the stable sort of the schedule.
void TestEventQueue::tieBreakInterleaved()
{
    std::mt19937_64 rng(12345);
    std::uniform_int_distribution<int> pick(0, 4);
    const SimTime few[] = {10, 20, 30, 40, 50};

    EventQueue q;
    std::vector<std::pair<SimTime, std::uint64_t>> sched;
    for (std::uint64_t i = 0; i < 10000; ++i) {
        const SimTime t = few[pick(rng)];
        sched.emplace_back(t, i);
        q.schedule(t, 0, 0, i);
    }
    std::stable_sort(sched.begin(), sched.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });
    std::vector<std::uint64_t> expected;
    for (const auto& s : sched) expected.push_back(s.second);
    QCOMPARE(drainPayloads(q), expected);

    // Interleaved with pops: events added at the current time go behind those already waiting
    // at that time, and ahead of nothing earlier.
    EventQueue q2;
    std::uint64_t idx = 0;
    std::vector<std::uint64_t> expectedAt100, gotAt100;
    for (int i = 0; i < 50; ++i) {
        q2.schedule(100, 0, 0, idx);
        expectedAt100.push_back(idx++);
        q2.schedule(200 + i, 0, 1, idx++);
    }
    for (int round = 0; round < 40; ++round) {
        const Event e = q2.pop();
        QCOMPARE(e.time, SimTime(100));
        gotAt100.push_back(e.a);
        // a handler at t=100 schedules a follow-up at t=100 (zero delay)
        q2.schedule(100, 0, 0, idx);
        expectedAt100.push_back(idx++);
    }
    while (q2.nextTime() == 100) gotAt100.push_back(q2.pop().a);
    QCOMPARE(gotAt100, expectedAt100);
    SimTime prev = 0;
    while (!q2.empty()) {
        const Event e = q2.pop();
        QVERIFY(e.time > prev);
        QCOMPARE(e.kind, 1u);
        prev = e.time;
    }
}

// 2c. After cancellations (whose slots are then reused by later schedules) the survivors still pop
// in scheduling order, and the newcomers come after them.
void TestEventQueue::tieBreakAfterCancellations()
{
    EventQueue q;
    std::vector<EventHandle> handles;
    std::vector<std::uint64_t> expected;
    std::uint64_t idx = 0;
    for (int i = 0; i < 300; ++i) {
        handles.push_back(q.schedule(7, 0, 0, idx++));
        q.schedule(3 + (i % 11), 0, 1, 1'000'000 + std::uint64_t(i)); // noise at other times
    }
    for (std::size_t i = 0; i < handles.size(); ++i) {
        if (i % 3 == 1 || i % 7 == 0)
            QVERIFY(q.cancel(handles[i]));
        else
            expected.push_back(i);
    }
    const std::size_t capBefore = q.slotCapacity();
    // These reuse the cancelled slots, but must order by scheduling order, not by slot index.
    for (int i = 0; i < 100; ++i) {
        q.schedule(7, 0, 0, idx);
        expected.push_back(idx++);
    }
    QCOMPARE(q.slotCapacity(), capBefore); // the slots were in fact reused
    QVERIFY(q.checkInvariants());

    std::vector<std::uint64_t> got;
    SimTime prev = 0;
    while (!q.empty()) {
        const Event e = q.pop();
        QVERIFY(e.time >= prev);
        prev = e.time;
        if (e.time == 7 && e.kind == 0) got.push_back(e.a);
    }
    QCOMPARE(got, expected);
}

// 3. cancel() succeeds exactly once, only for a pending event.
void TestEventQueue::cancelBasics()
{
    EventQueue q;
    QVERIFY(!q.cancel(EventHandle{}));
    QVERIFY(!q.isPending(EventHandle{}));
    QVERIFY(EventHandle{}.isNull());
    QVERIFY(!q.cancel(EventHandle{12345, 0}));  // out of range
    QVERIFY(!q.isPending(EventHandle{12345, 0}));

    const EventHandle a = q.schedule(10, 0, 0, 1);
    const EventHandle b = q.schedule(20, 0, 0, 2);
    const EventHandle c = q.schedule(30, 0, 0, 3);
    QVERIFY(!a.isNull());
    QVERIFY(q.isPending(a) && q.isPending(b) && q.isPending(c));

    QVERIFY(q.cancel(b));
    QVERIFY(!q.isPending(b));
    QVERIFY(!q.cancel(b)); // second cancel
    QCOMPARE(q.size(), std::size_t(2));
    QVERIFY(q.checkInvariants());

    // a handle that already fired
    const Event ea = q.pop();
    QCOMPARE(ea.a, std::uint64_t(1));
    QVERIFY(!q.isPending(a));
    QVERIFY(!q.cancel(a));
    QCOMPARE(q.size(), std::size_t(1));
    QVERIFY(q.isPending(c));

    // null handle with a non-empty queue does nothing
    QVERIFY(!q.cancel(EventHandle{}));
    QCOMPARE(q.size(), std::size_t(1));

    const Event ec = q.pop();
    QCOMPARE(ec.a, std::uint64_t(3));
    QVERIFY(!q.cancel(c));
    QVERIFY(q.empty());
    QVERIFY(q.checkInvariants());
}

// 3b. A handle whose slot has been reused by a later schedule is stale: it can neither cancel nor
// report the new event as pending.
void TestEventQueue::cancelStaleHandle()
{
    EventQueue q;
    q.schedule(1, 0, 0, 100); // keep something else in the queue

    // stale after cancel
    const EventHandle old1 = q.schedule(10, 0, 0, 1);
    QVERIFY(q.cancel(old1));
    const EventHandle new1 = q.schedule(20, 0, 0, 2);
    QCOMPARE(new1.slot, old1.slot); // the slot was reused, so the generation check is what matters
    QVERIFY(new1.generation != old1.generation);
    QVERIFY(!q.isPending(old1));
    QVERIFY(q.isPending(new1));
    QVERIFY(!q.cancel(old1));
    QVERIFY(q.isPending(new1));
    QCOMPARE(q.size(), std::size_t(2));

    // stale after firing
    QCOMPARE(q.pop().a, std::uint64_t(100));
    const EventHandle fired = q.schedule(5, 0, 0, 3);
    QCOMPARE(q.pop().a, std::uint64_t(3));
    const EventHandle new2 = q.schedule(30, 0, 0, 4);
    QCOMPARE(new2.slot, fired.slot);
    QVERIFY(!q.isPending(fired));
    QVERIFY(!q.cancel(fired));
    QVERIFY(q.isPending(new2));
    QCOMPARE(q.size(), std::size_t(2));

    // many generations on one slot: every older handle stays dead
    std::vector<EventHandle> olds;
    EventQueue q2;
    for (int i = 0; i < 100; ++i) {
        const EventHandle h = q2.schedule(i, 0, 0, std::uint64_t(i));
        if (!olds.empty()) QCOMPARE(h.slot, olds.front().slot);
        olds.push_back(h);
        if (i % 2) QVERIFY(q2.cancel(h));
        else q2.pop();
    }
    const EventHandle live = q2.schedule(1000, 0, 0, 1000);
    for (const EventHandle& h : olds) {
        QVERIFY(!q2.isPending(h));
        QVERIFY(!q2.cancel(h));
    }
    QVERIFY(q2.isPending(live));
    QCOMPARE(q2.size(), std::size_t(1));
    QCOMPARE(q2.pop().a, std::uint64_t(1000));

    QCOMPARE(q.pop().a, std::uint64_t(2));
    QCOMPARE(q.pop().a, std::uint64_t(4));
    QVERIFY(q.checkInvariants());
}

// Removing from the middle of the heap where the filler (the last entry) is earlier than the removed
// entry's parent: it must sift up, not only down (ns-3 HeapScheduler::Remove bug).
void TestEventQueue::cancelFromMiddleMovesFillerUp()
{
    EventQueue q;
    // Heap layout after these pushes: [1, 100, 2, 101, 102, 3, 4]
    const SimTime ts[] = {1, 100, 2, 101, 102, 3, 4};
    std::vector<EventHandle> h;
    for (SimTime t : ts) h.push_back(q.schedule(t, 0, 0, std::uint64_t(t)));
    QVERIFY(q.checkInvariants());
    QVERIFY(q.cancel(h[3])); // 101 at position 3; filler 4 must move above 100
    QVERIFY(q.checkInvariants());
    QVERIFY(q.cancel(h[1])); // 100
    QVERIFY(q.checkInvariants());
    const std::vector<std::uint64_t> expected{1, 2, 3, 4, 102};
    QCOMPARE(drainPayloads(q), expected);
}

// 4. 200k random operations against a std::set<(time, seq)> shadow.
void TestEventQueue::shadowModelStress()
{
    std::mt19937_64 rng(0x5EED'0001'2024ULL);
    std::uniform_int_distribution<int> op(0, 99);
    std::uniform_int_distribution<SimTime> dupTime(0, 40);      // lots of ties
    std::uniform_int_distribution<SimTime> wideTime(0, 1'000'000'000'000LL);

    EventQueue q;
    std::set<std::pair<SimTime, std::uint64_t>> shadow;           // (time, seq), seq == `a`
    struct Live {
        EventHandle h;
        std::uint64_t seq;
        SimTime time;
    };
    std::vector<Live> live;
    std::unordered_map<std::uint64_t, std::size_t> liveIndex;     // seq -> index in live
    std::vector<EventHandle> dead;                                // fired or cancelled
    std::uint64_t seq = 0;
    std::size_t maxSize = 0, pops = 0, cancels = 0, schedules = 0, emptyHits = 0;

    auto removeLive = [&](std::uint64_t s) {
        const auto it = liveIndex.find(s);
        QVERIFY(it != liveIndex.end());
        const std::size_t i = it->second;
        liveIndex.erase(it);
        if (i + 1 != live.size()) {
            live[i] = live.back();
            liveIndex[live[i].seq] = i;
        }
        live.pop_back();
    };

    const int kOps = 200'000;
    for (int n = 0; n < kOps; ++n) {
        // Phases bias growth and drain so the queue repeatedly fills up and empties.
        const int phase = (n / 20'000) % 2;
        const int scheduleP = phase == 0 ? 55 : 30;
        const int r = op(rng);
        if (r < scheduleP) {
            const int kind = op(rng);
            const SimTime t = kind < 60 ? dupTime(rng) : kind < 90 ? wideTime(rng) : SimTime(7);
            const std::uint64_t s = seq++;
            const EventHandle h = q.schedule(t, std::uint32_t(s & 0xffff), std::uint32_t(s % 13), s, ~s);
            QVERIFY(!h.isNull());
            QVERIFY(q.isPending(h));
            shadow.emplace(t, s);
            liveIndex[s] = live.size();
            live.push_back(Live{h, s, t});
            ++schedules;
        } else if (r < scheduleP + 20) {
            if (live.empty()) {
                ++emptyHits;
            } else {
                std::uniform_int_distribution<std::size_t> pick(0, live.size() - 1);
                const Live victim = live[pick(rng)];
                QVERIFY(q.cancel(victim.h));
                QVERIFY(!q.isPending(victim.h));
                QVERIFY(!q.cancel(victim.h));
                QCOMPARE(shadow.erase({victim.time, victim.seq}), std::size_t(1));
                removeLive(victim.seq);
                dead.push_back(victim.h);
                ++cancels;
            }
            // occasionally try a dead handle: must be rejected and must not disturb anything
            if (!dead.empty() && op(rng) < 30) {
                std::uniform_int_distribution<std::size_t> pick(0, dead.size() - 1);
                const EventHandle d = dead[pick(rng)];
                QVERIFY(!q.isPending(d));
                QVERIFY(!q.cancel(d));
            }
        } else {
            if (shadow.empty()) {
                QVERIFY(q.empty());
                QCOMPARE(q.nextTime(), kNever);
                ++emptyHits;
            } else {
                const auto expect = *shadow.begin();
                QCOMPARE(q.nextTime(), expect.first);
                const Event e = q.pop();
                if (e.time != expect.first || e.a != expect.second) {
                    QFAIL(qPrintable(QStringLiteral("op %1: popped (t=%2, a=%3), expected (t=%4, a=%5)")
                                         .arg(n).arg(e.time).arg(e.a).arg(expect.first).arg(expect.second)));
                }
                QCOMPARE(e.target, std::uint32_t(expect.second & 0xffff));
                QCOMPARE(e.kind, std::uint32_t(expect.second % 13));
                QCOMPARE(e.b, ~expect.second);
                shadow.erase(shadow.begin());
                dead.push_back(live[liveIndex.at(expect.second)].h);
                removeLive(expect.second);
                ++pops;
            }
        }
        if (dead.size() > 4096) dead.erase(dead.begin(), dead.begin() + 2048);
        QCOMPARE(q.size(), shadow.size());
        maxSize = std::max(maxSize, q.size());
        if (n % 1000 == 0) {
            QVERIFY2(q.checkInvariants(), qPrintable(QStringLiteral("invariants broken at op %1").arg(n)));
            QVERIFY(q.slotCapacity() <= maxSize);
        }
    }
    QVERIFY(q.checkInvariants());
    // drain the rest
    while (!shadow.empty()) {
        const auto expect = *shadow.begin();
        const Event e = q.pop();
        QCOMPARE(e.time, expect.first);
        QCOMPARE(e.a, expect.second);
        shadow.erase(shadow.begin());
    }
    QVERIFY(q.empty());
    QVERIFY(q.checkInvariants());
    // the run actually exercised all operations at meaningful sizes
    QVERIFY(schedules > 50'000 && pops > 30'000 && cancels > 20'000);
    QVERIFY(maxSize > 1000);
    QVERIFY(emptyHits > 0);
}

// 5. Memory follows what is pending, not history.
void TestEventQueue::boundedMemorySteadyState()
{
    std::mt19937_64 rng(777);
    std::uniform_int_distribution<SimTime> workDelay(1, 1'000'000);
    constexpr std::uint32_t kWork = 1, kTimeout = 2, kAckedTimeout = 3;
    constexpr SimTime kVisibility = 30 * es::kSecond;

    EventQueue q;
    SimTime now = 0;
    for (int i = 0; i < 1000; ++i) q.schedule(now + workDelay(rng), 0, kWork);
    std::size_t peak = q.size();
    std::deque<EventHandle> timers; // visibility timeouts, cancelled a few iterations later
    std::size_t failedCancels = 0, nonWorkPops = 0, backwards = 0;

    for (int it = 0; it < 1'000'000; ++it) {
        const Event e = q.pop();
        if (e.time < now) ++backwards;
        now = e.time;
        if (e.kind != kWork) ++nonWorkPops;
        q.schedule(now + workDelay(rng), 0, kWork);

        // a timer that is cancelled right away (ack arrives in the same handler)
        const EventHandle quick = q.schedule(now + kVisibility, 0, kAckedTimeout);
        peak = std::max(peak, q.size());
        if (!q.cancel(quick)) ++failedCancels;

        // a timer that lives for a few iterations before its ack
        timers.push_back(q.schedule(now + kVisibility, 0, kTimeout));
        peak = std::max(peak, q.size());
        if (timers.size() > 8) {
            if (!q.cancel(timers.front())) ++failedCancels;
            timers.pop_front();
        }
    }
    QCOMPARE(backwards, std::size_t(0));
    QCOMPARE(failedCancels, std::size_t(0));
    QCOMPARE(nonWorkPops, std::size_t(0));
    QCOMPARE(q.size(), std::size_t(1000 + timers.size()));
    QVERIFY(q.checkInvariants());
    QVERIFY2(q.slotCapacity() <= peak + 4,
             qPrintable(QStringLiteral("slotCapacity %1 > peak pending %2 (+4)").arg(q.slotCapacity()).arg(peak)));
    QVERIFY(peak <= 1000 + 10); // sanity: the workload really is steady

    // After a burst and a drain, steady state again does not grow beyond the burst's peak.
    for (int i = 0; i < 5000; ++i) q.schedule(now + workDelay(rng), 0, kWork);
    const std::size_t burstPeak = q.size();
    for (int i = 0; i < 5000; ++i) q.pop();
    for (int it = 0; it < 100'000; ++it) {
        now = q.pop().time;
        q.schedule(now + workDelay(rng), 0, kWork);
        q.cancel(q.schedule(now + kVisibility, 0, kAckedTimeout));
    }
    QVERIFY2(q.slotCapacity() <= burstPeak + 4,
             qPrintable(QStringLiteral("slotCapacity %1 > burst peak %2 (+4)").arg(q.slotCapacity()).arg(burstPeak)));
    QVERIFY(q.checkInvariants());
}

// 6. clear() empties the queue and invalidates every handle.
void TestEventQueue::clearEmptiesAndInvalidates()
{
    EventQueue q;
    std::vector<EventHandle> hs;
    for (int i = 0; i < 100; ++i) hs.push_back(q.schedule((i * 37) % 11, 0, 0, std::uint64_t(i)));
    QVERIFY(q.cancel(hs[5]));
    q.pop();
    const std::size_t cap = q.slotCapacity();

    q.clear();
    QVERIFY(q.empty());
    QCOMPARE(q.size(), std::size_t(0));
    QCOMPARE(q.nextTime(), kNever);
    QVERIFY(q.checkInvariants());
    for (const EventHandle& h : hs) {
        QVERIFY(!q.isPending(h));
        QVERIFY(!q.cancel(h));
    }

    // The queue is reusable; new events reuse the old slots and old handles can't touch them.
    std::vector<EventHandle> fresh;
    for (int i = 0; i < 100; ++i) fresh.push_back(q.schedule(50 - i / 2, 0, 0, std::uint64_t(i)));
    QCOMPARE(q.slotCapacity(), cap);
    for (const EventHandle& h : hs) {
        QVERIFY(!q.isPending(h));
        QVERIFY(!q.cancel(h));
    }
    QCOMPARE(q.size(), std::size_t(100));
    for (const EventHandle& h : fresh) QVERIFY(q.isPending(h));
    QVERIFY(q.checkInvariants());

    // Order after clear: by time, then scheduling order.
    std::vector<std::uint64_t> expected;
    for (int t = 0; t <= 50; ++t)
        for (int i = 0; i < 100; ++i)
            if (50 - i / 2 == t) expected.push_back(std::uint64_t(i));
    QCOMPARE(drainPayloads(q), expected);
    QCOMPARE(q.nextTime(), kNever);

    // clear() on an empty queue is harmless
    q.clear();
    QVERIFY(q.empty());
    QVERIFY(q.checkInvariants());
}

// An order reserved early and used late (the queue's visibility deadlines) sorts among simultaneous
// events where an event scheduled at the moment of reserving would have: before the events
// scheduled after the reservation, after those scheduled before it.
void TestEventQueue::reservedOrderRunsWhereItWasTaken()
{
    EventQueue q;
    q.schedule(100, 0, 0, 1);               // before the reservation
    const std::uint64_t order = q.reserveOrder();
    q.schedule(100, 0, 0, 3);               // after it
    q.schedule(100, 0, 0, 4);
    q.scheduleInOrder(100, 0, 0, 2, 0, order); // scheduled last, runs second
    q.schedule(50, 0, 0, 0);                // an earlier time still comes first
    QVERIFY(q.checkInvariants());
    for (std::uint64_t expected = 0; expected <= 4; ++expected) QCOMPARE(q.pop().a, expected);
    // A reservation takes a place in the sequence as schedule() does: orders are distinct and rising.
    const std::uint64_t o1 = q.reserveOrder(), o2 = q.reserveOrder();
    QVERIFY(o2 > o1);
}

QTEST_APPLESS_MAIN(TestEventQueue)
#include "tst_eventqueue.moc"

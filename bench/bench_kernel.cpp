// Micro-benchmarks of the kernel's future-event set (es::EventQueue) against std::priority_queue.
//
// Hold model (the classic priority-queue benchmark for DES, Vaucher & Duval 1975): keep K events
// pending; each step pops the earliest and schedules one at now + an exponential increment, so the
// size stays at K and the times keep moving forward as in a simulation. K spans a toy model (16), a
// mid-sized one (1024) and a large one (65536, heap well beyond L1/L2).
//
// std::priority_queue holds only {time, seq}: it is the floor for a heap with the same ordering. The
// EventQueue also carries the 40-byte Event payload, keeps back-pointers for O(log n) cancellation,
// and recycles slots with generation counters; the gap between the two is the price of those.
//
// ScheduleCancel is the visibility-timeout pattern of the queue broker: every receive schedules a
// far-future timeout and the acknowledgement cancels it a little later, while ordinary events keep
// the heap populated. Cancellation removes from the middle of the heap (no tombstones).
#include "kernel/EventQueue.h"

#include <benchmark/benchmark.h>
#include <pcg_random.hpp>

#include <array>
#include <cmath>
#include <cstdint>
#include <queue>
#include <vector>

namespace {

// Increments are drawn once into a table so that the random number generator and log() are out of
// the measured loop and both queues see exactly the same sequence of times.
constexpr std::size_t kTable = 1 << 16;

const std::vector<es::SimTime>& increments()
{
    static const std::vector<es::SimTime> table = [] {
        std::vector<es::SimTime> t(kTable);
        pcg32 g(42, 7);
        for (auto& x : t) {
            const double u = (static_cast<double>(g()) + 0.5) * 0x1p-32; // (0, 1)
            x = static_cast<es::SimTime>(-std::log(u) * 1e9);            // mean 1 s in ns
        }
        return t;
    }();
    return table;
}

void BM_EventQueue_HoldModel(benchmark::State& state)
{
    const auto k = static_cast<std::size_t>(state.range(0));
    const auto& inc = increments();
    es::EventQueue q;
    std::size_t i = 0;
    for (std::size_t n = 0; n < k; ++n) q.schedule(inc[i++ & (kTable - 1)], 0, 0);
    for (auto _ : state) {
        const es::Event ev = q.pop();
        q.schedule(ev.time + inc[i++ & (kTable - 1)], ev.target, ev.kind, ev.a + 1);
    }
    benchmark::DoNotOptimize(q.nextTime());
    state.SetItemsProcessed(state.iterations()); // one pop + one schedule per item
    state.counters["slots"] = static_cast<double>(q.slotCapacity());
}
BENCHMARK(BM_EventQueue_HoldModel)->Arg(16)->Arg(1024)->Arg(65536);

void BM_StdPriorityQueue_HoldModel(benchmark::State& state)
{
    struct Entry {
        es::SimTime time;
        std::uint64_t seq;
    };
    struct Later {
        bool operator()(const Entry& x, const Entry& y) const
        {
            return x.time > y.time || (x.time == y.time && x.seq > y.seq);
        }
    };
    const auto k = static_cast<std::size_t>(state.range(0));
    const auto& inc = increments();
    std::priority_queue<Entry, std::vector<Entry>, Later> q;
    std::uint64_t seq = 0;
    std::size_t i = 0;
    for (std::size_t n = 0; n < k; ++n) q.push({inc[i++ & (kTable - 1)], seq++});
    for (auto _ : state) {
        const Entry e = q.top();
        q.pop();
        q.push({e.time + inc[i++ & (kTable - 1)], seq++});
    }
    benchmark::DoNotOptimize(q.top().time);
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_StdPriorityQueue_HoldModel)->Arg(16)->Arg(1024)->Arg(65536);

// K background events run the hold model; W timeouts are outstanding at a time (messages in flight).
// Each item: one hold step, one timeout scheduled a day ahead, and the oldest timeout cancelled, as
// when a receive is followed by the acknowledgement of an earlier one.
void BM_EventQueue_ScheduleCancel(benchmark::State& state)
{
    const auto k = static_cast<std::size_t>(state.range(0));
    constexpr std::size_t kWindow = 64;
    constexpr es::SimTime kTimeout = 86'400 * es::kSecond;
    const auto& inc = increments();
    es::EventQueue q;
    std::size_t i = 0;
    for (std::size_t n = 0; n < k; ++n) q.schedule(inc[i++ & (kTable - 1)], 0, 0);
    std::array<es::EventHandle, kWindow> outstanding{};
    std::size_t head = 0;
    es::SimTime now = 0;
    for (std::size_t n = 0; n < kWindow; ++n) outstanding[n] = q.schedule(now + kTimeout + inc[i++ & (kTable - 1)], 1, 1);
    std::uint64_t cancelled = 0;
    for (auto _ : state) {
        const es::Event ev = q.pop(); // the timeouts are a day out: this is always a background event
        now = ev.time;
        q.schedule(now + inc[i++ & (kTable - 1)], 0, 0);
        cancelled += q.cancel(outstanding[head]);
        outstanding[head] = q.schedule(now + kTimeout + inc[i++ & (kTable - 1)], 1, 1);
        head = (head + 1) & (kWindow - 1);
    }
    if (cancelled != static_cast<std::uint64_t>(state.iterations())) state.SkipWithError("a timeout was not pending when cancelled");
    state.SetItemsProcessed(state.iterations());
    state.counters["slots"] = static_cast<double>(q.slotCapacity());
}
BENCHMARK(BM_EventQueue_ScheduleCancel)->Arg(16)->Arg(1024)->Arg(65536);

// Schedule and cancel alone, the timeout never outliving the next line: the cheapest case, where the
// new entry is the heap's last element and removal needs no sift.
void BM_EventQueue_ScheduleCancelImmediate(benchmark::State& state)
{
    const auto k = static_cast<std::size_t>(state.range(0));
    const auto& inc = increments();
    es::EventQueue q;
    std::size_t i = 0;
    for (std::size_t n = 0; n < k; ++n) q.schedule(inc[i++ & (kTable - 1)], 0, 0);
    for (auto _ : state) {
        const es::EventHandle h = q.schedule(86'400 * es::kSecond + inc[i++ & (kTable - 1)], 1, 1);
        benchmark::DoNotOptimize(q.cancel(h));
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EventQueue_ScheduleCancelImmediate)->Arg(1024);

} // namespace

BENCHMARK_MAIN();

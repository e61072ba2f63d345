#pragma once
// The future-event set: a 4-ary heap of small POD keys over a pooled array of event records.
// - Order: time, then priority (lower first; default kDefaultPriority), then insertion sequence, so
//   equal times and priorities run in the order they were scheduled. Observers (the metrics sampler)
//   use kObserverPriority to see an instant only after everything else at that instant.
// - No per-event heap allocation: records live in a slot pool with a free list; the heap and pool
//   only grow to the peak number of pending events (memory follows what is in flight, not history).
// - Cancellation removes the event at once through its heap position (no tombstones), and a
//   generation counter makes stale handles harmless.
// - 4-ary, not binary: half the levels, and the four children of a node share a cache line or two
//   (services-1000 keeps ~2,000 events pending). Keys are unique (the sequence is), so the order of
//   execution does not depend on the heap's shape: digests are the same as with the binary heap.
// - Sifts move a hole and write the moving entry once at its final place; schedule() and pop() are
//   inline, since a kernel event is only a few hundred instructions in all.
#include "kernel/SimTime.h"

#include <cassert>
#include <cstdint>
#include <vector>

namespace es {

struct EventHandle {
    std::uint32_t slot = UINT32_MAX;
    std::uint32_t generation = 0;
    bool isNull() const { return slot == UINT32_MAX; }
};

// What a component receives when its event fires. `target` is the component index, `kind` a
// component-defined code, `a`/`b` small arguments (indices into the component's own pools).
struct Event {
    SimTime time = 0;
    std::uint32_t target = 0;
    std::uint32_t kind = 0;
    std::uint64_t a = 0;
    std::uint64_t b = 0;
};

inline constexpr std::uint8_t kDefaultPriority = 128;
inline constexpr std::uint8_t kObserverPriority = 255;

class EventQueue {
public:
    EventHandle schedule(SimTime time, std::uint32_t target, std::uint32_t kind, std::uint64_t a = 0,
                         std::uint64_t b = 0, std::uint8_t priority = kDefaultPriority)
    {
        return scheduleInOrder(time, target, kind, a, b, reserveOrder(priority));
    }
    // A place among the events of one instant, taken now for an event scheduled later: an event
    // scheduled with it runs where an event scheduled now would have (see QueueBroker's deadlines).
    std::uint64_t reserveOrder(std::uint8_t priority = kDefaultPriority) { return (std::uint64_t{priority} << 56) | nextSeq_++; }
    EventHandle scheduleInOrder(SimTime time, std::uint32_t target, std::uint32_t kind, std::uint64_t a,
                                std::uint64_t b, std::uint64_t order)
    {
        const std::uint32_t slot = freeHead_ != kNone ? freeHead_ : grow();
        Record& r = records_[slot];
        freeHead_ = r.nextFree;
        r.event = Event{time, target, kind, a, b};
        r.nextFree = kNone;
        const auto pos = static_cast<std::uint32_t>(heap_.size());
        heap_.emplace_back(); // the hole siftUp fills
        siftUp(pos, HeapEntry{time, order, slot});
        return EventHandle{slot, r.generation};
    }
    // Removes a pending event. Returns false (and does nothing) for a handle that already fired,
    // was cancelled, or is null.
    bool cancel(EventHandle h);
    bool isPending(EventHandle h) const;

    bool empty() const { return heap_.empty(); }
    std::size_t size() const { return heap_.size(); }
    SimTime nextTime() const { return heap_.empty() ? kNever : heap_.front().time; }
    // Removes and returns the earliest event. Precondition: !empty().
    Event pop()
    {
        assert(!heap_.empty());
        const std::uint32_t slot = heap_.front().slot;
        const Event ev = records_[slot].event;
        const HeapEntry last = heap_.back();
        heap_.pop_back();
        if (!heap_.empty()) siftDown(0, last); // the root is the hole the last entry fills
        freeSlot(slot);
        return ev;
    }
    void clear();

    // Number of record slots ever allocated (the pool's high-water mark), for memory checks.
    std::size_t slotCapacity() const { return records_.size(); }
    // Full structural check (heap order, back-pointers, free list); O(n), for tests and debug builds.
    bool checkInvariants() const;

private:
    struct HeapEntry {
        SimTime time;
        std::uint64_t seq; // priority in the top 8 bits, insertion counter below
        std::uint32_t slot;
    };
    struct Record {
        Event event;
        std::uint32_t generation;
        std::uint32_t nextFree;
    };
    static constexpr std::uint32_t kNone = UINT32_MAX;
    static constexpr std::uint32_t kArity = 4;
    static std::uint32_t parentOf(std::uint32_t pos) { return (pos - 1) / kArity; }
    static std::uint32_t firstChildOf(std::uint32_t pos) { return kArity * pos + 1; }
    static bool before(const HeapEntry& x, const HeapEntry& y)
    {
        return x.time < y.time || (x.time == y.time && x.seq < y.seq);
    }
    // Fills the hole at `pos` with `e`, moving the hole up (siftUp) or down (siftDown) first.
    void siftUp(std::uint32_t pos, const HeapEntry& e)
    {
        while (pos > 0) {
            const std::uint32_t parent = parentOf(pos);
            if (!before(e, heap_[parent])) break;
            place(pos, heap_[parent]);
            pos = parent;
        }
        place(pos, e);
    }
    void siftDown(std::uint32_t pos, const HeapEntry& e);
    void place(std::uint32_t pos, const HeapEntry& e)
    {
        heap_[pos] = e;
        heapPos_[e.slot] = pos;
    }
    void removeAt(std::uint32_t pos);
    void freeSlot(std::uint32_t slot)
    {
        Record& r = records_[slot];
        heapPos_[slot] = kNone;
        ++r.generation; // every outstanding handle to this slot is now stale
        r.nextFree = freeHead_;
        freeHead_ = slot;
    }
    std::uint32_t grow(); // a new slot, on the free list

    std::vector<HeapEntry> heap_;
    std::vector<Record> records_;
    // Heap position per slot (UINT32_MAX when free), apart from the records: every sift step writes
    // one, and a compact array keeps those writes in few cache lines.
    std::vector<std::uint32_t> heapPos_;
    std::uint32_t freeHead_ = UINT32_MAX;
    std::uint64_t nextSeq_ = 0;
};

} // namespace es

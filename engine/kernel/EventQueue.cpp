#include "kernel/EventQueue.h"

#include <cassert>

namespace es {

namespace {
constexpr std::uint32_t kNone = UINT32_MAX;
}

EventHandle EventQueue::scheduleInOrder(SimTime time, std::uint32_t target, std::uint32_t kind, std::uint64_t a,
                                        std::uint64_t b, std::uint64_t order)
{
    std::uint32_t slot;
    if (freeHead_ != kNone) {
        slot = freeHead_;
        freeHead_ = records_[slot].nextFree;
    } else {
        slot = static_cast<std::uint32_t>(records_.size());
        records_.push_back(Record{{}, 0, kNone});
        heapPos_.push_back(kNone);
    }
    Record& r = records_[slot];
    r.event = Event{time, target, kind, a, b};
    r.nextFree = kNone;
    heap_.push_back(HeapEntry{time, order, slot});
    const auto pos = static_cast<std::uint32_t>(heap_.size() - 1);
    heapPos_[slot] = pos;
    // Far-future timers (visibility timeouts) usually stay where they land: test before sifting.
    if (pos > 0 && before(heap_[pos], heap_[(pos - 1) / 2])) siftUp(pos);
    return EventHandle{slot, r.generation};
}

bool EventQueue::isPending(EventHandle h) const
{
    if (h.slot >= records_.size()) return false;
    const Record& r = records_[h.slot];
    return r.generation == h.generation && heapPos_[h.slot] != kNone;
}

bool EventQueue::cancel(EventHandle h)
{
    if (!isPending(h)) return false;
    const std::uint32_t pos = heapPos_[h.slot];
    removeAt(pos);
    freeSlot(h.slot);
    return true;
}

Event EventQueue::pop()
{
    assert(!heap_.empty());
    const std::uint32_t slot = heap_.front().slot;
    Event ev = records_[slot].event;
    removeAt(0);
    freeSlot(slot);
    return ev;
}

void EventQueue::clear()
{
    for (const HeapEntry& e : heap_) freeSlot(e.slot);
    heap_.clear();
}

void EventQueue::freeSlot(std::uint32_t slot)
{
    Record& r = records_[slot];
    heapPos_[slot] = kNone;
    ++r.generation; // every outstanding handle to this slot is now stale
    r.nextFree = freeHead_;
    freeHead_ = slot;
}

void EventQueue::place(std::uint32_t pos, const HeapEntry& e)
{
    heap_[pos] = e;
    heapPos_[e.slot] = pos;
}

// Removing from the middle must be able to move the filler either way: it can be earlier than the
// removed entry's parent or later than its children (the bug ns-3's HeapScheduler::Remove had).
void EventQueue::removeAt(std::uint32_t pos)
{
    const auto last = static_cast<std::uint32_t>(heap_.size() - 1);
    if (pos != last) {
        place(pos, heap_[last]);
        heap_.pop_back();
        if (pos > 0 && before(heap_[pos], heap_[(pos - 1) / 2]))
            siftUp(pos);
        else
            siftDown(pos);
    } else {
        heap_.pop_back();
    }
}

void EventQueue::siftUp(std::uint32_t pos)
{
    const HeapEntry e = heap_[pos];
    while (pos > 0) {
        const std::uint32_t parent = (pos - 1) / 2;
        if (!before(e, heap_[parent])) break;
        place(pos, heap_[parent]);
        pos = parent;
    }
    place(pos, e);
}

void EventQueue::siftDown(std::uint32_t pos)
{
    const auto n = static_cast<std::uint32_t>(heap_.size());
    const HeapEntry e = heap_[pos];
    for (;;) {
        std::uint32_t child = 2 * pos + 1;
        if (child >= n) break;
        if (child + 1 < n && before(heap_[child + 1], heap_[child])) ++child;
        if (!before(heap_[child], e)) break;
        place(pos, heap_[child]);
        pos = child;
    }
    place(pos, e);
}

bool EventQueue::checkInvariants() const
{
    for (std::uint32_t i = 0; i < heap_.size(); ++i) {
        const HeapEntry& e = heap_[i];
        if (e.slot >= records_.size()) return false;
        const Record& r = records_[e.slot];
        if (heapPos_[e.slot] != i || r.event.time != e.time) return false;
        if (i > 0 && before(e, heap_[(i - 1) / 2])) return false;
    }
    std::size_t freeCount = 0;
    for (std::uint32_t s = freeHead_; s != kNone; s = records_[s].nextFree) {
        if (s >= records_.size() || heapPos_[s] != kNone) return false;
        if (++freeCount > records_.size()) return false; // a cycle in the free list
    }
    return freeCount + heap_.size() == records_.size();
}

} // namespace es

#include "kernel/EventQueue.h"

namespace es {

// The pool grows by one slot when every slot is in use; the new slot goes on the free list, where
// scheduleInOrder takes it at once.
std::uint32_t EventQueue::grow()
{
    const auto slot = static_cast<std::uint32_t>(records_.size());
    records_.push_back(Record{{}, 0, freeHead_});
    heapPos_.push_back(kNone);
    freeHead_ = slot;
    return slot;
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

void EventQueue::clear()
{
    for (const HeapEntry& e : heap_) freeSlot(e.slot);
    heap_.clear();
}

// Removing from the middle must be able to move the filler either way: it can be earlier than the
// removed entry's parent or later than its children (the bug ns-3's HeapScheduler::Remove had).
void EventQueue::removeAt(std::uint32_t pos)
{
    const HeapEntry last = heap_.back();
    heap_.pop_back();
    if (pos == heap_.size()) return; // it was the last entry
    if (pos > 0 && before(last, heap_[parentOf(pos)]))
        siftUp(pos, last);
    else
        siftDown(pos, last);
}

void EventQueue::siftDown(std::uint32_t pos, const HeapEntry& e)
{
    const auto n = static_cast<std::uint32_t>(heap_.size());
    for (;;) {
        const std::uint32_t first = firstChildOf(pos);
        if (first >= n) break;
        // The earliest of up to kArity children.
        std::uint32_t best = first;
        const std::uint32_t end = first + kArity < n ? first + kArity : n;
        for (std::uint32_t c = first + 1; c < end; ++c)
            if (before(heap_[c], heap_[best])) best = c;
        if (!before(heap_[best], e)) break;
        place(pos, heap_[best]);
        pos = best;
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
        if (i > 0 && before(e, heap_[parentOf(i)])) return false;
    }
    std::size_t freeCount = 0;
    for (std::uint32_t s = freeHead_; s != kNone; s = records_[s].nextFree) {
        if (s >= records_.size() || heapPos_[s] != kNone) return false;
        if (++freeCount > records_.size()) return false; // a cycle in the free list
    }
    return freeCount + heap_.size() == records_.size();
}

} // namespace es

#pragma once
// Engine thread → GUI thread handoff of snapshots: a triple buffer. The writer fills `back()`, then
// publish() swaps it into the ready slot; the reader's take() swaps the ready slot out only when
// something new is there. The lock is held for a swap (a few pointer moves), never while a
// snapshot is filled or drawn, so neither side waits on the other's work.
#include "sim/Snapshot.h"

#include <atomic>
#include <mutex>
#include <utility>

namespace esui {

class SnapshotHandoff {
public:
    // Writer side.
    Snapshot& back() { return back_; }
    // True when the reader took the last published snapshot: filling a new one is then worth it.
    bool wanted() const { return !fresh_.load(std::memory_order_acquire); }
    void publish()
    {
        std::lock_guard lock(mutex_);
        std::swap(back_, ready_);
        fresh_.store(true, std::memory_order_release);
    }

    // Reader side: the newest snapshot, or nullptr when nothing was published since the last take.
    const Snapshot* take()
    {
        std::lock_guard lock(mutex_);
        if (!fresh_.load(std::memory_order_relaxed)) return nullptr;
        std::swap(ready_, front_);
        fresh_.store(false, std::memory_order_release);
        return &front_;
    }
    const Snapshot& front() const { return front_; }

private:
    std::mutex mutex_;
    std::atomic<bool> fresh_{false};
    Snapshot back_, ready_, front_;
};

} // namespace esui

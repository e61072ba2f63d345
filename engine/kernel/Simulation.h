#pragma once
// The DES kernel: the clock, the future-event set, the components, and the trace digest.
// Components are addressed by index; an event names its target component and a kind code the
// component interprets (a switch, not a closure), so scheduling allocates nothing.
#include "kernel/EventQueue.h"
#include "kernel/SimTime.h"
#include "kernel/TraceDigest.h"

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace es {

class Simulation;

// Receives every traced event as it executes (for `--trace` recordings). Off by default: the
// kernel then pays one predictable branch per event.
class TraceSink {
public:
    virtual ~TraceSink() = default;
    virtual void onEvent(const Event& ev, const std::string& componentName) = 0;
};

class Component {
public:
    virtual ~Component() = default;
    virtual void handle(const Event& ev) = 0;

    std::uint32_t componentIndex() const { return index_; }
    const std::string& componentName() const { return name_; }

protected:
    Component(Simulation& sim, std::string name);
    // Events of a component that only observes (the metrics sampler) stay out of the trace digest,
    // so changing the sampling interval does not change the run's identity.
    void excludeFromDigest();
    Simulation& sim_;

private:
    std::uint32_t index_;
    std::string name_;
};

class Simulation {
public:
    SimTime now() const { return now_; }

    // An event at kNever (a saturated time: a duration beyond the clock's range) is never executed,
    // so it is not stored: the handle is null, which isPending() and cancel() treat as already gone.
    EventHandle schedule(SimTime at, const Component& target, std::uint32_t kind, std::uint64_t a = 0,
                         std::uint64_t b = 0, std::uint8_t priority = kDefaultPriority)
    {
        if (at >= kNever) return EventHandle{};
        return queue_.schedule(at < now_ ? now_ : at, target.componentIndex(), kind, a, b, priority);
    }
    EventHandle scheduleIn(SimTime delay, const Component& target, std::uint32_t kind, std::uint64_t a = 0,
                           std::uint64_t b = 0)
    {
        return schedule(addTime(now_, delay), target, kind, a, b);
    }
    // An event scheduled later at the place among simultaneous events that one scheduled now would
    // take (EventQueue::reserveOrder): a component that keeps its own timers in order (the queue's
    // visibility deadlines) runs each where a kernel event of its own would have run.
    std::uint64_t reserveOrder() { return queue_.reserveOrder(); }
    EventHandle scheduleInOrder(SimTime at, const Component& target, std::uint32_t kind, std::uint64_t a,
                                std::uint64_t b, std::uint64_t order)
    {
        if (at >= kNever) return EventHandle{};
        return queue_.scheduleInOrder(at < now_ ? now_ : at, target.componentIndex(), kind, a, b, order);
    }
    bool cancel(EventHandle h) { return queue_.cancel(h); }
    bool isPending(EventHandle h) const { return queue_.isPending(h); }

    // Runs events with time <= until, stopping early when `stop` becomes true (checked every 1024
    // events) or after `maxEvents` events. Returns true when it reached `until` (the clock is then
    // set to `until`).
    bool runUntil(SimTime until, const std::atomic<bool>* stop = nullptr, std::uint64_t maxEvents = UINT64_MAX);
    // Executes the single next event, if any at or before `until`. Returns false when there is none.
    bool step(SimTime until = kNever);

    // Digests and traces `ev` (which must be at now()) as though it had just been dispatched to its
    // target: for work a component does on another's behalf inside one event (the queue's visibility
    // timer expiring a message), so the digest and a recorded trace read as with one event each.
    void recordAsDispatched(const Event& ev);

    // Mixes an outcome decided by the running event into the trace digest (codes: model/Outcome.h).
    void noteOutcome(std::uint32_t code, std::uint64_t a, std::uint64_t b) { digest_.addOutcome(code, a, b); }

    void setTraceSink(TraceSink* sink) { traceSink_ = sink; }
    std::uint64_t eventsProcessed() const { return eventsProcessed_; }
    std::uint64_t traceDigest() const { return digest_.value(); }
    std::size_t pendingEvents() const { return queue_.size(); }
    SimTime nextEventTime() const { return queue_.nextTime(); }
    const EventQueue& queue() const { return queue_; }

private:
    friend class Component;
    std::uint32_t registerComponent(Component* c);
    void dispatch(const Event& ev);

    SimTime now_ = 0;
    EventQueue queue_;
    std::vector<Component*> components_;
    std::vector<std::uint8_t> traced_;
    TraceDigest digest_;
    TraceSink* traceSink_ = nullptr;
    std::uint64_t eventsProcessed_ = 0;
};

} // namespace es

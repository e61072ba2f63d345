#include "model/EventStore.h"

#include <bit>

namespace es {

EventStore::EventStore(std::size_t sinkCount) : sinks_(sinkCount) {}

std::uint32_t EventStore::allocate(const Envelope& env)
{
    std::uint32_t slot;
    if (freeHead_ != UINT32_MAX) {
        slot = freeHead_;
        freeHead_ = records_[slot].nextFree;
    } else {
        slot = static_cast<std::uint32_t>(records_.size());
        records_.emplace_back();
    }
    records_[slot] = Record{env, 0, 0, 0, 0, 1, UINT32_MAX, EndToEndTracker::kNone, 0, false};
    ++live_;
    return slot;
}

std::uint32_t EventStore::create(const Envelope& env, std::uint32_t cause)
{
    const std::uint32_t slot = allocate(env);
    if (flows_) {
        Record& r = records_[slot];
        if (cause == UINT32_MAX) {
            r.flow = flows_->openFlow(env.source, env.created);
            r.open = true;
        } else if (const Record& c = records_[cause]; flows_->current(c.flow, c.flowGeneration)) {
            flows_->join(c.flow);
            r.flow = c.flow;
            r.open = true;
        }
        if (r.open) r.flowGeneration = flows_->generation(r.flow);
    }
    return slot;
}

std::uint32_t EventStore::createInFlow(const Envelope& env, std::uint32_t flow, std::uint32_t generation)
{
    const std::uint32_t slot = allocate(env);
    if (flows_ && flows_->current(flow, generation)) {
        Record& r = records_[slot];
        flows_->join(flow);
        r.flow = flow;
        r.open = true;
        r.flowGeneration = generation;
    }
    return slot;
}

void EventStore::release(std::uint32_t slot)
{
    Record& r = records_[slot];
    if (r.refs == 0) { // a double release: count it, never corrupt the free list
        ++refErrors_;
        return;
    }
    if (--r.refs > 0) return;
    settle(r);
    if (r.open) { // its last copy is gone: whatever it still owed will never come
        r.open = false;
        flows_->leave(r.flow);
    }
    r.nextFree = freeHead_;
    freeHead_ = slot;
    --live_;
}

bool EventStore::reach(std::uint32_t slot, int sink)
{
    Record& r = records_[slot];
    auto& c = sinks_[static_cast<std::size_t>(sink)];
    ++c.copiesReceived;
    if (r.reached & bit(sink)) {
        note(Outcome::DuplicateCopy, slot, static_cast<std::uint64_t>(sink));
        return false;
    }
    r.reached |= bit(sink);
    updateOpen(r);
    ++c.obligations;
    return true;
}

bool EventStore::markApplied(std::uint32_t slot, int sink)
{
    Record& r = records_[slot];
    auto& c = sinks_[static_cast<std::size_t>(sink)];
    ++c.effects;
    if (r.applied & bit(sink)) {
        ++c.duplicateEffects;
        note(Outcome::DuplicateEffect, slot, static_cast<std::uint64_t>(sink));
        return false;
    }
    r.applied |= bit(sink);
    if (r.open) {
        flows_->effectApplied(r.flow); // before closing: this may be the flow's last effect
        updateOpen(r);
    }
    note(Outcome::Applied, slot, static_cast<std::uint64_t>(sink));
    return true;
}

// Precedence when several copies met different ends: applied beats dead-lettered beats dropped.
void EventStore::settle(Record& r)
{
    for (std::uint64_t m = r.reached; m; m &= m - 1) {
        const int s = std::countr_zero(m);
        auto& c = sinks_[static_cast<std::size_t>(s)];
        if (r.applied & bit(s)) ++c.settledApplied;
        else if (r.dead & bit(s)) ++c.settledDeadLettered;
        else if (r.dropped & bit(s)) ++c.settledDropped;
        else ++c.vanished;
    }
}

std::uint64_t EventStore::totalLiveRefs() const
{
    std::uint64_t n = 0;
    for (const Record& r : records_) n += r.refs;
    return n;
}

EventStore::LiveFates EventStore::liveFates(int sink) const
{
    LiveFates f;
    for (const Record& r : records_) {
        if (r.refs == 0 || !(r.reached & bit(sink))) continue;
        if (r.applied & bit(sink)) ++f.applied;
        else if (r.dead & bit(sink)) ++f.deadLettered;
        else if (r.dropped & bit(sink)) ++f.dropped;
        else ++f.inFlight;
    }
    return f;
}

} // namespace es

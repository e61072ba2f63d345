#include "model/EventStore.h"

#include <bit>

namespace es {

EventStore::EventStore(std::size_t sinkCount) : wide_(sinkCount), sinks_(sinkCount) {}

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
    records_[slot] = Record{env, {0, 0, 0, 0}, 1, UINT32_MAX, EndToEndTracker::kNone, 0, false};
    wide_.reset(slot);
    ++live_;
    return slot;
}

std::uint32_t EventStore::create(const Envelope& env, std::uint32_t cause)
{
    const std::uint32_t slot = allocate(env);
    if (flows_) {
        Record& r = records_[slot];
        if (cause == UINT32_MAX) {
            r.flow = flows_->openFlow(env.source, env.created, env.type);
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
    settle(slot);
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
    auto& c = sinks_[static_cast<std::size_t>(sink)];
    ++c.copiesReceived;
    if (has(slot, kReached, sink)) {
        note(Outcome::DuplicateCopy, slot, static_cast<std::uint64_t>(sink));
        return false;
    }
    set(slot, kReached, sink);
    updateOpen(slot);
    ++c.obligations;
    return true;
}

bool EventStore::markApplied(std::uint32_t slot, int sink)
{
    Record& r = records_[slot];
    auto& c = sinks_[static_cast<std::size_t>(sink)];
    ++c.effects;
    if (has(slot, kApplied, sink)) {
        ++c.duplicateEffects;
        note(Outcome::DuplicateEffect, slot, static_cast<std::uint64_t>(sink));
        return false;
    }
    set(slot, kApplied, sink);
    if (r.open) {
        flows_->effectApplied(r.flow, r.env.type); // before closing: this may be the flow's last effect
        updateOpen(slot);
    }
    note(Outcome::Applied, slot, static_cast<std::uint64_t>(sink));
    return true;
}

// Precedence when several copies met different ends: applied beats dead-lettered beats dropped.
void EventStore::settle(std::uint32_t slot)
{
    for (std::uint64_t m = records_[slot].mask[kReached]; m; m &= m - 1) settleSink(slot, std::countr_zero(m));
    if (wide_.active()) wide_.forEachReached(slot, [&](int s) { settleSink(slot, s); });
}

void EventStore::settleSink(std::uint32_t slot, int s)
{
    auto& c = sinks_[static_cast<std::size_t>(s)];
    if (has(slot, kApplied, s)) ++c.settledApplied;
    else if (has(slot, kDead, s)) ++c.settledDeadLettered;
    else if (has(slot, kDropped, s)) ++c.settledDropped;
    else ++c.vanished;
}

std::uint64_t EventStore::totalLiveRefs() const
{
    std::uint64_t n = 0;
    for (std::size_t slot = 0; slot < records_.size(); ++slot) n += records_[slot].refs;
    return n;
}

EventStore::LiveFates EventStore::liveFates(int sink) const
{
    LiveFates f;
    for (std::uint32_t slot = 0; slot < records_.size(); ++slot) {
        if (records_[slot].refs == 0 || !has(slot, kReached, sink)) continue;
        if (has(slot, kApplied, sink)) ++f.applied;
        else if (has(slot, kDead, sink)) ++f.deadLettered;
        else if (has(slot, kDropped, sink)) ++f.dropped;
        else ++f.inFlight;
    }
    return f;
}

} // namespace es

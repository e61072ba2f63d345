#pragma once
// Every live event, with its envelope and its fate per accounting sink.
//
// Accounting. A *sink* is a place that owes an event its effect: a consumer group (a service) or a
// queue nobody consumes. When a copy of an event first reaches a sink the event gains an obligation
// there. Each obligation ends in exactly one fate: applied (the effect happened at least once),
// dead-lettered, dropped (lost where the semantics allow), or still in flight at the end of the run.
// Records are reference-counted by the places that hold a copy (queue messages, log entries, inboxes,
// the producer while it publishes); when the last copy goes, the obligations are settled into the
// sink counters and the slot is reused, so memory follows what is in flight, not what has happened.
// An obligation settled with no fate means a copy vanished uncounted: a conservation violation.
//
// Fates per sink are bit sets (reached, applied, dead-lettered, dropped). Word 0 of each (sinks 0-63)
// sits in the record itself, so a scenario with at most 64 sinks touches nothing else on the hot path;
// sinks from 64 on use the record's row in `wide_` (see model/SinkBits.h), sized once for the world's
// sink count. The loader caps the sink count (kMaxSinks in scenario/EngineLimits.h) so that a row stays
// small: every live event carries one.
#include "kernel/Simulation.h"
#include "model/EndToEndTracker.h"
#include "model/ChunkedVector.h"
#include "model/Envelope.h"
#include "model/Outcome.h"
#include "model/SinkBits.h"

#include <cstdint>
#include <string>
#include <vector>

namespace es {

struct SinkCounters {
    std::uint64_t obligations = 0;     // distinct events that reached the sink
    std::uint64_t copiesReceived = 0;  // including duplicate copies
    std::uint64_t effects = 0;         // every application of the effect
    std::uint64_t duplicateEffects = 0;// applications beyond the first for the same event
    std::uint64_t deduplicated = 0;    // duplicates stopped by an idempotency store
    // Settled fates (events no longer in the system).
    std::uint64_t settledApplied = 0;
    std::uint64_t settledDeadLettered = 0;
    std::uint64_t settledDropped = 0;
    std::uint64_t vanished = 0;        // violation: settled with no fate
};

class EventStore {
public:
    explicit EventStore(std::size_t sinkCount);
    // Every fate decided from now on is also an outcome in `sim`'s trace digest (the World sets it).
    void traceOutcomesTo(Simulation* sim) { sim_ = sim; }

    // A new event with one reference (the creator's); the creator releases it after publishing.
    // `cause`: the slot of the event whose handling emitted it (the flow it joins), or none for a root.
    std::uint32_t create(const Envelope& env, std::uint32_t cause = UINT32_MAX);
    // A new event that joins an existing flow (a user request's, see model/calls/UserRequests.h);
    // if that flow is over, the event belongs to none.
    std::uint32_t createInFlow(const Envelope& env, std::uint32_t flow, std::uint32_t generation);
    // End-to-end latency per flow (the World sets it; absent in bare tests).
    void trackFlowsWith(EndToEndTracker* tracker) { flows_ = tracker; }
    void addRef(std::uint32_t slot) { ++records_[slot].refs; }
    void release(std::uint32_t slot);

    const Envelope& envelope(std::uint32_t slot) const { return records_[slot].env; }
    // The flow the event belongs to (EndToEndTracker::kNone for none) and that flow's generation.
    std::uint32_t flowOf(std::uint32_t slot) const { return records_[slot].flow; }
    std::uint32_t flowGenerationOf(std::uint32_t slot) const { return records_[slot].flowGeneration; }

    // A copy reached `sink`. Returns true for the first copy (a new obligation).
    bool reach(std::uint32_t slot, int sink);
    // The effect was applied for `sink`. Returns true if it is the first application.
    bool markApplied(std::uint32_t slot, int sink);
    bool isApplied(std::uint32_t slot, int sink) const { return has(slot, kApplied, sink); }
    // Whether the obligation at `sink` has a fate already (applied, dead-lettered or dropped).
    bool hasFate(std::uint32_t slot, int sink) const
    {
        if (sink < 64) {
            const std::uint64_t* m = records_[slot].mask;
            return ((m[kApplied] | m[kDead] | m[kDropped]) & bit(sink)) != 0;
        }
        return wide_.test(slot, kApplied, sink) || wide_.test(slot, kDead, sink) || wide_.test(slot, kDropped, sink);
    }
    void markDeadLettered(std::uint32_t slot, int sink)
    {
        set(slot, kDead, sink);
        updateOpen(slot);
        note(Outcome::DeadLettered, slot, static_cast<std::uint64_t>(sink));
    }
    void markDropped(std::uint32_t slot, int sink)
    {
        set(slot, kDropped, sink);
        updateOpen(slot);
        note(Outcome::Dropped, slot, static_cast<std::uint64_t>(sink));
    }
    void countDeduplicated(std::uint32_t slot, int sink)
    {
        ++sinks_[static_cast<std::size_t>(sink)].deduplicated;
        note(Outcome::Deduplicated, slot, static_cast<std::uint64_t>(sink));
    }
    // An outcome about a live event, for the digest (see model/Outcome.h).
    void note(Outcome o, std::uint32_t slot, std::uint64_t arg) const
    {
        if (sim_) sim_->noteOutcome(static_cast<std::uint32_t>(o), records_[slot].env.eventId, arg);
    }

    std::size_t liveEvents() const { return live_; }
    std::size_t slotCapacity() const { return records_.size(); }
    std::uint64_t totalLiveRefs() const;
    std::uint64_t refErrors() const { return refErrors_; }
    const SinkCounters& sink(int s) const { return sinks_[static_cast<std::size_t>(s)]; }
    std::size_t sinkCount() const { return sinks_.size(); }

    // Fates of obligations whose events are still live: (applied, deadLettered, dropped, inFlight).
    struct LiveFates {
        std::uint64_t applied = 0, deadLettered = 0, dropped = 0, inFlight = 0;
    };
    LiveFates liveFates(int sink) const;

private:
    enum Mask : int { kReached = 0, kApplied = 1, kDead = 2, kDropped = 3 };
    static std::uint64_t bit(int sink) { return std::uint64_t{1} << (sink & 63); }
    struct Record {
        Envelope env;
        std::uint64_t mask[4] = {0, 0, 0, 0}; // word 0 (sinks 0-63) of reached, applied, dead, dropped
        std::uint32_t refs = 0;
        std::uint32_t nextFree = UINT32_MAX;
        std::uint32_t flow = EndToEndTracker::kNone;
        std::uint32_t flowGeneration = 0;
        bool open = false; // counted as open in its flow (see EndToEndTracker)
    };
    std::uint32_t allocate(const Envelope& env); // a pooled slot with one reference
    bool has(std::uint32_t slot, Mask m, int sink) const
    {
        if (sink < 64) return (records_[slot].mask[m] & bit(sink)) != 0;
        return wide_.test(slot, m, sink);
    }
    void set(std::uint32_t slot, Mask m, int sink)
    {
        if (sink < 64) records_[slot].mask[m] |= bit(sink);
        else wide_.set(slot, m, sink);
    }
    // Whether the event still owes an effect somewhere (or has reached no sink yet).
    bool owed(std::uint32_t slot) const
    {
        const std::uint64_t* m = records_[slot].mask;
        const bool none = m[kReached] == 0, open = (m[kReached] & ~(m[kApplied] | m[kDead] | m[kDropped])) != 0;
        if (!wide_.active()) return none || open;
        if (open) return true;
        const SinkBits::Owed w = wide_.owed(slot);
        return w.open || (none && w.none);
    }
    void settle(std::uint32_t slot);
    void settleSink(std::uint32_t slot, int sink);
    // Closes the record in its flow once every place it reached gave it a fate; reopens it when a
    // copy reaches a new place later.
    void updateOpen(std::uint32_t slot)
    {
        Record& r = records_[slot];
        if (!flows_ || r.flow == EndToEndTracker::kNone) return;
        const bool owed = this->owed(slot);
        if (r.open && !owed) {
            r.open = false;
            flows_->leave(r.flow);
        } else if (!r.open && owed && flows_->current(r.flow, r.flowGeneration)) {
            r.open = true;
            flows_->join(r.flow);
        }
    }

    ChunkedVector<Record> records_; // chunks: 10^7 live events never move (see model/ChunkedVector.h)
    SinkBits wide_; // sinks 64 and up, one row per record slot
    std::vector<SinkCounters> sinks_;
    std::uint32_t freeHead_ = UINT32_MAX;
    std::size_t live_ = 0;
    std::uint64_t refErrors_ = 0;
    Simulation* sim_ = nullptr;
    EndToEndTracker* flows_ = nullptr;
};

} // namespace es

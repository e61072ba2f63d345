#pragma once
// End-to-end latency of each flow: from a root event's creation (a producer's event) to the last
// effect it caused, through every follow-up event emitted on the way (one correlationId).
// Each event of a flow is *open* from its creation until every place it reached (a consumer group, an
// unconsumed queue) has given it a fate (applied, dead-lettered, dropped), or its last copy is gone.
// A log keeps an applied record for retention, but no group still owes it anything, so it is closed.
// When the last open event of a flow closes, no further effect can come: the flow is complete and its
// latency is recorded per root producer. Flows are pooled slots with a free list and a generation, so
// memory follows the flows in flight and an event that reopens after its flow completed (a copy
// delayed on a link reaching a new place late) cannot touch a reused slot.
#include "kernel/Simulation.h"
#include "metrics/LatencyHistogram.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace es {

// Told of every flow's start (with its root's type), of each effect in it (with the event's type)
// and of its end: what a saga needs to know how its transaction went (model/sagas/SagaTracker).
class FlowObserver {
public:
    virtual ~FlowObserver() = default;
    virtual void opened(std::uint32_t flow, std::uint16_t rootType, SimTime created) = 0;
    virtual void effect(std::uint32_t flow, std::uint16_t type, SimTime now) = 0;
    virtual void ended(std::uint32_t flow, SimTime now) = 0;
};

class EndToEndTracker {
public:
    static constexpr std::uint32_t kNone = UINT32_MAX;

    EndToEndTracker(const Simulation& sim, std::size_t producerCount) : sim_(sim), perProducer_(producerCount) {}

    // A root event created by producer `producer` at `created`: a new flow with one open event.
    std::uint32_t openFlow(std::uint16_t producer, SimTime created, std::uint16_t rootType = UINT16_MAX);
    void observeWith(FlowObserver* o) { observer_ = o; }
    std::uint32_t generation(std::uint32_t flow) const { return flows_[flow].generation; }
    bool current(std::uint32_t flow, std::uint32_t generation) const
    {
        return flow < flows_.size() && flows_[flow].generation == generation && flows_[flow].live > 0;
    }
    // One more open event in the flow (a follow-up, or an event that reopened).
    void join(std::uint32_t flow) { ++flows_[flow].live; }
    void effectApplied(std::uint32_t flow, std::uint16_t type = UINT16_MAX)
    {
        Flow& f = flows_[flow];
        f.lastEffect = sim_.now();
        ++f.effects;
        if (observer_) observer_->effect(flow, type, f.lastEffect);
    }
    // An event of the flow closed; the last one completes the flow.
    void leave(std::uint32_t flow);

    struct PerProducer {
        std::unique_ptr<LatencyHistogram> latency = std::make_unique<LatencyHistogram>();
        std::uint64_t completed = 0;  // flows with at least one effect, all events gone
        std::uint64_t noEffect = 0;   // flows that ended without any effect (all lost or dead-lettered)
        std::uint64_t open = 0;       // flows still in flight
    };
    // Indexed by the root's envelope source (the producer's service index).
    const PerProducer& producer(std::size_t serviceIndex) const { return perProducer_[serviceIndex]; }
    std::size_t producerSlots() const { return perProducer_.size(); }
    std::size_t slotCapacity() const { return flows_.size(); }

private:
    struct Flow {
        SimTime created = 0, lastEffect = 0;
        std::uint32_t live = 0;
        std::uint32_t effects = 0;
        std::uint16_t producer = 0;
        std::uint32_t nextFree = kNone;
        std::uint32_t generation = 0;
    };
    const Simulation& sim_;
    std::vector<Flow> flows_;
    std::uint32_t freeHead_ = kNone;
    std::vector<PerProducer> perProducer_;
    FlowObserver* observer_ = nullptr;
};

} // namespace es

#pragma once
// Sagas (docs/scenario-format.md, "Sagas"): a multi-step business transaction is one flow (a
// producer's root event and everything emitted because of it, EndToEndTracker). The tracker watches
// the flows whose root is a saga's `starts` type, notes when its `completes` or `compensated` event
// takes effect, and when the flow ends (no event of it left anywhere) classifies it: completed,
// compensated, stuck (ended with neither: a step's event was lost, or a refusal emitted nothing) or
// inconsistent (both, e.g. a duplicate that confirmed an order that was also cancelled); the rest are
// in flight. Slots follow the tracker's flow slots and generations, so memory follows flows in flight.
#include "kernel/Simulation.h"
#include "metrics/LatencyHistogram.h"
#include "model/EndToEndTracker.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace es {

struct SagaSpec;
class World;

class SagaTracker : public FlowObserver {
public:
    struct Counts {
        std::uint64_t started = 0, completed = 0, compensated = 0, stuck = 0, inconsistent = 0;
        std::uint64_t inFlight() const { return started - completed - compensated - stuck - inconsistent; }
        // Start -> the end event's effect (completed, compensated); start -> the flow's end (stuck).
        std::unique_ptr<LatencyHistogram> completedTime = std::make_unique<LatencyHistogram>();
        std::unique_ptr<LatencyHistogram> compensatedTime = std::make_unique<LatencyHistogram>();
        std::unique_ptr<LatencyHistogram> stuckTime = std::make_unique<LatencyHistogram>();
    };

    SagaTracker(World& world, const std::vector<SagaSpec>& specs);

    void opened(std::uint32_t flow, std::uint16_t rootType, SimTime created) override;
    void effect(std::uint32_t flow, std::uint16_t type, SimTime now) override;
    void ended(std::uint32_t flow, SimTime now) override;

    std::size_t sagaCount() const { return names_.size(); }
    const std::string& name(std::size_t i) const { return names_[i]; }
    const Counts& counts(std::size_t i) const { return counts_[i]; }
    // Sagas whose flow has not ended, counted from the slots (the conservation check compares it
    // with started minus every ending).
    std::uint64_t liveSlots(std::size_t i) const;

private:
    struct Slot {
        std::int32_t saga = -1; // -1: this flow is not a saga
        SimTime created = 0, completedAt = -1, compensatedAt = -1;
    };
    struct Types {
        std::uint16_t starts = 0, completes = 0, compensated = 0;
    };
    std::vector<std::string> names_;
    std::vector<Types> types_;
    std::vector<Counts> counts_;
    std::vector<Slot> slots_; // indexed by flow slot
};

} // namespace es

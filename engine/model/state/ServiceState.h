#pragma once
// The state side of one consumer service's handling (docs/scenario-format.md, "State and read
// models"): what it owns (an EntityStore changed by the event types in `writes`), the read model it
// builds when it `projects` another service's state, and the decision it takes when it `reads`
// before acting. The consumer calls it at the moment of its effect, after the service time and the
// write's commit: read, decide, write, apply the projection — then, if the decision was to go on,
// the consumer emits its follow-ups (which carry the write to the read models).
#include "model/Envelope.h"
#include "model/state/EntityStore.h"
#include "model/state/ReadModel.h"
#include "random/Distribution.h"
#include "scenario/Scenario.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace es {

class World;
class ConsumerService;

// A decision's tally, counted against the true state at the moment of the decision.
struct DecisionCounts {
    std::uint64_t reads = 0, accepted = 0, refused = 0;
    std::uint64_t acceptedWithout = 0; // accepted though the true state lacked `need` (a stale read)
    std::uint64_t refusedWith = 0;     // refused though the true state had it
    std::uint64_t ownReads = 0, ownMisses = 0; // the writer reading its own read model; missed its last write
};

class ServiceState {
public:
    ServiceState(World& world, const ServiceSpec& spec);
    // After every consumer exists: first every read model finds the state it projects, then every
    // decision finds what it reads (which may be one of those read models).
    void wireProjection(const World& world);
    void wireReads(const World& world);

    bool any() const { return store_ || model_ || reads_.enabled; }
    // The commit this event's handling waits for (nullopt: it writes nothing).
    const Distribution* commitFor(const Envelope& env) const;
    // At the effect: reads and decides, writes (its id is the next event id, `nextId`), applies a
    // projection. Returns false when the decision refused: the handling then emits nothing.
    bool apply(const Envelope& env, SimTime now, std::uint64_t nextId);

    const EntityStore* store() const { return store_.get(); }
    EntityStore* store() { return store_.get(); }
    ReadModel* readModel() { return model_.get(); }
    const ReadModel* readModel() const { return model_.get(); }
    const ReadSpec& reads() const { return reads_; }
    const DecisionCounts& decisions() const { return decisions_; }

private:
    const ServiceSpec& spec_;
    std::unique_ptr<EntityStore> store_;
    std::unique_ptr<ReadModel> model_;
    Distribution dbCommit_;
    std::vector<std::optional<std::int64_t>> writeByType_; // indexed by the world's type index
    ReadSpec reads_;
    std::vector<bool> decidesByType_; // indexed by type; empty: every handled type decides
    const ReadModel* readFromModel_ = nullptr; // the read model read, or
    const EntityStore* readFromStore_ = nullptr; // the write model read (strongly consistent)
    DecisionCounts decisions_;
};

} // namespace es

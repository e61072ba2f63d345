#pragma once
// An orchestrated saga's coordinator (docs/scenario-format.md, "Orchestrated sagas"): the state
// machine its consumer runs on every event it handles. Each saga (one per start event, by
// correlation id) is waiting for one step's reply, or compensating: waiting for one undo's reply
// while it walks the steps done back in reverse. A saga holds its flow open (EndToEndTracker::join),
// so a command lost on the way ends in a timeout and a compensation, not in a flow that quietly ends.
//
// Its sagas live in memory, or (`persisted`) in the service's database: then each transition commits
// before its command goes out (the consumer's db_commit), and a crash of every instance pauses the
// reply timers until an instance is back, when overdue ones fire at once. In memory, a crash loses
// every saga in flight: its flow is let go and ends with neither outcome (stuck), and the replies that
// still arrive find nobody waiting (stale).
#include "kernel/Simulation.h"
#include "model/Envelope.h"
#include "scenario/Scenario.h"

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace es {

class World;

class Orchestrator final : public Component {
public:
    Orchestrator(World& world, const ServiceSpec& service, std::uint16_t serviceIndex);

    // The consumer handled the event in `slot` (its effect): a start begins a saga, a reply moves one on.
    void handled(std::uint32_t slot);
    // The commit of a transition before it takes effect (null: in memory, or no commit time).
    const Distribution* commit() const;
    // The consumer's instances went down / one came back (`up` instances now up).
    void instanceDown(int up);
    void instanceUp();
    void handle(const Event& ev) override; // a step's reply timer

    struct Counts {
        std::uint64_t started = 0, completed = 0, compensated = 0, gaveUp = 0, lost = 0;
        std::uint64_t commands = 0, undos = 0, timeouts = 0, undoResent = 0;
        std::uint64_t staleReplies = 0, duplicateStarts = 0, resumed = 0;
    };
    const Counts& counts() const { return counts_; }
    std::size_t live() const { return bySaga_.size(); } // sagas it holds now
    bool persisted() const { return spec_.persisted; }
    const OrchestratorSpec& spec() const { return spec_; }
    // Live sagas by state for the inspector: waiting for step i's reply (i < steps) or compensating.
    std::vector<std::uint64_t> waitingPerStep() const;
    std::uint64_t compensating() const;

private:
    enum Kind : std::uint32_t { kTimeout = 1 };
    struct Saga {
        std::uint64_t correlation = 0;
        Envelope base;                // key and correlation of the commands it sends
        std::uint32_t flow = UINT32_MAX, flowGeneration = 0;
        int step = 0;                 // the step whose reply (or, compensating, whose undo's reply) it waits for
        bool compensating = false;
        int undoTries = 0;
        SimTime deadline = 0;
        EventHandle timer;
        std::uint32_t generation = 0; // bumped on reuse: a timer of an earlier saga in this slot is stale
        bool live = false;
        std::uint32_t nextFree = UINT32_MAX;
    };
    struct StepTypes {
        std::uint16_t command = 0, reply = 0, undo = 0, undone = 0;
        std::vector<std::uint16_t> failures;
        bool hasUndo = false;
    };

    void start(std::uint32_t slot, const Envelope& env);
    void send(std::uint32_t saga, std::uint16_t type, const std::string& to, std::uint32_t parentSlot);
    void arm(std::uint32_t saga);
    void compensateFrom(std::uint32_t saga, int step, std::uint32_t parentSlot);
    void finish(std::uint32_t saga, bool completed, std::uint32_t parentSlot);
    void release(std::uint32_t saga); // lets its flow go and frees the slot
    void timedOut(std::uint32_t saga);

    World& world_;
    OrchestratorSpec spec_;
    std::uint16_t serviceIndex_;
    std::uint16_t starts_ = 0, completes_ = 0, compensated_ = 0;
    std::vector<StepTypes> steps_;
    std::vector<Saga> sagas_;
    std::uint32_t freeHead_ = UINT32_MAX;
    std::unordered_map<std::uint64_t, std::uint32_t> bySaga_; // correlation id -> slot
    bool paused_ = false; // persisted, every instance down: timers wait for the restart
    Counts counts_;
};

} // namespace es

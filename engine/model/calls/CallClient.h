#pragma once
// The caller's side of synchronous calls, one per calling party (a service, or the users of an entry
// service): for each group of calls an owner starts (one after the other, or all at once), it sends
// each call to the callee's server, waits at most the policy's timeout, retries failures with
// exponential backoff (optionally with full jitter), fails fast while a dependency's circuit breaker
// is open or its bulkhead is full, and tells the owner when the group is over. A call the caller gave
// up on stays with the callee, which finishes it anyway: its answer arrives stale and is ignored.
#include "kernel/Simulation.h"
#include "model/calls/CallTypes.h"
#include "model/calls/CircuitBreaker.h"
#include "random/RandomStream.h"
#include "scenario/Scenario.h"

#include <cstdint>
#include <string>
#include <vector>

namespace es {

class World;

class CallClient final : public Component {
public:
    static constexpr std::uint16_t kUsers = UINT16_MAX; // the caller is the users, not a service

    CallClient(World& world, std::string name, std::uint16_t callerService, const CallPolicySpec& policy, RandomStream rng);

    // Starts calls to the servers `targets` (service indices) on behalf of `owner`, which gets
    // callsDone(token, ...) once they are over (possibly before begin returns). Returns the group's id.
    std::uint32_t begin(CallOwner& owner, std::uint64_t token, const CallContext& ctx, const std::vector<std::uint16_t>& targets);
    // The owner is gone (it crashed): its calls still pending are abandoned and it is never answered.
    void abandon(std::uint32_t group);
    // The callee's answer to one call. False when the caller no longer waits for it (it timed out or
    // was abandoned): the work was wasted.
    bool answer(const CallRef& call, CallCause cause);
    void handle(const Event& ev) override;

    std::uint16_t callerService() const { return caller_; }
    const CallPolicySpec& policy() const { return policy_; }

    // One dependency: the calls to one callee.
    struct Dependency {
        std::uint16_t target = 0;
        CircuitBreaker breaker;
        int inFlight = 0, maxInFlight = 0;
        std::uint64_t sent = 0, succeeded = 0, failed = 0, timeouts = 0, retries = 0, failedFast = 0;
    };
    const std::vector<Dependency>& dependencies() const { return deps_; }
    const Dependency* dependency(std::uint16_t target) const;
    std::uint64_t sent() const { return sent_; }
    std::uint64_t retries() const { return retries_; }
    std::uint64_t timeouts() const { return timeouts_; }
    std::uint64_t failedFast() const { return failedFast_; }
    std::size_t groupsInFlight() const { return liveGroups_; }

private:
    enum Kind : std::uint32_t { kTimeout = 1, kRetry = 2 };
    struct Group {
        CallOwner* owner = nullptr;
        std::uint64_t token = 0;
        CallContext ctx;
        std::vector<std::uint16_t> targets;
        std::size_t next = 0;         // sequential: the next target to call
        std::size_t outstanding = 0;  // parallel: calls not over yet
        CallCause cause = CallCause::None;
        std::uint32_t generation = 0;
        std::uint32_t nextFree = UINT32_MAX;
        bool live = false;
    };
    struct Call {
        std::uint32_t group = 0, groupGeneration = 0;
        std::uint16_t target = 0;
        std::size_t dep = 0;
        int attempt = 0;              // retries made so far
        std::uint64_t operation = 0;  // the same on every retry
        std::uint32_t generation = 0; // bumped on every send: an older attempt's answer is stale
        EventHandle timer;
        bool pending = false;         // sent and not answered, timed out or abandoned
        bool live = false;
        std::uint32_t nextFree = UINT32_MAX;
    };

    std::size_t depFor(std::uint16_t target);
    void startCall(std::uint32_t group, std::uint16_t target);
    void send(std::uint32_t call);
    void outcome(std::uint32_t call, CallCause cause);
    void callOver(std::uint32_t call, CallCause cause);
    void finishGroup(std::uint32_t group);
    SimTime backoffFor(int retry);
    std::uint32_t newGroup();
    std::uint32_t newCall();
    void freeCall(std::uint32_t call);

    World& world_;
    std::uint16_t caller_;
    CallPolicySpec policy_;
    RandomStream rng_;
    std::vector<Group> groups_;
    std::vector<Call> calls_;
    std::uint32_t freeGroup_ = UINT32_MAX, freeCall_ = UINT32_MAX;
    std::vector<Dependency> deps_;
    std::vector<std::size_t> depIndex_; // service index -> index in deps_ + 1 (0 = none yet)
    std::size_t liveGroups_ = 0;
    std::uint64_t sent_ = 0, retries_ = 0, timeouts_ = 0, failedFast_ = 0;
};

} // namespace es

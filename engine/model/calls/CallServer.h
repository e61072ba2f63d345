#pragma once
// The callee's side of synchronous calls: a service's server. It has instances × concurrency worker
// threads and a bounded backlog of waiting requests. A request that finds every thread busy waits in
// the backlog; one that finds the backlog full is rejected at once (503); one sent while the service
// is down is refused at once; one sent across a network partition is never seen (the caller times
// out). A thread is held for the service's own time and then for every call its handling makes
// (sequential calls add up, parallel ones take the slowest) — which is how threads run out and how a
// slow dependency spreads upstream. A request whose caller gave up is finished anyway (wasted work);
// a retried request applies its effect again unless the service is idempotent.
#include "kernel/Simulation.h"
#include "metrics/LatencyHistogram.h"
#include "metrics/TimeAverage.h"
#include "model/state/IdempotencyStore.h"
#include "model/RingBuffer.h"
#include "model/calls/CallTypes.h"
#include "random/RandomStream.h"
#include "scenario/Scenario.h"

#include <cstdint>
#include <string>
#include <vector>

namespace es {

class World;
class Producer;

class CallServer final : public Component, public CallOwner {
public:
    CallServer(World& world, const ServiceSpec& spec, std::uint16_t serviceIndex, RandomStream rng);

    // A call arrives from `fromService` (CallClient::kUsers for the users).
    void accept(const CallRef& call, const CallContext& ctx, std::uint16_t fromService);
    void handle(const Event& ev) override;
    void callsDone(std::uint64_t token, CallCause cause) override;

    // Events style, entry service: after its own work it publishes the producer's event (then answers).
    void setEntryProducer(Producer* p) { entry_ = p; }

    // Failure injection (composition as for consumers: crashes nest, see FailureInjector).
    void holdDown(int instance);
    void releaseHold(int instance);
    void setSlowdown(double factor, SimTime extra) { slowFactor_ = factor; slowExtra_ = extra; }
    void setExtraErrorRate(double p) { extraErrorRate_ = p; }
    bool isDown() const { return upInstances_ == 0; }
    double slowFactor() const { return slowFactor_; }
    SimTime slowExtra() const { return slowExtra_; }

    const ServerSpec& spec() const { return spec_; }
    std::uint16_t serviceIndex() const { return serviceIndex_; }
    int threads() const { return static_cast<int>(threadTask_.size()); }
    int busyThreads() const { return busy_; }
    std::size_t backlog() const { return backlog_.size(); }
    double averageBusy(SimTime now) const { return busyAvg_.average(now, static_cast<std::uint64_t>(busy_)); }
    double averageBacklog(SimTime now) const { return backlogAvg_.average(now, backlog_.size()); }
    int maxBusy() const { return maxBusy_; }
    std::size_t maxBacklog() const { return maxBacklog_; }
    std::uint16_t maxDepth() const { return maxDepth_; }

    struct Counters {
        std::uint64_t received = 0, accepted = 0, rejected = 0, refused = 0, unreachable = 0;
        std::uint64_t succeeded = 0, failed = 0, killed = 0; // answered ok / with an error / lost in a crash
        std::uint64_t wasted = 0;        // finished after the caller had given up
        double wastedSeconds = 0;        // thread time those took
        std::uint64_t effects = 0, duplicateEffects = 0, deduplicated = 0;
    };
    const Counters& counters() const { return n_; }
    // Request time at this server (accepted -> answered), for successful requests.
    const LatencyHistogram& responseTime() const { return response_; }

private:
    enum Kind : std::uint32_t { kOwnDone = 1 };
    enum class TaskState : std::uint8_t { Free, Waiting, Working, Calling };
    struct Task {
        CallRef caller;
        CallContext ctx;
        TaskState state = TaskState::Free;
        std::uint32_t thread = UINT32_MAX;
        std::uint32_t group = UINT32_MAX; // its calls, while Calling
        std::uint32_t generation = 0;
        std::uint32_t nextFree = UINT32_MAX;
        SimTime acceptedAt = 0, startedAt = 0;
        EventHandle timer;
    };
    struct Instance {
        int holds = 0;
        bool up = true;
    };

    std::uint32_t newTask();
    void startOn(std::uint32_t task, std::uint32_t thread);
    void ownWorkDone(std::uint32_t task);
    void succeed(std::uint32_t task);
    void finish(std::uint32_t task, CallCause cause);
    void freeThread(std::uint32_t thread);
    void releaseTask(std::uint32_t task);
    void setBusy(int delta);
    void crash(int instance);
    void restart(int instance);
    void refuseBacklog();

    World& world_;
    ServerSpec spec_;
    std::uint16_t serviceIndex_;
    RandomStream rng_;
    Producer* entry_ = nullptr;
    std::vector<Task> tasks_;
    std::uint32_t freeTask_ = UINT32_MAX;
    std::vector<std::uint32_t> threadTask_;  // thread -> task (UINT32_MAX = idle)
    std::vector<std::uint32_t> idleThreads_; // a stack, of threads on instances that are up
    std::vector<Instance> instances_;
    int allHolds_ = 0, upInstances_ = 0;
    RingBuffer<std::uint32_t> backlog_;
    std::vector<std::uint16_t> targets_; // scratch: the calls of one handling
    IdempotencyStore seen_;              // operations whose effect was applied (duplicates and dedup)
    double slowFactor_ = 1;
    SimTime slowExtra_ = 0;
    double extraErrorRate_ = 0;
    int busy_ = 0, maxBusy_ = 0;
    std::size_t maxBacklog_ = 0;
    std::uint16_t maxDepth_ = 0;
    TimeAverage busyAvg_, backlogAvg_;
    Counters n_;
    LatencyHistogram response_;
};

} // namespace es

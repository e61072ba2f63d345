#pragma once
// A service that consumes: instances × workers that take deliveries from one source, spend service
// time, fail or succeed, retry with exponential backoff and full jitter, apply their effect (once,
// if an idempotency store is on), emit follow-up events, and acknowledge before processing
// (at-most-once) or after (at-least-once). It is also a Receiver, for push deliveries from a topic
// or a bus into its inbox.
#include "metrics/LatencyHistogram.h"
#include "model/state/IdempotencyStore.h"
#include "model/state/ServiceState.h"
#include "model/Receiver.h"
#include "model/calls/CallTypes.h"
#include "random/RandomStream.h"
#include "scenario/Scenario.h"

#include <memory>
#include <vector>

namespace es {

class Orchestrator;
class World;

class ConsumerService final : public Receiver, public CallOwner {
public:
    ConsumerService(World& world, const ServiceSpec& spec, int sink, DeliveryMode defaultDelivery);
    ~ConsumerService() override;

    void handle(const Event& ev) override;
    void receive(std::uint32_t eventSlot) override;   // push delivery into the inbox
    // The calls a handling makes (`calls:`, e.g. a thin event's callback to its producer) are over.
    void callsDone(std::uint64_t token, CallCause cause) override;
    std::uint64_t heldRefs() const override;

    void setSource(MessageSource* source) { source_ = source; }
    MessageSource* source() const { return source_; }
    // Starts workers on whatever is ready, on every instance (or on one instance).
    void wake();
    void wakeInstance(int instance);

    // Failure injection. A scheduled crash holds an instance (or every instance, -1) down; holds
    // nest: the instance comes back only when no crash covers it any more (and no crash before an
    // ack is still waiting out its restart time).
    void holdDown(int instance);
    void releaseHold(int instance);
    void setSlowdown(double factor, SimTime extra) { slowFactor_ = factor; slowExtra_ = extra; }
    double slowFactor() const { return slowFactor_; }
    SimTime slowExtra() const { return slowExtra_; }
    void setExtraErrorRate(double p) { extraErrorRate_ = p; }
    double extraErrorRate() const { return extraErrorRate_; }
    double crashBeforeAck() const { return crashBeforeAck_; }
    void setCrashBeforeAck(double p, SimTime restartAfter) { crashBeforeAck_ = p; crashRestartAfter_ = restartAfter; }

    // The broker this service consumes from (null for push-only services), for reachability.
    void setSourceBroker(const Receiver* broker) { sourceBroker_ = broker; }
    bool canReachSource() const;
    std::uint16_t serviceIndex() const { return serviceIndex_; }

    const ConsumerSpec& spec() const { return spec_; }
    int sink() const { return sink_; }
    DeliveryMode deliveryMode() const { return delivery_; }
    int instanceCount() const { return static_cast<int>(instances_.size()); }
    bool instanceUp(int i) const { return instances_[static_cast<std::size_t>(i)].up; }
    int busyWorkers() const { return busy_; }
    // Workers holding a message that failed and waiting out their backoff before the next attempt.
    int workersInBackoff() const { return inBackoff_; }
    int totalWorkers() const { return static_cast<int>(workers_.size()); }
    // Integral of busy workers over time (worker-nanoseconds), for utilisation.
    long double busyIntegral() const;

    const LatencyHistogram& latency() const { return latency_; }
    double meanWaitSeconds() const { return waits_ ? static_cast<double>(waitSum_) / static_cast<double>(waits_) * 1e-9 : 0; }
    std::uint64_t waitCount() const { return waits_; }
    std::uint64_t attempts() const { return attempts_; }
    std::uint64_t failedAttempts() const { return failedAttempts_; }
    std::uint64_t emitted() const { return emitted_; }
    std::uint64_t declined() const { return declined_; } // handlings refused by `declines`
    // Attempts per event version, where the service has version rules (`accepts`, `deploys`).
    struct VersionCounts {
        std::uint64_t attempts = 0, failed = 0, upcast = 0;
    };
    const std::vector<VersionCounts>& byVersion() const { return byVersion_; } // indexed by version
    bool readsVersions() const { return readsVersions_; } // it has version rules
    std::uint64_t maxLagMessages() const { return maxLag_; }
    void noteLag(std::uint64_t lag) { if (lag > maxLag_) maxLag_ = lag; }
    // Lag in seconds (age of the oldest record not yet taken) is read at each sample: its maximum is
    // the largest sampled value, the same the lag-seconds chart draws.
    double maxLagSeconds() const { return maxLagSeconds_; }
    void noteLagSeconds(double s) { if (s > maxLagSeconds_) maxLagSeconds_ = s; }
    // The sink's effects, in time order, are also counted per sampling interval by the sampler.
    std::uint64_t firstEffects() const { return firstEffects_; }
    // What it owns, projects and reads (null when the service has no state keys).
    ServiceState* state() const { return state_.get(); }
    // Its saga coordinator, when it orchestrates one (null otherwise).
    const Orchestrator* orchestrator() const { return orchestrator_.get(); }

private:
    enum Kind : std::uint32_t { kServiceDone = 1, kRetryReady = 2, kAckDone = 3, kRestart = 4, kCommitDone = 5 };
    enum class WorkerState : std::uint8_t { Idle, Processing, Calling, Backoff, Acking, Down };
    struct Worker {
        int instance = 0;
        WorkerState state = WorkerState::Idle;
        int attempt = 0;
        Delivery delivery;
        EventHandle timer;
        std::uint32_t callGroup = UINT32_MAX; // while Calling: its calls in the service's CallClient
    };
    struct Instance {
        bool up = true;
        int holds = 0;        // scheduled crashes of this instance alone that are in force
        bool ackCrash = false; // down after a crash before an ack, until its restart time
        std::vector<std::uint32_t> idle; // worker indices, used as a stack
    };
    class Inbox;

    void crash(int instance);
    void restart(int instance);
    void restartIfFree(int instance);
    // Starts the instance's idle workers; false when the source had nothing left for it.
    bool fill(int instance);
    bool startOne(int instance);
    void beginAttempt(std::uint32_t w);
    void finishAttempt(std::uint32_t w);
    void attemptFailed(std::uint32_t w);
    void attemptSucceeded(std::uint32_t w);
    // A handling that writes state commits it (db_commit) before its effect; a crash meanwhile loses
    // the uncommitted write with the rest of the attempt.
    void commitThenSucceed(std::uint32_t w);
    void applyEffect(const Delivery& d);
    bool canReachEmitTargets() const;
    void acknowledgeOrLose(std::uint32_t w);
    bool readsVersion(std::uint16_t version); // counts the attempt by version; false: it cannot read it
    // The follow-ups of `emits` (or of `on_refusal`) whose `on` admits the handled event's type.
    void emitFollowUps(std::uint32_t parentSlot, const std::vector<EmitSpec>& emits,
                       const std::vector<std::vector<std::uint16_t>>& on);
    void release(std::uint32_t w);
    void setBusy(int delta);
    SimTime backoffFor(int retry);

    World& world_;
    ConsumerSpec spec_;
    int sink_;
    std::uint16_t serviceIndex_;
    DeliveryMode delivery_;
    MessageSource* source_ = nullptr;
    std::unique_ptr<Inbox> inbox_;
    RandomStream rng_;
    std::vector<Worker> workers_;
    int inBackoff_ = 0;
    // Every change of a worker's state goes through here, so the backoff count stays exact.
    void setState(Worker& w, WorkerState s)
    {
        inBackoff_ += (s == WorkerState::Backoff) - (w.state == WorkerState::Backoff);
        w.state = s;
    }
    std::vector<Instance> instances_;
    int allHolds_ = 0; // scheduled crashes of every instance that are in force
    std::unique_ptr<IdempotencyStore> idempotency_;
    std::unique_ptr<ServiceState> state_;
    std::unique_ptr<Orchestrator> orchestrator_;

    double slowFactor_ = 1;
    SimTime slowExtra_ = 0;
    double extraErrorRate_ = 0;
    double crashBeforeAck_ = 0;
    SimTime crashRestartAfter_ = kSecond;
    const Receiver* sourceBroker_ = nullptr;
    std::vector<Receiver*> emitTargets_;
    std::vector<std::uint16_t> callTargets_; // scratch: the calls of one handling

    int busy_ = 0;
    SimTime busySince_ = 0;
    long double busyIntegral_ = 0;
    LatencyHistogram latency_;
    std::uint64_t waitSum_ = 0, waits_ = 0;
    std::uint64_t attempts_ = 0, failedAttempts_ = 0, emitted_ = 0, firstEffects_ = 0, declined_ = 0;
    std::vector<std::vector<std::uint16_t>> emitsOn_, refusalOn_; // interned `on:` types per emit
    bool readsVersions_ = false;
    std::vector<VersionCounts> byVersion_;
    std::uint64_t maxLag_ = 0;
    double maxLagSeconds_ = 0;
};

} // namespace es

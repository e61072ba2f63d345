#include "model/services/ConsumerService.h"

#include "model/RingBuffer.h"
#include "model/World.h"
#include "model/calls/CallClient.h"
#include "model/sagas/Orchestrator.h"

#include <algorithm>
#include <cmath>

namespace es {

// Push deliveries (from a topic subscription or a bus rule) wait in the service's inbox, as
// asynchronous invocations wait in a serverless platform's internal queue. Nothing is redelivered:
// a delivery held by a crashing instance is lost (dropped), one that keeps failing is dead-lettered.
class ConsumerService::Inbox final : public MessageSource {
public:
    Inbox(ConsumerService& owner) : owner_(owner) {}

    void push(std::uint32_t slot, SimTime now) { items_.push_back({slot, now}); }
    bool take(int, Delivery& out) override
    {
        if (items_.empty()) return false;
        out = Delivery{};
        out.eventSlot = items_.front().first;
        out.availableAt = items_.front().second;
        items_.pop_front();
        ++inProcess_;
        return true;
    }
    void acknowledge(const Delivery& d) override { done(d); }
    void giveUp(const Delivery& d) override
    {
        store().markDeadLettered(d.eventSlot, owner_.sink());
        owner_.world_.recordHopAt(d.eventSlot, owner_, HopKind::DeadLetter);
        done(d);
    }
    void abandon(const Delivery& d) override
    {
        store().markDropped(d.eventSlot, owner_.sink());
        owner_.world_.recordHopAt(d.eventSlot, owner_, HopKind::Dropped);
        done(d);
    }
    void instanceUp(int) override {}
    void instanceDown(int) override {}
    std::uint64_t lagMessages() const override { return items_.size(); }
    SimTime oldestWaitingCreated() const override
    {
        return items_.empty() ? kNever : store().envelope(items_.front().first).created;
    }
    std::uint64_t heldRefs() const { return items_.size() + inProcess_; }

private:
    EventStore& store() const { return owner_.world_.store(); }
    void done(const Delivery& d)
    {
        --inProcess_;
        store().release(d.eventSlot);
    }
    ConsumerService& owner_;
    RingBuffer<std::pair<std::uint32_t, SimTime>> items_;
    std::uint64_t inProcess_ = 0;
};

ConsumerService::ConsumerService(World& world, const ServiceSpec& spec, int sink, DeliveryMode defaultDelivery)
    : Receiver(world.sim(), spec.name), world_(world), spec_(*spec.consumer), sink_(sink),
      serviceIndex_(world.serviceIndex(spec.name)), delivery_(spec.consumer->delivery.value_or(defaultDelivery)),
      rng_(world.stream(spec.name))
{
    const int n = std::max(1, spec_.instances);
    const int c = std::max(1, spec_.concurrency);
    instances_.resize(static_cast<std::size_t>(n));
    workers_.resize(static_cast<std::size_t>(n * c));
    for (int i = 0; i < n; ++i) {
        // Pushed in reverse so that worker 0 of each instance is used first (stack order).
        for (int k = c - 1; k >= 0; --k) {
            const auto w = static_cast<std::uint32_t>(i * c + k);
            workers_[w].instance = i;
            instances_[static_cast<std::size_t>(i)].idle.push_back(w);
        }
    }
    if (spec_.idempotent) idempotency_ = std::make_unique<IdempotencyStore>(spec_.idempotencyTtl);
    if (spec.state.enabled || !spec.projects.empty() || spec.reads.enabled)
        state_ = std::make_unique<ServiceState>(world, spec);
    if (spec.orchestrates) orchestrator_ = std::make_unique<Orchestrator>(world, spec, serviceIndex_);
    auto internOn = [&world](const std::vector<EmitSpec>& list) {
        std::vector<std::vector<std::uint16_t>> out;
        for (const EmitSpec& e : list) {
            out.emplace_back();
            for (const std::string& t : e.on) out.back().push_back(world.internType(t));
        }
        return out;
    };
    emitsOn_ = internOn(spec_.emits);
    readsVersions_ = !spec_.accepts.empty() || !spec_.deploys.empty();
    refusalOn_ = internOn(spec_.onRefusal);
}

ConsumerService::~ConsumerService() = default;

void ConsumerService::receive(std::uint32_t slot)
{
    if (!inbox_) {
        inbox_ = std::make_unique<Inbox>(*this);
        if (!source_) source_ = inbox_.get();
    }
    world_.store().addRef(slot);
    world_.store().reach(slot, sink_);
    inbox_->push(slot, sim_.now());
    noteLag(inbox_->lagMessages());
    wake();
}

std::uint64_t ConsumerService::heldRefs() const
{
    return (inbox_ ? inbox_->heldRefs() : 0) + static_cast<std::uint64_t>(busy_); // each busy worker holds one
}

void ConsumerService::wake()
{
    if (!source_) return;
    const int n = instanceCount();
    // Every instance in order (instance 0 first, as before: the old round-robin cursor went a full
    // turn on every wake, so it always started there). When the source is the same for every
    // instance and one instance with an idle worker found nothing, the others would find nothing
    // either: stop there, so that a wake costs the work started, not the number of instances
    // (10,000 instances made every arrival cost 10,000 look-ups).
    const bool shared = source_->sameForEveryInstance();
    for (int i = 0; i < n; ++i)
        if (!fill(i) && shared) break;
}

void ConsumerService::wakeInstance(int instance) { fill(instance); }

bool ConsumerService::fill(int instance)
{
    Instance& inst = instances_[static_cast<std::size_t>(instance)];
    if (!source_ || !inst.up) return true;
    while (!inst.idle.empty())
        if (!startOne(instance)) return false; // the source has nothing for this instance (or is unreachable)
    return true;
}

bool ConsumerService::startOne(int instance)
{
    Instance& inst = instances_[static_cast<std::size_t>(instance)];
    const std::uint32_t w = inst.idle.back();
    Worker& worker = workers_[w];
    if (!canReachSource() || !source_->take(instance, worker.delivery)) return false;
    inst.idle.pop_back();
    worker.attempt = 0;
    setBusy(+1);
    // The worker holds its own reference: the source may let go of its copy (at-most-once) while the
    // work goes on.
    world_.store().addRef(worker.delivery.eventSlot);
    // At-most-once: the message is acknowledged before any work, so a crash from here on loses it.
    if (delivery_ == DeliveryMode::AtMostOnce) source_->acknowledge(worker.delivery);
    // A pull from a queue or a log moves the copy along the consume edge (a push into the inbox was
    // seen as the router's hop already).
    if (sourceBroker_ && world_.recordsHops()) {
        const std::uint32_t slot = worker.delivery.eventSlot;
        const auto attempt = static_cast<std::uint16_t>(std::clamp<std::uint32_t>(worker.delivery.receipt, 1, UINT16_MAX));
        const HopKind kind = worker.delivery.duplicateCopy || world_.store().isApplied(slot, sink_) ? HopKind::Duplicate
                             : attempt > 1                         ? HopKind::Redelivery
                                                                   : HopKind::Deliver;
        world_.recordHop(slot, *sourceBroker_, *this, kind, attempt);
    }
    const SimTime wait = sim_.now() - worker.delivery.availableAt;
    waitSum_ += static_cast<std::uint64_t>(std::max<SimTime>(0, wait));
    ++waits_;
    beginAttempt(w);
    return true;
}

void ConsumerService::beginAttempt(std::uint32_t w)
{
    Worker& worker = workers_[w];
    setState(worker, WorkerState::Processing);
    ++attempts_;
    SimTime t = spec_.serviceTime.sampleTime(rng_);
    if (slowFactor_ != 1) t = scaleTime(t, slowFactor_);
    t = addTime(t, slowExtra_); // saturating: a draw beyond the clock's range never completes
    worker.timer = sim_.scheduleIn(t, *this, kServiceDone, w);
}

void ConsumerService::handle(const Event& ev)
{
    const auto w = static_cast<std::uint32_t>(ev.a);
    switch (ev.kind) {
    case kServiceDone:
        finishAttempt(w);
        break;
    case kRetryReady:
        beginAttempt(w);
        break;
    case kAckDone:
        acknowledgeOrLose(w);
        release(w);
        break;
    case kCommitDone:
        attemptSucceeded(w);
        break;
    case kRestart:
        instances_[ev.a].ackCrash = false;
        restartIfFree(static_cast<int>(ev.a));
        break;
    default:
        break;
    }
}

void ConsumerService::finishAttempt(std::uint32_t w)
{
    Worker& worker = workers_[w];
    const double p = std::min(1.0, spec_.errorRate + extraErrorRate_);
    // A poison message fails every time; so does an attempt whose follow-up events cannot be sent.
    const Envelope& handled = world_.store().envelope(worker.delivery.eventSlot);
    const bool poison = handled.flags & kPoison;
    // A version its handler cannot read fails the attempt every time (until a deploy makes it readable).
    if (readsVersions_ && !readsVersion(handled.version)) {
        attemptFailed(w);
        return;
    }
    if (rng_.bernoulli(p) || poison || !canReachEmitTargets()) {
        attemptFailed(w);
        return;
    }
    // Calls the handling makes (a thin event's callback): the worker waits for them, and a failed call
    // fails the attempt like an error would.
    if (CallClient* client = world_.callClient(serviceIndex_)) {
        world_.callTargets(serviceIndex_, world_.store().envelope(worker.delivery.eventSlot), callTargets_);
        if (!callTargets_.empty()) {
            setState(worker, WorkerState::Calling);
            CallContext ctx;
            ctx.env = world_.store().envelope(worker.delivery.eventSlot);
            ctx.requestId = ctx.env.correlationId;
            const std::uint32_t group = client->begin(*this, w, ctx, callTargets_);
            if (workers_[w].state == WorkerState::Calling) workers_[w].callGroup = group;
            return;
        }
    }
    commitThenSucceed(w);
}

bool ConsumerService::readsVersion(std::uint16_t version)
{
    const std::vector<int>* accepts = &spec_.accepts;
    for (const ReaderDeploy& d : spec_.deploys)
        if (d.at <= sim_.now()) accepts = &d.accepts;
    if (byVersion_.size() <= version) byVersion_.resize(version + std::size_t{1});
    VersionCounts& c = byVersion_[version];
    ++c.attempts;
    if (accepts->empty() || std::count(accepts->begin(), accepts->end(), version)) return true;
    if (std::count(spec_.upcasts.begin(), spec_.upcasts.end(), version)) {
        ++c.upcast;
        return true;
    }
    ++c.failed;
    return false;
}

void ConsumerService::commitThenSucceed(std::uint32_t w)
{
    // A write (state) or a saga's transition (a persisted orchestrator) commits first.
    const Distribution* commit = state_ ? state_->commitFor(world_.store().envelope(workers_[w].delivery.eventSlot)) : nullptr;
    if (!commit && orchestrator_) commit = orchestrator_->commit();
    if (commit) {
        const SimTime t = commit->sampleTime(rng_);
        if (t > 0) {
            workers_[w].timer = sim_.scheduleIn(t, *this, kCommitDone, w);
            return;
        }
    }
    attemptSucceeded(w);
}

void ConsumerService::callsDone(std::uint64_t token, CallCause cause)
{
    const auto w = static_cast<std::uint32_t>(token);
    if (w >= workers_.size() || workers_[w].state != WorkerState::Calling) return;
    workers_[w].callGroup = UINT32_MAX;
    setState(workers_[w], WorkerState::Processing);
    if (cause == CallCause::None) commitThenSucceed(w);
    else attemptFailed(w);
}

void ConsumerService::attemptFailed(std::uint32_t w)
{
    Worker& worker = workers_[w];
    ++failedAttempts_;
    EventStore& store = world_.store();
    store.note(Outcome::AttemptFailed, worker.delivery.eventSlot, static_cast<std::uint64_t>(worker.attempt));
    world_.recordStep(worker.delivery.eventSlot, *this, StepKind::AttemptFailed, static_cast<std::uint64_t>(worker.attempt) + 1);
    if (worker.attempt < spec_.retry.maxRetries) {
        ++worker.attempt;
        setState(worker, WorkerState::Backoff);
        const SimTime backoff = backoffFor(worker.attempt);
        store.note(Outcome::RetryScheduled, worker.delivery.eventSlot, static_cast<std::uint64_t>(backoff));
        world_.recordStep(worker.delivery.eventSlot, *this, StepKind::RetryScheduled, static_cast<std::uint64_t>(backoff));
        worker.timer = sim_.scheduleIn(backoff, *this, kRetryReady, w);
        return;
    }
    if (delivery_ == DeliveryMode::AtMostOnce) {
        world_.store().markDropped(worker.delivery.eventSlot, sink_); // acknowledged on receipt: lost
        world_.recordHopAt(worker.delivery.eventSlot, *this, HopKind::Dropped);
    } else
        source_->giveUp(worker.delivery);
    release(w);
}

void ConsumerService::attemptSucceeded(std::uint32_t w)
{
    Worker& worker = workers_[w];
    applyEffect(worker.delivery);
    if (delivery_ == DeliveryMode::AtMostOnce) {
        release(w);
        return;
    }
    if (crashBeforeAck_ > 0 && rng_.bernoulli(crashBeforeAck_)) {
        // The effect happened, the ack never will: the broker hands the message out again.
        const int instance = worker.instance;
        crash(instance);
        instances_[static_cast<std::size_t>(instance)].ackCrash = true;
        sim_.scheduleIn(crashRestartAfter_, *this, kRestart, static_cast<std::uint64_t>(instance));
        return;
    }
    const SimTime ackDelay = spec_.ackLatency.sampleTime(rng_);
    if (ackDelay > 0) {
        setState(worker, WorkerState::Acking); // a crash now leaves an applied but unacknowledged message
        worker.timer = sim_.scheduleIn(ackDelay, *this, kAckDone, w);
        return;
    }
    acknowledgeOrLose(w);
    release(w);
}

// An ack that cannot reach the broker is lost: the queue redelivers after the visibility timeout,
// the log keeps the old committed offset.
void ConsumerService::acknowledgeOrLose(std::uint32_t w)
{
    const Delivery& d = workers_[w].delivery;
    const bool reached = canReachSource();
    world_.store().note(reached ? Outcome::Acked : Outcome::AckLost, d.eventSlot, static_cast<std::uint64_t>(sink_));
    if (reached) source_->acknowledge(d);
}

bool ConsumerService::canReachSource() const
{
    return !sourceBroker_ || world_.canReach(serviceIndex_, *sourceBroker_);
}

bool ConsumerService::canReachEmitTargets() const
{
    if (spec_.emits.empty()) return true;
    for (const EmitSpec& e : spec_.emits)
        if (!world_.canReach(serviceIndex_, *world_.receiver(e.to))) return false;
    return true;
}

void ConsumerService::applyEffect(const Delivery& d)
{
    EventStore& store = world_.store();
    const Envelope& env = store.envelope(d.eventSlot);
    if (idempotency_ && idempotency_->seenOrRecord(env.eventId, sim_.now())) {
        store.countDeduplicated(d.eventSlot, sink_);
        world_.recordStep(d.eventSlot, *this, StepKind::Deduplicated);
        return;
    }
    // Follow-ups first: they join the flow while the handled event still holds it open (applying the
    // effect may close the handled event, and with it a flow that has nothing else in flight).
    const SimTime created = env.created;
    // A business refusal (`declines`: a payment declined) writes nothing; otherwise the state reads
    // and decides, writes (identified by the id the first follow-up will carry) and projects. The
    // draw is made only where declines are set, so other services' random streams stay as they were.
    bool go = true;
    if (spec_.declines > 0 && rng_.uniform01() < spec_.declines) {
        go = false;
        ++declined_;
    } else if (state_) {
        go = state_->apply(env, sim_.now(), world_.eventsCreated() + 1);
    }
    // The journey says it was handled before the follow-ups it caused set off.
    if (world_.journeySink())
        world_.recordStep(d.eventSlot, *this, StepKind::Handled, !go ? 2 : store.isApplied(d.eventSlot, sink_) ? 1 : 0);
    if (go && orchestrator_) orchestrator_->handled(d.eventSlot); // the saga's state machine decides what it sends
    else if (go) emitFollowUps(d.eventSlot, spec_.emits, emitsOn_);
    else emitFollowUps(d.eventSlot, spec_.onRefusal, refusalOn_);
    if (store.markApplied(d.eventSlot, sink_)) {
        ++firstEffects_;
        latency_.record(sim_.now() - created);
    }
}

void ConsumerService::emitFollowUps(std::uint32_t parentSlot, const std::vector<EmitSpec>& emits,
                                    const std::vector<std::vector<std::uint16_t>>& on)
{
    for (std::size_t i = 0; i < emits.size(); ++i) {
        const EmitSpec& e = emits[i];
        const Envelope& parent = world_.store().envelope(parentSlot);
        if (!on[i].empty() && std::find(on[i].begin(), on[i].end(), parent.type) == on[i].end()) continue;
        Envelope env;
        env.eventId = world_.nextEventId();
        env.correlationId = parent.correlationId;
        env.causationId = parent.eventId;
        env.created = sim_.now();
        env.key = parent.key;
        env.type = world_.internType(e.type);
        env.version = static_cast<std::uint16_t>(e.version);
        env.source = serviceIndex_;
        const std::uint32_t slot = world_.store().create(env, parentSlot);
        world_.publish(slot, e.to);
        world_.store().release(slot);
        ++emitted_;
    }
}

void ConsumerService::release(std::uint32_t w)
{
    Worker& worker = workers_[w];
    setState(worker, WorkerState::Idle);
    worker.timer = EventHandle{};
    setBusy(-1);
    source_->finished(worker.delivery);
    world_.store().release(worker.delivery.eventSlot);
    Instance& inst = instances_[static_cast<std::size_t>(worker.instance)];
    inst.idle.push_back(w);
    wakeInstance(worker.instance);
}

SimTime ConsumerService::backoffFor(int retry)
{
    const RetrySpec& r = spec_.retry;
    double b = static_cast<double>(r.backoffBase) * std::pow(r.backoffMultiplier, retry - 1);
    b = std::min(b, static_cast<double>(r.backoffMax));
    if (r.jitter) b *= rng_.uniform01(); // full jitter: spreads retries so they do not arrive in lockstep
    return static_cast<SimTime>(b);
}

void ConsumerService::setBusy(int delta)
{
    const SimTime now = sim_.now();
    busyIntegral_ += static_cast<long double>(busy_) * static_cast<long double>(now - busySince_);
    busySince_ = now;
    busy_ += delta;
}

long double ConsumerService::busyIntegral() const
{
    return busyIntegral_ + static_cast<long double>(busy_) * static_cast<long double>(sim_.now() - busySince_);
}

void ConsumerService::holdDown(int instance)
{
    if (instance < 0) {
        if (++allHolds_ == 1)
            for (int i = 0; i < instanceCount(); ++i) crash(i);
        return;
    }
    ++instances_[static_cast<std::size_t>(instance)].holds;
    crash(instance);
}

void ConsumerService::releaseHold(int instance)
{
    if (instance < 0) {
        if (allHolds_ > 0 && --allHolds_ == 0)
            for (int i = 0; i < instanceCount(); ++i) restartIfFree(i);
        return;
    }
    Instance& inst = instances_[static_cast<std::size_t>(instance)];
    if (inst.holds > 0 && --inst.holds == 0) restartIfFree(instance);
}

void ConsumerService::restartIfFree(int instance)
{
    const Instance& inst = instances_[static_cast<std::size_t>(instance)];
    if (allHolds_ == 0 && inst.holds == 0 && !inst.ackCrash) restart(instance);
}

void ConsumerService::crash(int instance)
{
    Instance& inst = instances_[static_cast<std::size_t>(instance)];
    if (!inst.up) return;
    inst.up = false;
    // An instance's workers are contiguous: a crash costs its own concurrency, not the whole group's.
    const auto c = static_cast<std::uint32_t>(std::max(1, spec_.concurrency));
    const auto first = static_cast<std::uint32_t>(instance) * c;
    for (std::uint32_t w = first; w < first + c; ++w) {
        Worker& worker = workers_[w];
        if (worker.state == WorkerState::Idle) continue;
        sim_.cancel(worker.timer);
        if (worker.state == WorkerState::Calling && worker.callGroup != UINT32_MAX)
            world_.callClient(serviceIndex_)->abandon(worker.callGroup);
        worker.callGroup = UINT32_MAX;
        // Under at-most-once the message was acknowledged on receipt: if its effect was not applied
        // it is lost. Under at-least-once the source gets it back (visibility timeout, rebalance).
        if (delivery_ == DeliveryMode::AtMostOnce) {
            if (!world_.store().isApplied(worker.delivery.eventSlot, sink_)) {
                world_.store().markDropped(worker.delivery.eventSlot, sink_);
                world_.recordHopAt(worker.delivery.eventSlot, *this, HopKind::Dropped);
            }
        } else {
            source_->abandon(worker.delivery);
        }
        source_->finished(worker.delivery);
        world_.store().release(worker.delivery.eventSlot);
        setState(worker, WorkerState::Idle);
        worker.timer = EventHandle{};
        setBusy(-1);
    }
    inst.idle.clear();
    if (source_) source_->instanceDown(instance);
    if (orchestrator_) {
        int up = 0;
        for (const Instance& i : instances_) up += i.up;
        orchestrator_->instanceDown(up);
    }
}

void ConsumerService::restart(int instance)
{
    Instance& inst = instances_[static_cast<std::size_t>(instance)];
    if (inst.up) return;
    inst.up = true;
    inst.idle.clear();
    const int c = std::max(1, spec_.concurrency);
    for (int k = c - 1; k >= 0; --k) inst.idle.push_back(static_cast<std::uint32_t>(instance * c + k));
    if (orchestrator_) orchestrator_->instanceUp();
    if (source_) source_->instanceUp(instance);
    wakeInstance(instance);
}

} // namespace es

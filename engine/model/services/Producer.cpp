#include "model/services/Producer.h"

#include "model/EventStore.h"
#include "model/World.h"
#include "model/calls/CallTypes.h"
#include "model/calls/UserRequests.h"

#include <cmath>

namespace es {

Producer::Producer(World& world, const ServiceSpec& spec)
    : Component(world.sim(), spec.name + ".producer"), world_(world), spec_(*spec.producer),
      serviceIndex_(world.serviceIndex(spec.name)), type_(world.internType(spec_.type)),
      profile_(spec_.rate, spec_.rateChanges), arrivals_(world.stream(spec.name, 1)),
      content_(world.stream(spec.name, 2)), faults_(world.stream(spec.name, 3)), deploys_(world.stream(spec.name, 4))
{
    for (const auto& [name, values] : spec_.attributes) {
        std::vector<std::uint16_t> ids;
        for (const std::string& v : values) ids.push_back(world.internAttributeValue(v));
        attributes_.emplace_back(world.internAttributeName(name), std::move(ids));
    }
    if (spec_.keys.size() > 0) keySpace_ = static_cast<std::uint16_t>(world.keys().idOf(spec.name));
}

void Producer::start()
{
    target_ = world_.receiver(spec_.to);
    scheduleNextArrival();
    for (std::size_t b = 0; b < spec_.bursts.size(); ++b)
        if (spec_.bursts[b].size > 0) sim_.schedule(spec_.bursts[b].start, *this, kBurst, b);
}

void Producer::scheduleNextArrival()
{
    if (exhausted()) return;
    const SimTime from = std::max(sim_.now(), spec_.start);
    const double gap = spec_.process == ProducerSpec::Process::Poisson ? arrivals_.exponential(1.0) : 1.0;
    SimTime t;
    if (const double rate = profile_.constantRate(); rate > 0) {
        t = addTime(from, fromSeconds(gap / rate)); // relative nanoseconds: exact at any simulated time
    } else {
        const double at = profile_.advance(toSeconds(from), gap);
        if (!std::isfinite(at)) return;
        t = fromSeconds(at);
    }
    if (t >= spec_.stop) return;
    sim_.schedule(t, *this, kArrival);
}

void Producer::handle(const Event& ev)
{
    if (ev.kind == kArrival) {
        produceOne();
        scheduleNextArrival();
    } else if (ev.kind == kPublishTimeout) {
        expirePending();
    } else if (ev.kind == kCommitDone) {
        onCommitted(static_cast<SimTime>(ev.a), ev.b);
    } else if (ev.kind == kRelayTick) {
        relayTick();
    } else if (ev.kind == kBurst) {
        const BurstSpec& b = spec_.bursts[ev.a];
        if (b.every > 0 && addTime(sim_.now(), b.every) < spec_.stop) sim_.scheduleIn(b.every, *this, kBurst, ev.a);
        produceBurst(ev.a, b.size);
    } else if (ev.kind == kBurstMore) {
        produceBurst(ev.a, ev.b);
    }
}

// A burst is produced in chunks of events at the same simulated time, each chunk its own kernel
// event, so that one burst never becomes one unbounded step (a run can still be stopped inside it).
void Producer::produceBurst(std::uint64_t burst, std::uint64_t remaining)
{
    constexpr std::uint64_t kChunk = 1024;
    const std::uint64_t now = std::min(remaining, kChunk);
    for (std::uint64_t i = 0; i < now && !exhausted(); ++i) produceOne();
    if (remaining > now && !exhausted()) sim_.schedule(sim_.now(), *this, kBurstMore, burst, remaining - now);
}

void Producer::produceOne()
{
    ++requests_;
    if (users_) { // a user request: the entry service's server answers it (or refuses it, when down)
        users_->send(drawEnvelope(sim_.now()));
        return;
    }
    if (down_) { // a crashed producer creates nothing: the requests that would have made events fail
        ++skipped_;
        return;
    }
    if (spec_.publish == ProducerSpec::Publish::Direct) {
        publishNew(world_.store().create(makeEvent(sim_.now())));
        return;
    }
    // With a database, the request first commits its data (and, with an outbox, the event row).
    sim_.scheduleIn(spec_.dbCommit.sampleTime(faults_), *this, kCommitDone, static_cast<std::uint64_t>(sim_.now()), UINT64_MAX);
}

// Events style, after the entry server's own work: the request's event is published and joins the
// request's flow, so the flow's completion time runs from the user's request to the last effect.
void Producer::publishForRequest(const CallContext& ctx)
{
    const std::uint64_t flowRef = ctx.flow == UINT32_MAX ? UINT64_MAX
                                                         : (static_cast<std::uint64_t>(ctx.flowGeneration) << 32) | ctx.flow;
    if (spec_.publish != ProducerSpec::Publish::Direct) {
        if (flowRef != UINT64_MAX) world_.flows().join(ctx.flow); // held until the commit is done
        sim_.scheduleIn(spec_.dbCommit.sampleTime(faults_), *this, kCommitDone, static_cast<std::uint64_t>(sim_.now()), flowRef);
        return;
    }
    Envelope env = ctx.env;
    env.eventId = world_.nextEventId();
    env.correlationId = env.eventId;
    env.created = sim_.now();
    ++created_;
    publishNew(flowRef == UINT64_MAX ? world_.store().create(env) : world_.store().createInFlow(env, ctx.flow, ctx.flowGeneration));
}

Envelope Producer::makeEvent(SimTime created)
{
    Envelope env = drawEnvelope(created);
    ++created_;
    return env;
}

int Producer::versionFor(SimTime t)
{
    // A rolling deploy's share is drawn from a stream of its own: the producer's other draws stay
    // as they were without deploys.
    const double u = deploys_.uniform01();
    int v = spec_.version;
    for (const VersionDeploy& d : spec_.deploys) {
        if (d.at > t) break;
        if (d.share >= 1 || u < d.share) v = d.version;
    }
    return v;
}

Envelope Producer::drawEnvelope(SimTime created)
{
    Envelope env;
    env.eventId = world_.nextEventId();
    env.correlationId = env.eventId;
    env.created = created;
    env.type = type_;
    env.version = static_cast<std::uint16_t>(spec_.deploys.empty() ? spec_.version : versionFor(created));
    env.source = serviceIndex_;
    if (spec_.keys.size() > 0) {
        const KeySpace& space = world_.keys().space(keySpace_);
        const bool hot = spec_.hotKeyShare > 0 && content_.bernoulli(spec_.hotKeyShare);
        env.key = KeyRegistry::encode(keySpace_, hot ? 0 : space.draw(content_));
    }
    for (const auto& [name, values] : attributes_) {
        if (env.attributeCount >= env.attributeNames.size() || values.empty()) break;
        env.attributeNames[env.attributeCount] = name;
        env.attributeValues[env.attributeCount] = values[content_.below(values.size())];
        ++env.attributeCount;
    }
    if (poisonShare_ > 0 && content_.bernoulli(poisonShare_)) env.flags |= kPoison;
    if (poisonNext_ > 0) {
        --poisonNext_;
        env.flags |= kPoison;
    }
    return env;
}

void Producer::onCommitted(SimTime requested, std::uint64_t flowRef)
{
    ++dbWrites_;
    // A request's event joins the request's flow (the commit held it open until now).
    const auto flow = static_cast<std::uint32_t>(flowRef & 0xffffffffu);
    const auto flowGen = static_cast<std::uint32_t>(flowRef >> 32);
    auto create = [&](const Envelope& env) {
        return flowRef == UINT64_MAX ? world_.store().create(env) : world_.store().createInFlow(env, flow, flowGen);
    };
    struct Leave { // the commit's hold on the flow ends whatever happens next
        World& w;
        std::uint64_t ref;
        std::uint32_t flow;
        ~Leave() { if (ref != UINT64_MAX) w.flows().leave(flow); }
    } leave{world_, flowRef, flow};
    if (spec_.publish == ProducerSpec::Publish::DualWrite) {
        // The data is committed; the publish is a second, separate step. A crash in between loses
        // the event for good: nothing remembers that it was owed.
        if (crashAfterCommit_ > 0 && faults_.bernoulli(crashAfterCommit_)) {
            ++lostAfterCommit_;
            return;
        }
        publishNew(create(makeEvent(requested)));
        return;
    }
    // Outbox: the event row was committed with the data; the relay will publish it.
    outbox_.push_back(create(makeEvent(requested)));
    if (!sim_.isPending(relayTimer_)) relayTimer_ = sim_.scheduleIn(spec_.relayInterval, *this, kRelayTick);
}

// The relay publishes the outbox in order and then marks rows as sent. A crash between the two
// (the same failure, on the relay) publishes a row again on the next poll: at-least-once, never lost.
void Producer::relayTick()
{
    while (!outbox_.empty() && world_.canReach(serviceIndex_, *target_)) {
        const std::uint32_t slot = outbox_.front();
        send(slot, frontRepublished_ ? HopKind::Duplicate : HopKind::Deliver);
        ++published_;
        frontRepublished_ = crashAfterCommit_ > 0 && faults_.bernoulli(crashAfterCommit_);
        if (frontRepublished_) {
            ++relayRepublished_; // published, not marked: it goes out again next time
            break;
        }
        outbox_.pop_front();
        world_.store().release(slot);
    }
    if (!outbox_.empty()) relayTimer_ = sim_.scheduleIn(spec_.relayInterval, *this, kRelayTick);
}

void Producer::send(std::uint32_t slot, HopKind kind)
{
    world_.recordHop(slot, *this, *target_, kind);
    target_->receive(slot);
}

void Producer::publishNew(std::uint32_t slot)
{
    if (pending_.empty() && world_.canReach(serviceIndex_, *target_)) {
        send(slot, HopKind::Deliver);
        world_.store().release(slot);
        ++published_;
        return;
    }
    // The broker is unreachable: the client keeps the event (and its reference) and retries.
    pending_.push_back({slot, sim_.now()});
    if (!sim_.isPending(timeoutTimer_)) timeoutTimer_ = sim_.scheduleIn(spec_.publishTimeout, *this, kPublishTimeout);
}

void Producer::retryPending()
{
    while (!pending_.empty() && world_.canReach(serviceIndex_, *target_)) {
        const std::uint32_t slot = pending_.front().first;
        pending_.pop_front();
        send(slot, HopKind::Deliver);
        world_.store().release(slot);
        ++published_;
    }
}

void Producer::expirePending()
{
    retryPending();
    while (!pending_.empty() && sim_.now() - pending_.front().second >= spec_.publishTimeout) {
        world_.store().release(pending_.front().first); // reached no one: no obligation is left behind
        pending_.pop_front();
        ++publishFailed_;
    }
    if (!pending_.empty())
        timeoutTimer_ = sim_.schedule(addTime(pending_.front().second, spec_.publishTimeout), *this, kPublishTimeout);
}

} // namespace es

#include "model/Producer.h"

#include "model/EventStore.h"
#include "model/World.h"

#include <cmath>

namespace es {

Producer::Producer(World& world, const ServiceSpec& spec)
    : Component(world.sim(), spec.name + ".producer"), world_(world), spec_(*spec.producer),
      serviceIndex_(world.serviceIndex(spec.name)), type_(world.internType(spec_.type)),
      profile_(spec_.rate, spec_.rateChanges), arrivals_(world.stream(spec.name, 1)),
      content_(world.stream(spec.name, 2))
{
    for (const auto& [name, values] : spec_.attributes) {
        std::vector<std::uint16_t> ids;
        for (const std::string& v : values) ids.push_back(world.internAttributeValue(v));
        attributes_.emplace_back(world.internAttributeName(name), std::move(ids));
    }
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
        t = from + fromSeconds(gap / rate); // relative nanoseconds: exact at any simulated time
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
    } else if (ev.kind == kBurst) {
        const BurstSpec& b = spec_.bursts[ev.a];
        for (std::uint32_t i = 0; i < b.size && !exhausted(); ++i) produceOne();
        if (b.every > 0 && sim_.now() + b.every < spec_.stop) sim_.scheduleIn(b.every, *this, kBurst, ev.a);
    }
}

void Producer::produceOne()
{
    if (down_) { // a crashed producer creates nothing: the requests that would have made events fail
        ++skipped_;
        return;
    }
    Envelope env;
    env.eventId = world_.nextEventId();
    env.correlationId = env.eventId;
    env.created = sim_.now();
    env.type = type_;
    env.version = static_cast<std::uint16_t>(spec_.version);
    env.source = serviceIndex_;
    if (spec_.keys > 0)
        env.key = (spec_.hotKeyShare > 0 && content_.bernoulli(spec_.hotKeyShare)) ? 0 : content_.below(spec_.keys);
    for (const auto& [name, values] : attributes_) {
        if (env.attributeCount >= env.attributeNames.size() || values.empty()) break;
        env.attributeNames[env.attributeCount] = name;
        env.attributeValues[env.attributeCount] = values[content_.below(values.size())];
        ++env.attributeCount;
    }
    if (poisonShare_ > 0 && content_.bernoulli(poisonShare_)) env.flags |= kPoison;
    const std::uint32_t slot = world_.store().create(env);
    ++created_;
    if (pending_.empty() && world_.canReach(serviceIndex_, *target_)) {
        target_->receive(slot);
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
        target_->receive(slot);
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
        timeoutTimer_ = sim_.schedule(pending_.front().second + spec_.publishTimeout, *this, kPublishTimeout);
}

} // namespace es

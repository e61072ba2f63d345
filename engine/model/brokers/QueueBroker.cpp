#include "model/brokers/QueueBroker.h"

#include "model/services/ConsumerService.h"
#include "model/World.h"

namespace es {

// The one kernel timer of a queue's visibility deadlines (see QueueBroker::Deadline).
class QueueBroker::VisibilityTimer final : public Component {
public:
    VisibilityTimer(Simulation& sim, QueueBroker& queue) : Component(sim, queue.componentName() + ".visibility"), queue_(queue)
    {
        excludeFromDigest(); // an expiry is digested as the queue's own event (recordAsDispatched)
    }
    void handle(const Event& ev) override { queue_.onVisibilityTimer(ev.a); }

private:
    QueueBroker& queue_;
};

QueueBroker::QueueBroker(World& world, const BrokerSpec& spec)
    : Receiver(world.sim(), spec.name), world_(world), spec_(spec), faults_(world.stream(spec.name, 7)),
      latencyRng_(world.stream(spec.name, 8))
{
}

QueueBroker::~QueueBroker() = default;

void QueueBroker::setConsumer(ConsumerService* consumer, int sink)
{
    consumer_ = consumer;
    sink_ = sink;
}

void QueueBroker::receive(std::uint32_t eventSlot)
{
    // A real queue is not receivable the instant it is published to: the copy travels (and holds a
    // reference) for the queue's latency first. One branch when the queue has none.
    if (spec_.latency) {
        world_.store().addRef(eventSlot);
        ++inTransit_;
        sim_.scheduleIn(spec_.latency->sampleTime(latencyRng_), *this, kLatencyArrival, eventSlot);
        return;
    }
    arrive(eventSlot);
}

void QueueBroker::arrive(std::uint32_t eventSlot)
{
    if (faults_.active()) {
        SimTime delay = 0;
        switch (faults_.judge(delay)) {
        case LinkFaults::Verdict::Drop:
            world_.recordHopAt(eventSlot, *this, HopKind::Dropped);
            world_.store().reach(eventSlot, sink_);
            world_.store().markDropped(eventSlot, sink_);
            return;
        case LinkFaults::Verdict::Duplicate:
            world_.recordHopAt(eventSlot, *this, HopKind::Duplicate);
            enqueue(eventSlot);
            break;
        case LinkFaults::Verdict::Delay:
            world_.store().addRef(eventSlot);
            ++inTransit_;
            sim_.scheduleIn(delay, *this, kDelayedArrival, eventSlot);
            return;
        case LinkFaults::Verdict::Pass:
            break;
        }
    }
    enqueue(eventSlot);
}

void QueueBroker::enqueue(std::uint32_t eventSlot)
{
    std::uint32_t m;
    if (freeHead_ != UINT32_MAX) {
        m = freeHead_;
        freeHead_ = messages_[m].nextFree;
    } else {
        m = static_cast<std::uint32_t>(messages_.size());
        messages_.emplace_back();
    }
    Message& msg = messages_[m];
    msg = Message{};
    msg.eventSlot = eventSlot;
    msg.state = State::Visible;
    msg.arrived = sim_.now();
    msg.visibleSince = msg.arrived;
    world_.store().addRef(eventSlot);
    msg.duplicateCopy = !world_.store().reach(eventSlot, sink_);
    accumulate();
    ++live_;
    if (live_ > maxDepth_) maxDepth_ = live_;
    ready_.push_back(m);
    if (consumer_) {
        consumer_->noteLag(live_);
        consumer_->wake();
    }
}

bool QueueBroker::take(int, Delivery& out)
{
    accumulate();
    while (!ready_.empty()) {
        const std::uint32_t m = ready_.front();
        ready_.pop_front();
        Message& msg = messages_[m];
        // Redrive: this receive would exceed the limit, so the message goes to the dead-letter queue.
        if (spec_.maxReceives > 0 && msg.receiveCount >= static_cast<std::uint32_t>(spec_.maxReceives)) {
            world_.store().markDeadLettered(msg.eventSlot, sink_);
            world_.recordHopAt(msg.eventSlot, *this, HopKind::DeadLetter);
            ++deadLettered_;
            freeMessage(m);
            continue;
        }
        if (msg.receiveCount > 0) ++redeliveries_;
        ++msg.receiveCount;
        msg.state = State::InFlight;
        startVisibility(m);
        out = Delivery{};
        out.eventSlot = msg.eventSlot;
        out.handle = m;
        out.receipt = msg.receiveCount;
        out.availableAt = msg.visibleSince;
        out.duplicateCopy = msg.duplicateCopy;
        return true;
    }
    return false;
}

// A delete carries the receipt of the receive it answers; after a redelivery the old receipt is
// stale and the delete does nothing (the newer delivery still owns the message).
void QueueBroker::acknowledge(const Delivery& d)
{
    Message& msg = messages_[d.handle];
    if (msg.state != State::InFlight || msg.receiveCount != d.receipt || msg.eventSlot != d.eventSlot) {
        ++staleAcks_;
        return;
    }
    freeMessage(d.handle); // its deadline goes stale: skipped when reached, or compacted away
}

void QueueBroker::startVisibility(std::uint32_t m)
{
    Message& msg = messages_[m];
    msg.visibilityOrder = 0;
    const SimTime at = addTime(sim_.now(), spec_.visibilityTimeout);
    if (at >= kNever) return; // never expires (the kernel would not have stored such an event either)
    msg.visibilityOrder = sim_.reserveOrder();
    // Deadlines at the front whose message was deleted in time go now: with deletes in time the FIFO
    // then holds about the messages in flight, instead of growing to the compaction threshold and
    // being copied into a new ring (which grew again from 16 slots) every ~1,000 receives. The timer
    // may be armed for one of them: it then finds a later front when it fires and moves on to it, as
    // it does when its deadline goes stale in any other way.
    while (!deadlines_.empty() && !isLive(deadlines_.front())) deadlines_.pop_front();
    deadlines_.push_back(Deadline{at, msg.visibilityOrder, m, msg.receiveCount});
    if (!timer_) timer_ = std::make_unique<VisibilityTimer>(sim_, *this);
    if (!sim_.isPending(timerEvent_)) armTimer();
    else if (deadlines_.size() > 2 * inFlightCount() + 1024) compactDeadlines();
}

// Arms the timer at the first live deadline, in that deadline's reserved order.
void QueueBroker::armTimer()
{
    while (!deadlines_.empty() && !isLive(deadlines_.front())) deadlines_.pop_front();
    if (deadlines_.empty()) return;
    const Deadline& d = deadlines_.front();
    timerEvent_ = sim_.scheduleInOrder(d.at, *timer_, 0, d.order, 0, d.order);
}

// Keeps the live deadlines, in order. Runs when the stale ones are more than the live ones (plus a
// margin), so each deadline is copied a bounded number of times: O(1) per receive, amortised.
void QueueBroker::compactDeadlines()
{
    RingBuffer<Deadline> live;
    for (std::size_t i = 0; i < deadlines_.size(); ++i)
        if (isLive(deadlines_[i])) live.push_back(deadlines_[i]);
    deadlines_ = std::move(live);
}

void QueueBroker::onVisibilityTimer(std::uint64_t armedOrder)
{
    while (!deadlines_.empty() && !isLive(deadlines_.front())) deadlines_.pop_front();
    // The deadline the timer was armed for may have gone stale (deleted in time): then the timer
    // moves on to the next live one, and nothing happened here.
    if (!deadlines_.empty() && deadlines_.front().order == armedOrder) {
        const Deadline d = deadlines_.front();
        deadlines_.pop_front();
        // Digested and traced as the message's own expiry event, as when each message had one.
        sim_.recordAsDispatched(Event{sim_.now(), componentIndex(), kVisibilityExpired, d.message, d.receipt});
        expire(d.message); // a consumer woken by it may receive again, which arms the timer itself
    }
    if (!sim_.isPending(timerEvent_)) armTimer();
}

void QueueBroker::handle(const Event& ev)
{
    if (ev.kind == kLatencyArrival) {
        const auto slot = static_cast<std::uint32_t>(ev.a);
        --inTransit_;
        arrive(slot);
        world_.store().release(slot);
        return;
    }
    if (ev.kind == kDelayedArrival) {
        const auto slot = static_cast<std::uint32_t>(ev.a);
        --inTransit_;
        enqueue(slot);
        world_.store().release(slot);
    }
}

// The receive's visibility timeout passed without a delete: the message is visible again.
void QueueBroker::expire(std::uint32_t m)
{
    Message& msg = messages_[m];
    msg.state = State::Visible;
    msg.visibilityOrder = 0;
    msg.visibleSince = sim_.now(); // the wait of the next delivery starts now, not at the first arrival
    accumulate();
    ready_.push_back(m);
    if (consumer_) consumer_->wake();
}

void QueueBroker::freeMessage(std::uint32_t m)
{
    Message& msg = messages_[m];
    const std::uint32_t slot = msg.eventSlot;
    msg.state = State::Free;
    msg.nextFree = freeHead_;
    freeHead_ = m;
    accumulate();
    --live_;
    world_.store().release(slot);
}

SimTime QueueBroker::oldestWaitingCreated() const
{
    // The oldest message still waiting is at the front of the visible order or in flight; the front
    // is the useful figure for lag (messages in flight are being worked on).
    if (ready_.empty()) return kNever;
    return world_.store().envelope(messages_[ready_.front()].eventSlot).created;
}

} // namespace es

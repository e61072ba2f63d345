#include "model/brokers/QueueBroker.h"

#include "model/services/ConsumerService.h"
#include "model/World.h"

namespace es {

QueueBroker::QueueBroker(World& world, const BrokerSpec& spec)
    : Receiver(world.sim(), spec.name), world_(world), spec_(spec), faults_(world.stream(spec.name, 7)),
      latencyRng_(world.stream(spec.name, 8))
{
}

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
        msg.visibility = sim_.scheduleIn(spec_.visibilityTimeout, *this, kVisibilityExpired, m, msg.receiveCount);
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
    sim_.cancel(msg.visibility);
    freeMessage(d.handle);
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
        return;
    }
    if (ev.kind != kVisibilityExpired) return;
    Message& msg = messages_[static_cast<std::uint32_t>(ev.a)];
    if (msg.state != State::InFlight || msg.receiveCount != ev.b) return;
    msg.state = State::Visible;
    msg.visibility = EventHandle{};
    msg.visibleSince = sim_.now(); // the wait of the next delivery starts now, not at the first arrival
    accumulate();
    ready_.push_back(static_cast<std::uint32_t>(ev.a));
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

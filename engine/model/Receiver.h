#pragma once
// The seams between the pipeline's parts.
// - Receiver: anything a copy of an event can be handed to (a broker, or a service that takes push
//   deliveries from a topic or a bus). It takes its own reference on the event if it keeps a copy.
// - MessageSource: where a consumer service gets its work (a queue, its group on a log, its inbox),
//   with the four outcomes a delivery can have.
#include "kernel/Simulation.h"

#include <cstdint>

namespace es {

class Receiver : public Component {
public:
    virtual void receive(std::uint32_t eventSlot) = 0;
    // References this component holds on events (for the conservation cross-check).
    virtual std::uint64_t heldRefs() const = 0;

    // A broker outage: clients can neither publish, receive, acknowledge nor commit. Copies that
    // other brokers forward (a topic into a subscribed queue) still land: providers retry those.
    void setDown(bool down) { down_ = down; }
    bool isDown() const { return down_; }

protected:
    using Component::Component;

private:
    bool down_ = false;
};

// One message handed to one worker. Fields a source does not use stay zero.
struct Delivery {
    std::uint32_t eventSlot = 0;
    std::uint32_t handle = 0;      // queue: message slot
    std::uint32_t receipt = 0;     // queue: receive count at this delivery (stale-receipt detection)
    std::uint32_t partition = 0;   // log
    std::uint64_t offset = 0;      // log
    std::uint32_t generation = 0;  // log: group generation when fetched
    SimTime availableAt = 0;       // when the copy became available to this group (for wait time)
    bool duplicateCopy = false;    // queue: a second copy of an event the queue already had
};

class MessageSource {
public:
    virtual ~MessageSource() = default;
    // Gives instance `instance` its next message, if one is ready for it.
    virtual bool take(int instance, Delivery& out) = 0;
    // The delivery is done with: delete from the queue / mark processed on the log.
    virtual void acknowledge(const Delivery& d) = 0;
    // Processing failed and the consumer's retries are exhausted.
    virtual void giveUp(const Delivery& d) = 0;
    // The instance crashed while holding the delivery.
    virtual void abandon(const Delivery& d) = 0;
    // The worker let go of the delivery, whatever the outcome (after any of the calls above).
    virtual void finished(const Delivery&) {}
    // Whether every instance sees the same work (a queue, an inbox): one instance finding nothing
    // means all would. A log assigns partitions per member, so it does not.
    virtual bool sameForEveryInstance() const { return true; }
    virtual void instanceUp(int instance) = 0;
    virtual void instanceDown(int instance) = 0;
    // Messages waiting for this group (backlog), and the age of the oldest one.
    virtual std::uint64_t lagMessages() const = 0;
    virtual SimTime oldestWaitingCreated() const = 0; // kNever when nothing waits
};

} // namespace es

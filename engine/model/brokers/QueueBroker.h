#pragma once
// A queue with SQS semantics. A receive hides the message for the visibility timeout and raises its
// receive count; a delete (the ack) removes it for good; a message not deleted in time becomes
// visible again and is redelivered. With redrive on, a message whose next receive would exceed
// maxReceives moves to the dead-letter queue instead. Competing consumers share one queue; the
// order is first-visible, first-out.
#include "model/LinkFaults.h"
#include "metrics/TimeAverage.h"
#include "model/Receiver.h"
#include "model/ChunkedVector.h"
#include "model/RingBuffer.h"
#include "scenario/Scenario.h"

#include <memory>
#include <vector>

namespace es {

class World;
class ConsumerService;

class QueueBroker final : public Receiver, public MessageSource {
public:
    QueueBroker(World& world, const BrokerSpec& spec);
    ~QueueBroker() override;

    void setConsumer(ConsumerService* consumer, int sink);
    const BrokerSpec& spec() const { return spec_; }
    int sink() const { return sink_; }

    void handle(const Event& ev) override;
    void receive(std::uint32_t eventSlot) override;
    std::uint64_t heldRefs() const override { return live_ + inTransit_; }
    LinkFaults& linkFaults() { return faults_; }

    bool take(int instance, Delivery& out) override;
    void acknowledge(const Delivery& d) override;
    void giveUp(const Delivery&) override {}   // left to the visibility timeout, as SQS does
    void abandon(const Delivery&) override {}  // likewise
    void instanceUp(int) override {}
    void instanceDown(int) override {}
    std::uint64_t lagMessages() const override { return live_; }
    SimTime oldestWaitingCreated() const override;

    std::uint64_t visibleCount() const { return ready_.size(); }
    std::uint64_t inFlightCount() const { return live_ - ready_.size(); }
    std::uint64_t deadLetterCount() const { return deadLettered_; }
    std::uint64_t redeliveries() const { return redeliveries_; }
    std::uint64_t staleAcks() const { return staleAcks_; }
    std::uint64_t maxDepth() const { return maxDepth_; }
    // Time-averages over the run so far: messages waiting (visible), and in the queue (waiting or
    // received and not yet deleted: L of Little's law for the queue and its consumers).
    double averageWaiting() const { return waitingAvg_.average(sim_.now(), ready_.size()); }
    double averageInQueue() const { return liveAvg_.average(sim_.now(), live_); }

private:
    enum Kind : std::uint32_t { kVisibilityExpired = 1, kDelayedArrival = 2, kLatencyArrival = 3 };
    void arrive(std::uint32_t eventSlot); // after the queue's latency, if it has one
    enum class State : std::uint8_t { Free, Visible, InFlight };
    struct Message {
        std::uint32_t eventSlot = 0;
        std::uint32_t receiveCount = 0;
        State state = State::Free;
        bool duplicateCopy = false; // the queue held another copy of this event before this one
        SimTime arrived = 0;
        SimTime visibleSince = 0;
        std::uint64_t visibilityOrder = 0; // the deadline of the current receive (0: none, see Deadline)
        std::uint32_t nextFree = UINT32_MAX;
    };
    void freeMessage(std::uint32_t m);
    // Called before any change of ready_ or live_ (several calls at one instant add nothing).
    void accumulate()
    {
        waitingAvg_.accumulate(sim_.now(), ready_.size());
        liveAvg_.accumulate(sim_.now(), live_);
    }
    void enqueue(std::uint32_t eventSlot);

    // Visibility timeouts. Every receive of one queue has the same timeout, so deadlines come in
    // receive order: a FIFO with one kernel timer over it replaces a scheduled and a cancelled event
    // per message. Each deadline keeps the kernel order reserved at its receive, so an expiry runs
    // exactly where its own event did (digests unchanged); a deleted message's deadline is left in
    // the FIFO and skipped (live: still in flight under that receive), and the FIFO is compacted when
    // stale deadlines outnumber live ones, so memory follows the messages in flight.
    struct Deadline {
        SimTime at;
        std::uint64_t order; // the kernel order reserved at the receive; never 0 (priority bits)
        std::uint32_t message;
        std::uint32_t receipt;
    };
    class VisibilityTimer;
    void startVisibility(std::uint32_t m);
    bool isLive(const Deadline& d) const
    {
        const Message& msg = messages_[d.message];
        return msg.state == State::InFlight && msg.visibilityOrder == d.order;
    }
    void armTimer();
    void compactDeadlines();
    void onVisibilityTimer(std::uint64_t armedOrder);
    void expire(std::uint32_t m);

    World& world_;
    BrokerSpec spec_;
    ConsumerService* consumer_ = nullptr;
    int sink_ = -1;
    ChunkedVector<Message> messages_; // chunks: a deep queue grows without copying its messages
    std::uint32_t freeHead_ = UINT32_MAX;
    RingBuffer<std::uint32_t> ready_;
    std::uint64_t live_ = 0;
    LinkFaults faults_;
    RandomStream latencyRng_;
    std::uint64_t inTransit_ = 0; // delayed copies on their way in (each holds a reference)
    std::uint64_t deadLettered_ = 0, redeliveries_ = 0, staleAcks_ = 0, maxDepth_ = 0;
    TimeAverage waitingAvg_, liveAvg_;
    RingBuffer<Deadline> deadlines_;
    // Made at the first receive, so it takes a component number after every component of the world
    // (those numbers are in the trace digest); its own events stay out of the digest.
    std::unique_ptr<VisibilityTimer> timer_;
    EventHandle timerEvent_;
};

} // namespace es

#pragma once
// A producer: an arrival process (Poisson or constant-rate, with step and ramp changes of the rate,
// plus bursts), and an envelope for each event it publishes to its broker.
#include "model/FlowRecorder.h"
#include "model/Envelope.h"
#include "model/services/RateProfile.h"
#include "model/RingBuffer.h"
#include "model/Receiver.h"
#include "random/RandomStream.h"
#include "scenario/Scenario.h"

#include <vector>

namespace es {

class World;
class UserRequests;
struct CallContext;

class Producer final : public Component {
public:
    Producer(World& world, const ServiceSpec& spec);

    void start();
    void handle(const Event& ev) override;
    void setDown(bool down) { down_ = down; }
    void setPoisonShare(double share) { poisonShare_ = share; }
    // The next `count` events it creates are poison (on top of any share in force).
    void poisonNext(std::uint64_t count) { poisonNext_ += count; }
    void setCrashAfterCommit(double share) { crashAfterCommit_ = share; }
    bool isDown() const { return down_; }
    double poisonShare() const { return poisonShare_; }
    double crashAfterCommit() const { return crashAfterCommit_; }
    // Publishes what waited while the broker was unreachable (after an outage or a partition).
    void retryPending();
    // With users (its service answers through a server): each arrival is a user request instead of
    // an event; the server publishes the event (events style) once its own work is done.
    void setUsers(UserRequests* users) { users_ = users; }
    void publishForRequest(const CallContext& ctx);

    const ProducerSpec& spec() const { return spec_; }
    std::uint16_t serviceIndex() const { return serviceIndex_; } // its service, as envelopes' `source` name it
    std::uint64_t created() const { return created_; }
    std::uint64_t published() const { return published_; }
    std::uint64_t notProducedWhileDown() const { return skipped_; }
    // Events given up after publishTimeout of an unreachable broker: they never reached anyone.
    std::uint64_t publishFailed() const { return publishFailed_; }
    std::uint64_t pendingPublishes() const { return pending_.size(); }
    std::uint64_t heldRefs() const { return pending_.size() + outbox_.size(); }
    // With a database (dual write or outbox).
    std::uint64_t dbWrites() const { return dbWrites_; }
    std::uint64_t lostAfterCommit() const { return lostAfterCommit_; } // dual write: committed, never published
    std::uint64_t relayRepublished() const { return relayRepublished_; } // outbox: rows published twice
    std::uint64_t outboxPending() const { return outbox_.size(); }

private:
    enum Kind : std::uint32_t { kArrival = 1, kBurst = 2, kPublishTimeout = 3, kCommitDone = 4, kRelayTick = 5, kBurstMore = 6 };
    void produceBurst(std::uint64_t burst, std::uint64_t remaining);
    void produceOne();
    Envelope makeEvent(SimTime created);
    Envelope drawEnvelope(SimTime created); // key, attributes, poison: no event is counted yet
    int versionFor(SimTime t);              // the version its deploys ship at t
    void publishNew(std::uint32_t slot);
    // Hands a copy to the target broker (and shows the hop to a viewer, if one watches).
    void send(std::uint32_t slot, HopKind kind);
    void onCommitted(SimTime requested, std::uint64_t flowRef);
    void relayTick();
    void scheduleNextArrival();
    void expirePending();
    bool exhausted() const { return spec_.limit && requests_ >= spec_.limit; }

    World& world_;
    ProducerSpec spec_;
    std::uint16_t serviceIndex_;
    std::uint16_t type_;
    Receiver* target_ = nullptr;
    RateProfile profile_;
    UserRequests* users_ = nullptr;
    RandomStream arrivals_; // separate streams: changing keys or attributes never moves arrival times
    RandomStream content_;
    std::vector<std::pair<std::uint16_t, std::vector<std::uint16_t>>> attributes_;
    std::uint16_t keySpace_ = 0; // its id in world_.keys(), when spec_.keys has keys
    bool down_ = false;
    double poisonShare_ = 0;
    std::uint64_t poisonNext_ = 0;
    // Events waiting for an unreachable broker (the client library's buffer), oldest first.
    RingBuffer<std::pair<std::uint32_t, SimTime>> pending_;
    EventHandle timeoutTimer_;
    std::uint64_t requests_ = 0, created_ = 0, published_ = 0, skipped_ = 0, publishFailed_ = 0;
    RandomStream faults_;
    RandomStream deploys_; // which events of a rolling deploy carry the new version
    double crashAfterCommit_ = 0;
    RingBuffer<std::uint32_t> outbox_; // committed rows not yet published (each holds a reference)
    EventHandle relayTimer_;
    std::uint64_t dbWrites_ = 0, lostAfterCommit_ = 0, relayRepublished_ = 0;
    bool frontRepublished_ = false; // the outbox's first row went out but was not marked sent
};

} // namespace es

#pragma once
// A producer: an arrival process (Poisson or constant-rate, with step and ramp changes of the rate,
// plus bursts), and an envelope for each event it publishes to its broker.
#include "model/RateProfile.h"
#include "model/RingBuffer.h"
#include "model/Receiver.h"
#include "random/RandomStream.h"
#include "scenario/Scenario.h"

#include <vector>

namespace es {

class World;

class Producer final : public Component {
public:
    Producer(World& world, const ServiceSpec& spec);

    void start();
    void handle(const Event& ev) override;
    void setDown(bool down) { down_ = down; }
    void setPoisonShare(double share) { poisonShare_ = share; }
    // Publishes what waited while the broker was unreachable (after an outage or a partition).
    void retryPending();

    const ProducerSpec& spec() const { return spec_; }
    std::uint64_t created() const { return created_; }
    std::uint64_t published() const { return published_; }
    std::uint64_t notProducedWhileDown() const { return skipped_; }
    // Events given up after publishTimeout of an unreachable broker: they never reached anyone.
    std::uint64_t publishFailed() const { return publishFailed_; }
    std::uint64_t pendingPublishes() const { return pending_.size(); }
    std::uint64_t heldRefs() const { return pending_.size(); }

private:
    enum Kind : std::uint32_t { kArrival = 1, kBurst = 2, kPublishTimeout = 3 };
    void produceOne();
    void scheduleNextArrival();
    void expirePending();
    bool exhausted() const { return spec_.limit && created_ + skipped_ >= spec_.limit; }

    World& world_;
    ProducerSpec spec_;
    std::uint16_t serviceIndex_;
    std::uint16_t type_;
    Receiver* target_ = nullptr;
    RateProfile profile_;
    RandomStream arrivals_; // separate streams: changing keys or attributes never moves arrival times
    RandomStream content_;
    std::vector<std::pair<std::uint16_t, std::vector<std::uint16_t>>> attributes_;
    bool down_ = false;
    double poisonShare_ = 0;
    // Events waiting for an unreachable broker (the client library's buffer), oldest first.
    RingBuffer<std::pair<std::uint32_t, SimTime>> pending_;
    EventHandle timeoutTimer_;
    std::uint64_t created_ = 0, published_ = 0, skipped_ = 0, publishFailed_ = 0;
};

} // namespace es

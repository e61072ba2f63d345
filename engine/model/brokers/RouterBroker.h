#pragma once
// Brokers that route and keep nothing: a topic (SNS-like) hands a copy to every subscription at
// publish time — a subscriber added later never sees earlier events — and a bus (EventBridge-like)
// hands a copy to the targets of every rule whose pattern matches the event's type and attributes.
// An event with nowhere to go is counted as unrouted.
#include "model/brokers/BusPattern.h"
#include "model/Receiver.h"
#include "scenario/Scenario.h"

#include <cstdint>
#include <vector>

namespace es {

class World;

class RouterBroker final : public Receiver {
public:
    RouterBroker(World& world, const BrokerSpec& spec);

    // Topic: a subscription. Bus: resolved when the rules are compiled.
    void addSubscriber(Receiver* r) { subscribers_.push_back(r); }
    void compileRules();

    void handle(const Event&) override {}
    void receive(std::uint32_t eventSlot) override;
    std::uint64_t heldRefs() const override { return 0; }

    const BrokerSpec& spec() const { return spec_; }
    std::uint64_t received() const { return received_; }
    std::uint64_t copiesOut() const { return copiesOut_; }
    std::uint64_t unrouted() const { return unrouted_; }
    std::size_t subscriberCount() const { return subscribers_.size(); }

private:
    struct CompiledRule {
        BusPattern pattern;
        std::vector<Receiver*> targets;
    };

    World& world_;
    BrokerSpec spec_;
    std::vector<Receiver*> subscribers_;
    std::vector<CompiledRule> rules_;
    std::uint64_t received_ = 0, copiesOut_ = 0, unrouted_ = 0;
    bool routing_ = false; // inside receive(): a re-entry means a routing loop
};

} // namespace es

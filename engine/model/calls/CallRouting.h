#pragma once
// Which services a service calls, per request: the services it names in `calls` (in both styles) and,
// in the synchronous style, every service its events would reach through the brokers — a queue's
// consumer, each group reading a log, a topic's subscribers (and what the brokers subscribed to it
// reach), a bus's matching rules — so one topology runs as events or as a call chain.
#include "model/brokers/BusPattern.h"
#include "model/Envelope.h"
#include "scenario/Scenario.h"

#include <cstdint>
#include <vector>

namespace es {

class World;

class CallRouting {
public:
    CallRouting(World& world, const Scenario& s);

    // The servers (service indices) that service `service`'s handling of `request` calls, in order.
    void targetsOf(std::uint16_t service, const Envelope& request, std::vector<std::uint16_t>& out) const;
    // Whether service `service` calls anyone at all (it then needs a CallClient).
    bool calls(std::uint16_t service) const;
    // Every service that some service may call (they need a CallServer).
    std::vector<bool> callees() const;

private:
    struct Rule {
        BusPattern pattern;
        std::vector<std::uint32_t> targets; // nodes
    };
    struct Node {                              // services first, then brokers (the graph's order)
        std::vector<std::uint16_t> consumers;  // a broker's reading services
        std::vector<std::uint32_t> subscribers;// brokers subscribed to it
        std::vector<Rule> rules;               // a bus
        bool isService = false;
    };
    struct Hop {
        std::uint32_t node = 0;
        std::uint16_t type = 0;
        bool keepsAttributes = false; // the producer's event carries the request's attributes; emitted ones none
    };
    void reach(std::uint32_t node, const Envelope& env, std::vector<std::uint16_t>& out, int depth) const;

    std::vector<Node> nodes_;
    std::vector<std::vector<std::uint16_t>> explicit_; // per service: its `calls`
    std::vector<std::vector<Hop>> hops_;               // per service, sync style: where its events go
    std::size_t services_ = 0;
};

} // namespace es

#include "model/brokers/RouterBroker.h"

#include "model/World.h"

#include <algorithm>
#include <stdexcept>

namespace es {

RouterBroker::RouterBroker(World& world, const BrokerSpec& spec)
    : Receiver(world.sim(), spec.name), world_(world), spec_(spec)
{
}

void RouterBroker::compileRules()
{
    rules_.clear();
    for (const BusRule& r : spec_.rules) {
        CompiledRule c{BusPattern::compile(world_, r), {}};
        for (const std::string& t : r.targets) {
            // In the synchronous style a bus's push consumers run as servers (no consumer is built):
            // the rule reaches them as calls, and the idle bus has nothing to deliver.
            Receiver* target = world_.scenario().style == CallStyle::Sync ? world_.findReceiver(t) : world_.receiver(t);
            if (target) c.targets.push_back(target);
        }
        rules_.push_back(std::move(c));
    }
}

void RouterBroker::receive(std::uint32_t eventSlot)
{
    // The loader refuses routing loops; should one slip through (a scenario built in code), stop
    // with a message instead of recursing until the stack overflows.
    if (routing_) throw std::logic_error("routing loop through broker '" + spec_.name + "'");
    routing_ = true;
    struct Reset {
        bool& flag;
        ~Reset() { flag = false; }
    } reset{routing_};
    ++received_;
    std::uint64_t out = 0;
    // A topic's subscriptions, and the brokers that subscribe to a bus (they get every event, as a
    // rule without a pattern would give them).
    for (Receiver* r : subscribers_) {
        world_.recordHop(eventSlot, *this, *r, HopKind::Deliver);
        r->receive(eventSlot);
        ++out;
    }
    if (spec_.kind == BrokerKind::Bus) {
        for (const CompiledRule& rule : rules_) {
            if (!rule.pattern.matches(world_.store().envelope(eventSlot))) continue;
            for (Receiver* r : rule.targets) {
                world_.recordHop(eventSlot, *this, *r, HopKind::Deliver);
                r->receive(eventSlot);
                ++out;
            }
        }
    }
    copiesOut_ += out;
    if (out == 0) ++unrouted_;
}

} // namespace es

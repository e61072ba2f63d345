#include "model/RouterBroker.h"

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
        CompiledRule c;
        for (const std::string& t : r.types) c.types.push_back(world_.internType(t));
        for (const auto& [name, values] : r.attributes) {
            std::vector<std::uint16_t> ids;
            for (const std::string& v : values) ids.push_back(world_.internAttributeValue(v));
            c.attributes.emplace_back(world_.internAttributeName(name), std::move(ids));
        }
        for (const std::string& t : r.targets) c.targets.push_back(world_.receiver(t));
        rules_.push_back(std::move(c));
    }
}

bool RouterBroker::matches(const CompiledRule& rule, std::uint32_t eventSlot) const
{
    const Envelope& env = world_.store().envelope(eventSlot);
    if (!rule.types.empty() && std::find(rule.types.begin(), rule.types.end(), env.type) == rule.types.end())
        return false;
    for (const auto& [name, accepted] : rule.attributes) {
        bool found = false;
        for (int i = 0; i < env.attributeCount && !found; ++i)
            found = env.attributeNames[static_cast<std::size_t>(i)] == name &&
                    std::find(accepted.begin(), accepted.end(), env.attributeValues[static_cast<std::size_t>(i)]) !=
                        accepted.end();
        if (!found) return false;
    }
    return true;
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
            if (!matches(rule, eventSlot)) continue;
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

#include "model/calls/CallRouting.h"

#include "model/World.h"

#include <algorithm>
#include <map>

namespace es {

CallRouting::CallRouting(World& world, const Scenario& s) : services_(s.services.size())
{
    std::map<std::string, std::uint32_t> node;
    for (const ServiceSpec& v : s.services) node.emplace(v.name, static_cast<std::uint32_t>(node.size()));
    for (const BrokerSpec& b : s.brokers) node.emplace(b.name, static_cast<std::uint32_t>(node.size()));
    nodes_.resize(node.size());
    for (std::size_t i = 0; i < s.services.size(); ++i) nodes_[i].isService = true;
    for (std::size_t i = 0; i < s.services.size(); ++i) {
        const ServiceSpec& v = s.services[i];
        if (v.consumer && node.count(v.consumer->from))
            nodes_[node.at(v.consumer->from)].consumers.push_back(static_cast<std::uint16_t>(i));
    }
    for (const BrokerSpec& b : s.brokers) {
        for (const std::string& t : b.subscribe)
            if (node.count(t)) nodes_[node.at(t)].subscribers.push_back(node.at(b.name));
        for (const BusRule& r : b.rules) {
            Rule rule{BusPattern::compile(world, r), {}};
            for (const std::string& t : r.targets)
                if (node.count(t)) rule.targets.push_back(node.at(t));
            nodes_[node.at(b.name)].rules.push_back(std::move(rule));
        }
    }
    explicit_.resize(s.services.size());
    hops_.resize(s.services.size());
    for (std::size_t i = 0; i < s.services.size(); ++i) {
        const ServiceSpec& v = s.services[i];
        for (const std::string& c : v.calls)
            if (auto it = node.find(c); it != node.end() && it->second < services_)
                explicit_[i].push_back(static_cast<std::uint16_t>(it->second));
        if (s.style != CallStyle::Sync) continue;
        if (v.producer && node.count(v.producer->to))
            hops_[i].push_back(Hop{node.at(v.producer->to), world.internType(v.producer->type), true});
        if (v.consumer)
            for (const EmitSpec& e : v.consumer->emits)
                if (node.count(e.to)) hops_[i].push_back(Hop{node.at(e.to), world.internType(e.type), false});
    }
}

void CallRouting::reach(std::uint32_t n, const Envelope& env, std::vector<std::uint16_t>& out, int depth) const
{
    if (depth > 64) return; // the loader refuses routing loops; this only bounds a scenario built in code
    const Node& node = nodes_[n];
    if (node.isService) {
        out.push_back(static_cast<std::uint16_t>(n));
        return;
    }
    for (std::uint16_t c : node.consumers) out.push_back(c);
    for (std::uint32_t sub : node.subscribers) reach(sub, env, out, depth + 1);
    for (const Rule& r : node.rules)
        if (r.pattern.matches(env))
            for (std::uint32_t t : r.targets) reach(t, env, out, depth + 1);
}

void CallRouting::targetsOf(std::uint16_t service, const Envelope& request, std::vector<std::uint16_t>& out) const
{
    out.clear();
    out.insert(out.end(), explicit_[service].begin(), explicit_[service].end());
    for (const Hop& h : hops_[service]) {
        Envelope env = request;
        env.type = h.type;
        if (!h.keepsAttributes) env.attributeCount = 0; // emitted events carry no attributes
        reach(h.node, env, out, 0);
    }
}

bool CallRouting::calls(std::uint16_t service) const
{
    if (!explicit_[service].empty()) return true;
    // A hop calls someone if some request could reach a service through it; attribute rules make
    // that per request, so any hop counts.
    return !hops_[service].empty();
}

std::vector<bool> CallRouting::callees() const
{
    std::vector<bool> out(services_, false);
    std::vector<std::uint16_t> found;
    for (std::size_t s = 0; s < services_; ++s) {
        for (std::uint16_t t : explicit_[s]) out[t] = true;
        for (const Hop& h : hops_[s]) {
            // Every service a hop can reach, whatever the attributes: follow all rules.
            std::vector<std::uint32_t> stack{h.node};
            std::vector<bool> seen(nodes_.size(), false);
            while (!stack.empty()) {
                const std::uint32_t n = stack.back();
                stack.pop_back();
                if (seen[n]) continue;
                seen[n] = true;
                if (nodes_[n].isService) {
                    out[n] = true;
                    continue;
                }
                for (std::uint16_t c : nodes_[n].consumers) out[c] = true;
                for (std::uint32_t sub : nodes_[n].subscribers) stack.push_back(sub);
                for (const Rule& r : nodes_[n].rules)
                    for (std::uint32_t t : r.targets) stack.push_back(t);
            }
        }
    }
    return out;
}

} // namespace es

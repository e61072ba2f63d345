#include "scenario/RoutingChecks.h"

#include "scenario/EngineLimits.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <vector>

namespace es {

namespace {

struct Edge {
    std::string to;
    std::string key; // the loader's reference key, for the mark
};

} // namespace

void checkRoutingCycles(const Scenario& s, DiagnosticSink& diags,
                        const std::function<YAML::Mark(const std::string& key)>& where)
{
    // Copies flow from a topic or bus to the brokers that subscribe to it, and from a bus to the
    // brokers its rules name (services take push deliveries and forward nothing by routing).
    std::map<std::string, std::vector<Edge>> next;
    for (const BrokerSpec& b : s.brokers) {
        for (const std::string& t : b.subscribe)
            if (const BrokerSpec* src = s.findBroker(t); src && (src->kind == BrokerKind::Topic || src->kind == BrokerKind::Bus))
                next[t].push_back({b.name, fmt::format("broker '{}' subscribes to {}", b.name, t)});
        std::set<std::string> seen; // a target named by two rules is one edge
        for (const BusRule& rule : b.rules)
            for (const std::string& t : rule.targets)
                if (s.findBroker(t) && seen.insert(t).second)
                    next[b.name].push_back({t, fmt::format("broker '{}' routes to {}", b.name, t)});
    }
    const std::size_t before = diags.count();
    // Iterative depth-first search (no recursion: a file may chain many brokers). Each node is
    // entered once, so every loop is reported once, by the edge that closes it.
    std::map<std::string, int> state; // 0 new, 1 on the path, 2 done
    struct Frame {
        std::string node;
        std::size_t edge = 0;
    };
    for (const BrokerSpec& root : s.brokers) {
        if (state[root.name] != 0) continue;
        std::vector<Frame> path{{root.name, 0}};
        state[root.name] = 1;
        while (!path.empty()) {
            Frame& f = path.back();
            const std::vector<Edge>& out = next[f.node];
            if (f.edge == out.size()) {
                state[f.node] = 2;
                path.pop_back();
                continue;
            }
            const Edge& e = out[f.edge++];
            if (state[e.to] == 1) {
                std::string loop;
                bool on = false;
                for (const Frame& p : path) {
                    on = on || p.node == e.to;
                    if (on) loop += p.node + " → ";
                }
                loop += e.to;
                diags.error(where(e.key),
                            fmt::format("{}: the brokers {} form a routing loop, so every event sent into it would be "
                                        "copied around it for ever; topics and buses may feed each other only in "
                                        "one direction — remove this subscription or rule target",
                                        e.key, loop));
            } else if (state[e.to] == 0) {
                state[e.to] = 1;
                path.push_back({e.to, 0});
            }
        }
    }
    if (diags.count() != before) return;

    // Without loops, a chain of topics each subscribed to two of the layer before still copies one
    // event 2^layers times. Count the broker-to-broker copies one event makes from each broker
    // (children before parents, saturating), and refuse past kMaxRoutedCopies at the first route
    // that goes over.
    std::map<std::string, std::uint64_t> copies;
    std::function<std::uint64_t(const std::string&)> count = [&](const std::string& b) -> std::uint64_t {
        if (auto it = copies.find(b); it != copies.end()) return it->second;
        std::uint64_t n = 0;
        for (const Edge& e : next[b]) n = std::min<std::uint64_t>(n + 1 + count(e.to), kMaxRoutedCopies + 1);
        copies[b] = n;
        return n;
    };
    for (const BrokerSpec& b : s.brokers) {
        std::uint64_t n = 0;
        for (const Edge& e : next[b.name]) {
            n += 1 + count(e.to);
            if (n > kMaxRoutedCopies) {
                diags.error(where(e.key),
                            fmt::format("{}: an event sent to '{}' would be copied more than {} times along the routes "
                                        "of topics and buses (every path makes its own copy); route each broker from "
                                        "fewer places",
                                        e.key, b.name, kMaxRoutedCopies));
                return;
            }
        }
    }
}

} // namespace es

#pragma once
// A generator of random but well-formed scenarios (issue 19): a fixed seed gives the same files on
// every platform. Shared by tst_random_scenarios (the engine through the fuzz harness) and
// tst_random_window (the window opens and runs them).
#include <fmt/format.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace randomscenario {

// splitmix64: the same sequence on every platform and standard library.
class Gen {
public:
    explicit Gen(std::uint64_t seed) : s_(seed) {}
    std::uint64_t next()
    {
        std::uint64_t z = (s_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
    bool chance(int percent) { return below(100) < percent; }
    template <class T> const T& pick(const std::vector<T>& v) { return v[static_cast<std::size_t>(below(static_cast<int>(v.size())))]; }

private:
    std::uint64_t s_;
};

struct Broker {
    std::string name, kind;
};

inline std::string generate(Gen& g)
{
    std::vector<Broker> brokers;
    const int nb = 1 + g.below(4);
    const std::vector<std::string> kinds{"queue", "queue", "log", "log", "topic", "bus"};
    for (int i = 0; i < nb; ++i) brokers.push_back({fmt::format("b{}", i), g.pick(kinds)});
    auto anyBroker = [&]() -> const Broker& { return brokers[static_cast<std::size_t>(g.below(nb))]; };
    std::vector<std::string> routers;
    for (const Broker& b : brokers)
        if (b.kind == "topic" || b.kind == "bus") routers.push_back(b.name);

    std::string services;
    std::vector<std::string> consumers, producers, logConsumers;
    std::vector<std::pair<std::string, std::string>> consumerSource; // consumer -> broker it consumes
    const int np = 1 + g.below(2);
    for (int i = 0; i < np; ++i) {
        const std::string name = fmt::format("p{}", i);
        producers.push_back(name);
        services += fmt::format("  {}: {{ produces: {}, to: {}, rate: {}, arrivals: {}{}{}{} }}\n", name,
                                g.pick(std::vector<std::string>{"A", "B"}), anyBroker().name,
                                g.pick(std::vector<std::string>{"5/s", "50/s", "500/s"}),
                                g.chance(50) ? "constant" : "poisson",
                                g.chance(30) ? ", keys: 20" : "",
                                g.chance(25) ? ", publish: outbox, relay_interval: 10ms" : g.chance(20) ? ", publish: dual-write" : "",
                                g.chance(20) ? ", bursts: { at: 1s, every: 2s, size: 50 }" : "");
        // An entry with its own server now and then (users wait for its answer in both styles).
        if (g.chance(25)) {
            services.pop_back(); // the closing " }\n"
            services.pop_back();
            services.pop_back();
            services += fmt::format(", concurrency: {}, backlog: {}, user_timeout: {}, service_time: 2ms }}\n", 1 + g.below(4),
                                    g.pick(std::vector<std::string>{"0", "5", "100"}),
                                    g.pick(std::vector<std::string>{"50ms", "500ms", "10s"}));
        }
    }
    int nc = 0;
    for (const Broker& b : brokers) {
        const int groups = b.kind == "queue" ? 1 : b.kind == "log" ? 1 + g.below(2) : g.below(2);
        for (int k = 0; k < groups; ++k) {
            if (!g.chance(85)) continue;
            const std::string name = fmt::format("c{}", nc++);
            consumers.push_back(name);
            consumerSource.emplace_back(name, b.name);
            if (b.kind == "log") logConsumers.push_back(name);
            std::string extra;
            if (g.chance(30)) extra += fmt::format(", errors: {}", g.pick(std::vector<std::string>{"10%", "50%", "100%"}));
            if (g.chance(30)) extra += fmt::format(", retries: {}", 1 + g.below(2));
            if (g.chance(20)) extra += ", delivery: at-most-once";
            if (g.chance(20)) extra += ", idempotent: true";
            if (g.chance(15)) extra += ", ack_latency: 5ms";
            if (b.kind == "log" && g.chance(30)) extra += ", commit: 200ms";
            if (g.chance(15)) extra += fmt::format(", emits: {{ type: C, to: {} }}", anyBroker().name);
            // Synchronous calls: to a consumer named before this one (a chain; now and then itself,
            // which must be refused), with a policy of timeouts, retries, a breaker or a bulkhead.
            if (nc > 1 && g.chance(20))
                extra += fmt::format(", calls: c{}", g.chance(5) ? nc - 1 : g.below(nc - 1));
            if (g.chance(25))
                extra += fmt::format(", call_policy: {{ timeout: {}, retries: {}{}{} }}",
                                     g.pick(std::vector<std::string>{"20ms", "200ms", "2s"}), g.below(3),
                                     g.chance(30) ? ", breaker: { window: 10, min_calls: 5, open_for: 1s }" : "",
                                     g.chance(20) ? ", bulkhead: 2" : "");
            services += fmt::format("  {}: {{ consumes: {}, instances: {}, concurrency: {}, service_time: {}{} }}\n", name,
                                    b.name, 1 + g.below(3), 1 + g.below(3),
                                    g.pick(std::vector<std::string>{"1ms", "10ms", "{ exponential: { mean: 20ms } }", "300ms"}),
                                    extra);
        }
    }

    std::string brokerText;
    for (const Broker& b : brokers) {
        std::string extra;
        // Loops (a broker fed by itself, directly or around a cycle) now and then: they must be refused.
        if ((b.kind != "bus" || g.chance(30)) && !routers.empty() && g.chance(b.kind == "topic" ? 30 : 50)) {
            const std::string& source = g.pick(routers);
            if (source != b.name || g.chance(10)) extra += fmt::format(", subscribe: {}", source);
        }
        if (b.kind == "queue") {
            extra += fmt::format(", visibility_timeout: {}", g.pick(std::vector<std::string>{"1ns", "50ms", "1s", "30s"}));
            if (g.chance(40)) extra += fmt::format(", max_receives: {}", 1 + g.below(3));
        } else if (b.kind == "log") {
            extra += fmt::format(", partitions: {}, retention: {}, assignor: {}, session_timeout: 1s, rebalance_time: 100ms",
                                 1 + g.below(6), g.pick(std::vector<std::string>{"0", "5ms", "1s", "7d"}),
                                 g.chance(50) ? "range" : "cooperative-sticky");
        } else if (b.kind == "bus") {
            std::vector<std::string> targets;
            for (const Broker& t : brokers)
                if (g.chance(t.name == b.name ? 5 : 50)) targets.push_back(t.name);
            for (const auto& [c, from] : consumerSource)
                if (g.chance(from == b.name ? 80 : 3)) targets.push_back(c); // its push consumers, rarely a puller
            if (targets.empty()) targets.push_back(brokers.front().name == b.name && nb > 1 ? brokers[1].name : brokers.front().name);
            std::string list;
            for (const std::string& t : targets) list += (list.empty() ? "" : ", ") + t;
            extra += fmt::format(", rules: [ {{ match: {{ type: [{}] }}, to: [{}] }} ]", g.chance(50) ? "A" : "A, C", list);
        }
        brokerText += fmt::format("  {}: {{ kind: {}{} }}\n", b.name, b.kind, extra);
    }

    std::string failures;
    const int nf = g.below(6);
    for (int i = 0; i < nf; ++i) {
        const std::string at = fmt::format("{}ms", g.below(8000));
        const std::string length = g.chance(20) ? "" : fmt::format(", for: {}ms", g.below(4000));
        std::string what;
        switch (g.below(9)) {
        case 0:
        case 1:
            if (!consumers.empty())
                what = fmt::format("target: {}, crash: true{}", g.pick(consumers), g.chance(30) ? ", instance: 0" : "");
            break;
        case 2:
            what = fmt::format("target: {}, crash: true", g.pick(producers));
            break;
        case 3:
            if (!consumers.empty())
                what = fmt::format("target: {}, {}", g.pick(consumers),
                                   g.pick(std::vector<std::string>{"slowdown: 3x", "slowdown: +50ms", "errors: 50%",
                                                                   "crash_before_ack: 20%, restart_after: 200ms"}));
            break;
        case 4:
            what = fmt::format("target: {}, outage: true", anyBroker().name);
            break;
        case 5:
            if (!consumers.empty()) {
                what = fmt::format("target: {}, partition: {}", g.pick(consumers), anyBroker().name);
            }
            break;
        case 6: {
            const Broker& b = anyBroker(); // a topic or bus now and then: refused
            what = fmt::format("target: {}, {}", b.name,
                               g.pick(std::vector<std::string>{"drop: 20%", "duplicate: 20%",
                                                               "delay: { share: 30%, by: 100ms }"}));
            break;
        }
        case 7:
            what = fmt::format("target: {}, poison: 10%", g.pick(producers));
            break;
        case 8:
            if (!logConsumers.empty())
                what = fmt::format("target: {}, replay: {}", g.pick(logConsumers),
                                   g.pick(std::vector<std::string>{"earliest", "3", "1000000"}));
            break;
        }
        if (what.empty()) continue;
        failures += fmt::format("  - {{ at: {}{}, {} }}\n", at, what.find("replay") != std::string::npos ? "" : length, what);
    }
    // A third of the models run every hop as a synchronous call (the brokers idle).
    const char* style = g.chance(33) ? "style: sync\n" : "";
    return fmt::format("scenario: random\n{}duration: {}s\nservices:\n{}brokers:\n{}{}", style, 2 + g.below(9), services, brokerText,
                       failures.empty() ? "" : "failures:\n" + failures);
}

} // namespace randomscenario

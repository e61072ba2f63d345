#include "scenario/CallsReader.h"

#include "scenario/EngineLimits.h"

#include <fmt/format.h>

#include <functional>
#include <set>

namespace es {

void readCallStyle(MapReader& r, Scenario& s)
{
    if (auto st = r.choice("style", {"events", "sync"})) s.style = *st == "sync" ? CallStyle::Sync : CallStyle::Events;
}

namespace {

RetrySpec readCallRetries(MapReader& r, const YAML::Node& node, RetrySpec retry)
{
    if (node.IsScalar()) {
        retry.maxRetries = static_cast<int>(r.integer("retries", 0, 100).value_or(0));
        return retry;
    }
    MapReader rr(r.diags(), node, r.what() + " retries");
    if (auto v = rr.integer("max", 0, 100)) retry.maxRetries = static_cast<int>(*v);
    if (auto v = rr.duration("backoff")) retry.backoffBase = *v;
    if (auto v = rr.number("multiplier", 1, 100)) retry.backoffMultiplier = *v;
    if (auto v = rr.duration("max_backoff")) retry.backoffMax = *v;
    if (auto v = rr.boolean("jitter")) retry.jitter = *v;
    rr.finish();
    return retry;
}

BreakerSpec readBreaker(MapReader& r, const YAML::Node& node)
{
    BreakerSpec b;
    if (node.IsScalar()) {
        b.enabled = r.boolean("breaker").value_or(false);
        return b;
    }
    MapReader br(r.diags(), node, r.what() + " breaker");
    b.enabled = true;
    if (auto v = br.integer("window", 1, 100'000)) b.window = static_cast<int>(*v);
    if (auto v = br.integer("min_calls", 1, 100'000)) b.minCalls = static_cast<int>(*v);
    if (auto v = br.share("failure_rate")) b.failureRate = *v;
    if (auto v = br.duration("open_for")) b.openFor = *v;
    if (auto v = br.integer("half_open_calls", 1, 100'000)) b.halfOpenCalls = static_cast<int>(*v);
    if (b.failureRate <= 0) br.diags().error(br.get("failure_rate"), fmt::format("{}: 'failure_rate' must be above 0%", br.what()));
    if (b.minCalls > b.window)
        br.diags().warning(br.get("min_calls"),
                           fmt::format("{}: 'min_calls' ({}) is above 'window' ({}): the window never holds that many "
                                       "calls, so the breaker decides on the last {}",
                                       br.what(), b.minCalls, b.window, b.window));
    br.finish();
    return b;
}

} // namespace

void readCallKeys(MapReader& r, ServiceSpec& svc, ReferenceLog& refs)
{
    svc.calls = r.stringList("calls");
    for (const std::string& c : svc.calls) {
        YAML::Node at = r.get("calls");
        if (at.IsSequence())
            for (const YAML::Node& item : at)
                if (item.IsScalar() && item.Scalar() == c) at = item;
        refs.emplace(r.what() + " calls " + c, at);
    }
    if (YAML::Node p = r.get("call_policy"); p.IsDefined() && !p.IsNull()) {
        MapReader pr(r.diags(), p, r.what() + " call_policy");
        if (auto v = pr.duration("timeout")) {
            if (*v <= 0) pr.diags().error(pr.get("timeout"), fmt::format("{}: 'timeout' must be above 0", pr.what()));
            else svc.callPolicy.timeout = *v;
        }
        if (YAML::Node rt = pr.get("retries"); rt.IsDefined() && !rt.IsNull())
            svc.callPolicy.retry = readCallRetries(pr, rt, svc.callPolicy.retry);
        if (YAML::Node b = pr.get("breaker"); b.IsDefined() && !b.IsNull()) svc.callPolicy.breaker = readBreaker(pr, b);
        if (auto v = pr.integer("bulkhead", 0, 1'000'000)) svc.callPolicy.bulkhead = static_cast<int>(*v);
        if (auto v = pr.boolean("parallel")) svc.callPolicy.parallel = *v;
        pr.finish();
    }
    if (auto v = r.integer("backlog", 0, 10'000'000)) svc.server.backlog = static_cast<int>(*v);
    if (svc.consumer) {
        // A consumer answers calls (the synchronous style, or a named call) with its own settings.
        svc.server.instances = svc.consumer->instances;
        svc.server.concurrency = svc.consumer->concurrency;
        svc.server.serviceTime = svc.consumer->serviceTime;
        svc.server.errorRate = svc.consumer->errorRate;
        svc.server.idempotent = svc.consumer->idempotent;
    } else {
        // An entry service's own work when users call it, or a service that only answers calls.
        bool serverKeys = r.has("backlog") || !svc.calls.empty();
        if (auto d = r.distribution("service_time")) { svc.server.serviceTime = *d; serverKeys = true; }
        if (auto v = r.integer("instances", 1, 10'000)) { svc.server.instances = static_cast<int>(*v); serverKeys = true; }
        if (auto v = r.integer("concurrency", 1, 100'000)) { svc.server.concurrency = static_cast<int>(*v); serverKeys = true; }
        if (auto e = r.share("errors")) { svc.server.errorRate = *e; serverKeys = true; }
        if (auto t = svc.producer ? r.duration("user_timeout") : std::nullopt) {
            if (*t <= 0) r.diags().error(r.get("user_timeout"), fmt::format("{}: 'user_timeout' must be above 0", r.what()));
            else svc.producer->userTimeout = *t;
            serverKeys = true;
        }
        svc.serves = serverKeys;
        const long long threads = static_cast<long long>(svc.server.instances) * svc.server.concurrency;
        if (threads > kMaxWorkersPerService)
            r.diags().error(r.get("concurrency"), fmt::format("{}: instances × concurrency is {} threads, more than the {} a "
                                                              "service may have; lower 'instances' or 'concurrency'",
                                                              r.what(), threads, kMaxWorkersPerService));
    }
}

void checkCalls(DiagnosticSink& diags, const Scenario& s, const ReferenceLog& refs)
{
    auto where = [&](const std::string& key) {
        auto it = refs.find(key);
        return it != refs.end() ? it->second.Mark() : YAML::Mark::null_mark();
    };
    std::vector<std::string> names;
    for (const ServiceSpec& v : s.services) names.push_back(v.name);
    bool ok = true;
    for (const ServiceSpec& v : s.services)
        for (const std::string& c : v.calls) {
            const std::string key = fmt::format("service '{}' calls {}", v.name, c);
            if (c == v.name) {
                diags.error(where(key), fmt::format("{}: a service cannot call itself; name another service", key));
                ok = false;
            } else if (!s.findService(c)) {
                const std::string hint = closestMatch(c, names);
                diags.error(where(key), fmt::format("{}: there is no service called '{}'{}{}", key, c,
                                                    s.findBroker(c) ? " ('" + c + "' is a broker: calls go to services; "
                                                                      "publish to a broker with 'to' or 'emits')"
                                                                    : "",
                                                    hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
                ok = false;
            } else if (const ServiceSpec* callee = s.findService(c); !callee->consumer && !callee->producer) {
                ok = false;
            }
        }
    if (!ok) return;
    // Named calls form a graph between services; a loop would make every request call itself again
    // until its timeouts. (In the synchronous style the event hops are calls too, but they cannot
    // loop: the loader refuses emit loops before this check.)
    std::map<std::string, int> state;
    std::vector<std::string> path;
    std::function<bool(const ServiceSpec&)> visit = [&](const ServiceSpec& v) {
        state[v.name] = 1;
        path.push_back(v.name);
        for (const std::string& c : v.calls) {
            if (state[c] == 1) {
                std::string loop;
                for (auto it = std::find(path.begin(), path.end(), c); it != path.end(); ++it) loop += *it + " → ";
                loop += c;
                diags.error(where(fmt::format("service '{}' calls {}", v.name, c)),
                            fmt::format("the calls {} form a loop: every request would call itself again until it "
                                        "times out; remove one of these calls",
                                        loop));
                return true;
            }
            if (state[c] == 0 && visit(*s.findService(c))) return true;
        }
        path.pop_back();
        state[v.name] = 2;
        return false;
    };
    for (const ServiceSpec& v : s.services)
        if (state[v.name] == 0 && visit(v)) return;
}

void warnUncalledServers(DiagnosticSink& diags, const Scenario& s, const std::map<std::string, YAML::Mark>& marks)
{
    for (const ServiceSpec& v : s.services) {
        if (v.producer || v.consumer || !v.serves) continue;
        const bool called = std::any_of(s.services.begin(), s.services.end(), [&v](const ServiceSpec& o) {
            return std::find(o.calls.begin(), o.calls.end(), v.name) != o.calls.end();
        });
        if (called) continue;
        const auto at = marks.find(v.name);
        diags.warning(at != marks.end() ? at->second : YAML::Mark::null_mark(),
                      fmt::format("service '{}' only answers calls, and no service calls it: it does nothing (name it in "
                                  "another service's 'calls', or check the service's name in --set/--sweep)",
                                  v.name));
    }
}

} // namespace es

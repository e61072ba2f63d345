#include "scenario/FailureReader.h"

#include "scenario/Units.h"

#include <fmt/format.h>

namespace es {

namespace {

const char* kKinds = "crash: true, slowdown: 10x (or +200ms), errors: 50%, replay: earliest, outage: true, "
                     "partition: BROKER, drop: 5%, duplicate: 5%, delay: {share, by}, poison: 1%, poison_next: 1, crash_before_ack: 5%, crash_after_commit: 5%";

std::string refKey(std::size_t index, const std::string& what) { return fmt::format("failures[{}] {}", index, what); }

} // namespace

FailureSpec readFailure(DiagnosticSink& diags, const YAML::Node& node, std::size_t index, ReferenceLog& refs)
{
    FailureSpec f;
    MapReader r(diags, node, "failure");
    if (!r.ok()) return f;
    f.at = r.duration("at", true).value_or(0);
    if (auto d = r.duration("for")) f.duration = *d;
    f.target = r.string("target", true).value_or("");
    refs.emplace(refKey(index, "target"), r.get("target"));
    if (auto i = r.integer("instance", 0, 10'000)) f.instance = static_cast<int>(*i);
    int kinds = 0;
    auto is = [&](const char* key) {
        if (!r.has(key)) {
            r.get(key); // known, absent
            return false;
        }
        ++kinds;
        return true;
    };
    if (is("crash")) {
        f.kind = FailureKind::Crash;
        if (!r.boolean("crash").value_or(false)) --kinds;
    }
    if (is("slowdown")) {
        f.kind = FailureKind::Slowdown;
        const std::string text = r.string("slowdown").value_or("");
        if (auto m = units::parseMultiplier(text); m && *m > 0) f.factor = *m;
        else if (auto d = !text.empty() && text[0] == '+' ? units::parseDuration(text.substr(1)) : std::nullopt) f.extra = *d;
        else diags.error(r.get("slowdown"), fmt::format("failure: 'slowdown: {}' should be a multiplier such as 10x "
                                                        "or an added latency such as +200ms", text));
    }
    if (is("errors")) {
        f.kind = FailureKind::ErrorRate;
        f.share = r.share("errors").value_or(0);
    }
    if (is("replay")) {
        f.kind = FailureKind::Replay;
        const YAML::Node rn = r.get("replay");
        if (rn.IsScalar() && rn.Scalar() == "earliest") f.replayOffset = 0;
        else f.replayOffset = static_cast<std::uint64_t>(r.integer("replay", 0, INT64_MAX).value_or(0));
    }
    if (is("outage")) {
        f.kind = FailureKind::Outage;
        if (!r.boolean("outage").value_or(false)) --kinds;
    }
    if (is("partition")) {
        f.kind = FailureKind::Partition;
        f.peer = r.string("partition").value_or("");
        refs.emplace(refKey(index, "partition"), r.get("partition"));
    }
    if (is("drop")) {
        f.kind = FailureKind::Drop;
        f.share = r.share("drop").value_or(0);
    }
    if (is("duplicate")) {
        f.kind = FailureKind::Duplicate;
        f.share = r.share("duplicate").value_or(0);
    }
    if (is("delay")) {
        f.kind = FailureKind::Delay;
        MapReader dr(diags, r.get("delay"), "failure delay");
        if (dr.ok()) {
            f.share = dr.share("share").value_or(0);
            if (!dr.has("share")) diags.error(dr.node(), "failure delay needs 'share' (e.g. 10%)");
            if (auto by = dr.distribution("by")) f.delay = *by;
            else diags.error(dr.node(), "failure delay needs 'by' (a duration or a distribution, e.g. 200ms)");
            dr.finish();
        }
    }
    if (is("poison")) {
        f.kind = FailureKind::Poison;
        f.share = r.share("poison").value_or(0);
    }
    if (is("poison_next")) {
        f.kind = FailureKind::PoisonNext;
        f.count = static_cast<std::uint64_t>(r.integer("poison_next", 1, 1'000'000).value_or(1));
    }
    if (is("crash_after_commit")) {
        f.kind = FailureKind::CrashAfterCommit;
        f.share = r.share("crash_after_commit").value_or(0);
    }
    if (is("crash_before_ack")) {
        f.kind = FailureKind::CrashBeforeAck;
        f.share = r.share("crash_before_ack").value_or(0);
    }
    if (auto d = r.duration("restart_after")) {
        if (f.kind != FailureKind::CrashBeforeAck)
            diags.error(r.get("restart_after"), "failure: 'restart_after' goes with 'crash_before_ack'");
        f.restartAfter = *d;
    }
    if (kinds != 1) diags.error(node, fmt::format("failure: give exactly one of {}", kKinds));
    r.finish();
    return f;
}

void checkFailureTargets(DiagnosticSink& diags, const Scenario& s, const ReferenceLog& refs)
{
    std::vector<std::string> services, brokers;
    for (const ServiceSpec& v : s.services) services.push_back(v.name);
    for (const BrokerSpec& b : s.brokers) brokers.push_back(b.name);
    for (std::size_t i = 0; i < s.failures.size(); ++i) {
        const FailureSpec& f = s.failures[i];
        auto it = refs.find(refKey(i, "target"));
        const YAML::Mark at = it != refs.end() ? it->second.Mark() : YAML::Mark::null_mark();
        const ServiceSpec* svc = s.findService(f.target);
        const BrokerSpec* brk = s.findBroker(f.target);
        auto fail = [&](const std::string& msg) { diags.error(at, fmt::format("failure on '{}': {}", f.target, msg)); };
        auto unknown = [&](const std::vector<std::string>& pool, const char* kind) {
            const std::string hint = closestMatch(f.target, pool);
            fail(fmt::format("there is no {} called '{}'{}", kind, f.target,
                             hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
        };
        if (f.target.empty()) continue;
        switch (f.kind) {
        case FailureKind::Crash:
            if (!svc) unknown(services, "service");
            else if (f.instance >= 0 && svc->consumer && f.instance >= svc->consumer->instances)
                fail(fmt::format("instance {} does not exist (the service has {} instances, numbered from 0)", f.instance,
                                 svc->consumer->instances));
            break;
        case FailureKind::Slowdown:
        case FailureKind::ErrorRate:
        case FailureKind::CrashBeforeAck:
            if (!svc) unknown(services, "service");
            else if (!svc->consumer) fail("this failure needs a service that consumes");
            break;
        case FailureKind::Replay: {
            const BrokerSpec* from = svc && svc->consumer ? s.findBroker(svc->consumer->from) : nullptr;
            if (!svc) unknown(services, "service");
            else if (!from || from->kind != BrokerKind::Log)
                fail("replay needs a service that consumes from a log (only a log keeps what was consumed)");
            break;
        }
        case FailureKind::CrashAfterCommit:
            if (!svc) unknown(services, "service");
            else if (!svc->producer || svc->producer->publish == ProducerSpec::Publish::Direct)
                fail("crash_after_commit needs a producer with a database: 'publish: dual-write' or 'publish: outbox'");
            break;
        case FailureKind::Poison:
        case FailureKind::PoisonNext:
            if (!svc) unknown(services, "service");
            else if (!svc->producer) fail("poison needs a service that produces");
            break;
        case FailureKind::Outage:
            if (!brk) unknown(brokers, "broker");
            break;
        case FailureKind::Drop:
        case FailureKind::Duplicate:
        case FailureKind::Delay:
            if (!brk) unknown(brokers, "broker");
            else if (brk->kind != BrokerKind::Queue && brk->kind != BrokerKind::Log)
                fail("drop, duplicate and delay act on the link into a queue or a log; a topic or bus forwards "
                     "copies to queues, so target those");
            break;
        case FailureKind::Partition: {
            const bool peerService = s.findService(f.peer) != nullptr, peerBroker = s.findBroker(f.peer) != nullptr;
            if (!svc && !brk) unknown(services, "service or broker");
            else if (svc && peerService && f.peer == f.target)
                fail(fmt::format("a partition needs two sides; '{}' is named twice", f.target));
            else if (!(svc && peerBroker) && !(brk && peerService) && !(svc && peerService))
                fail(fmt::format("a partition cuts a service off from a broker or from another service (its calls "
                                 "hang); '{}' and '{}' are neither",
                                 f.target, f.peer));
            break;
        }
        }
    }
}

} // namespace es

#include "run/CallsFormat.h"
#include "run/LatencyJson.h"

#include <fmt/format.h>

namespace es {

void callsToJson(const RunSummary& s, nlohmann::json& j)
{
    using nlohmann::json;
    j["style"] = s.style;
    json requests = json::object();
    for (const RequestSummary& r : s.requests) {
        json hist = json::array();
        for (const HistogramBin& b : r.histogram) hist.push_back({{"up_to_s", b.upTo}, {"count", b.count}});
        json avail = json::array();
        for (const AvailabilityShare& a : r.availability)
            avail.push_back({{"period", a.label}, {"requests", a.requests}, {"succeeded", a.succeeded}, {"share", a.share}});
        requests[r.entry] = {{"sent", r.sent},           {"succeeded", r.succeeded},   {"failed", r.failed},
                             {"timed_out", r.timedOut},  {"rejected", r.rejected},     {"failed_fast", r.failedFast},
                             {"in_flight", r.inFlight},  {"latency_s", latencyJson(r.latency)},
                             {"histogram", hist},        {"completion_s", latencyJson(r.completion)},
                             {"availability", avail}};
    }
    j["requests"] = requests;
    json servers = json::object();
    for (const ServerSummary& v : s.servers) {
        json deps = json::object();
        for (const DependencySummary& d : v.dependencies)
            deps[d.target] = {{"sent", d.sent},           {"succeeded", d.succeeded},   {"failed", d.failed},
                              {"timeouts", d.timeouts},   {"retries", d.retries},       {"failed_fast", d.failedFast},
                              {"max_in_flight", d.maxInFlight},
                              {"circuit", d.breaker ? json{{"opens", d.circuitOpens}, {"open_s", d.circuitOpenSeconds},
                                                           {"state", d.circuitState}}
                                                    : json(nullptr)}};
        servers[v.name] = {{"threads", v.threads},         {"backlog_limit", v.backlogLimit}, {"depth", v.depth},
                           {"avg_busy_threads", v.avgBusy}, {"max_busy_threads", v.maxBusy},
                           {"avg_backlog", v.avgBacklog},   {"max_backlog", v.maxBacklog},
                           {"calls_received", v.received},  {"accepted", v.accepted},     {"rejected", v.rejected},
                           {"refused", v.refused},          {"unreachable", v.unreachable},
                           {"succeeded", v.succeeded},      {"failed", v.failed},         {"killed", v.killed},
                           {"wasted", v.wasted},            {"wasted_s", v.wastedSeconds},
                           {"effects", v.effects},          {"duplicate_effects", v.duplicateEffects},
                           {"deduplicated", v.deduplicated}, {"response_s", latencyJson(v.response)},
                           {"calls_made", v.callsMade},     {"retries", v.retries},       {"timeouts", v.timeouts},
                           {"failed_fast", v.failedFast},   {"dependencies", deps}};
    }
    j["servers"] = servers;
    j["retry_amplification"] = s.deepestService.empty()
                                   ? json(nullptr)
                                   : json{{"deepest_service", s.deepestService}, {"factor", s.retryAmplification}};
}

static std::string ms(double seconds) { return fmt::format("{:.1f} ms", seconds * 1e3); }

void callsToText(const RunSummary& s, std::string& out)
{
    auto line = [&out](const std::string& l) { out += l + "\n"; };
    for (const RequestSummary& r : s.requests) {
        const double ok = r.sent ? 100.0 * static_cast<double>(r.succeeded) / static_cast<double>(r.sent) : 0.0;
        line(fmt::format("users of {} ({} style): {} requests, {} succeeded ({:.1f}%), {} failed, {} timed out, {} rejected, "
                         "{} failed fast, {} in flight",
                         r.entry, s.style, r.sent, r.succeeded, ok, r.failed, r.timedOut, r.rejected, r.failedFast, r.inFlight));
        if (r.latency.count)
            line(fmt::format("  user latency (request → answer, successful): mean {}  p50 {}  p95 {}  p99 {}  max {}",
                             ms(r.latency.mean), ms(r.latency.p50), ms(r.latency.p95), ms(r.latency.p99), ms(r.latency.max)));
        if (r.completion.count)
            line(fmt::format("  completion (request → its last effect anywhere): mean {}  p50 {}  p99 {}",
                             ms(r.completion.mean), ms(r.completion.p50), ms(r.completion.p99)));
        for (const AvailabilityShare& a : r.availability)
            if (a.requests) line(fmt::format("  availability {}: {:.1f}% of {}", a.label, a.share * 100, a.requests));
    }
    for (const ServerSummary& v : s.servers) {
        if (v.threads)
            line(fmt::format("server {}: {} threads (avg busy {:.1f}, max {}), backlog max {} of {}; calls {} received, "
                             "{} rejected, {} refused, {} failed, {} wasted ({:.1f} thread-s)",
                             v.name, v.threads, v.avgBusy, v.maxBusy, v.maxBacklog, v.backlogLimit, v.received, v.rejected,
                             v.refused, v.failed, v.wasted, v.wastedSeconds));
        else if (!v.dependencies.empty())
            line(fmt::format("caller {}: {} calls made, {} retries, {} timed out, {} failed fast", v.name, v.callsMade,
                             v.retries, v.timeouts, v.failedFast));
        if (v.duplicateEffects || v.deduplicated)
            line(fmt::format("  effects {} ({} applied again by a retry, {} deduplicated)", v.effects, v.duplicateEffects,
                             v.deduplicated));
        for (const DependencySummary& d : v.dependencies)
            line(fmt::format("  calls to {}: {} sent, {} timed out, {} retries, {} failed fast{}", d.target, d.sent,
                             d.timeouts, d.retries, d.failedFast,
                             d.breaker ? fmt::format("; circuit opened {} times, open {:.1f} s, now {}", d.circuitOpens,
                                                     d.circuitOpenSeconds, d.circuitState)
                                       : std::string()));
    }
    if (!s.deepestService.empty())
        line(fmt::format("retry amplification: {:.2f} calls reach {} (the deepest service) per user request",
                         s.retryAmplification, s.deepestService));
}

} // namespace es

#include "compare/StoredSummary.h"

#include <limits>
#include <stdexcept>
#include <string>

namespace es {

namespace {

using nlohmann::json;

// A number of the summary; null (how NaN is written) and a missing key read as NaN.
double number(const json& o, const char* key)
{
    const auto it = o.find(key);
    if (it == o.end() || !it->is_number()) return std::numeric_limits<double>::quiet_NaN();
    return it->get<double>();
}

std::uint64_t count(const json& o, const char* key)
{
    const auto it = o.find(key);
    return it != o.end() && it->is_number_unsigned() ? it->get<std::uint64_t>() : 0;
}

LatencySummary latency(const json& o, const char* key)
{
    LatencySummary l;
    const auto it = o.find(key);
    if (it == o.end() || !it->is_object()) return l;
    l.mean = number(*it, "mean");
    l.p50 = number(*it, "p50");
    l.p95 = number(*it, "p95");
    l.p99 = number(*it, "p99");
    l.max = number(*it, "max");
    l.count = count(*it, "count");
    return l;
}

// Calls fn(name, object) for each member of the object j[key] (none when absent).
template <class Fn>
void forEachNamed(const json& j, const char* key, Fn fn)
{
    const auto it = j.find(key);
    if (it == j.end() || !it->is_object()) return;
    for (const auto& [name, o] : it->items())
        if (o.is_object()) fn(name, o);
}

} // namespace

RunSummary comparedFiguresFromJson(const json& j)
{
    if (!j.is_object() || !j.contains("schema") || j.at("schema") != "eventscape.run-summary/1")
        throw std::invalid_argument("not a run summary (eventscape.run-summary/1)");
    RunSummary s;
    if (const auto sc = j.find("scenario"); sc != j.end() && sc->is_object()) {
        s.scenarioId = sc->value("id", std::string());
        s.title = sc->value("title", std::string());
        s.scenarioPath = sc->value("path", std::string());
        s.variant = sc->value("variant", std::string());
        s.overrides = sc->value("overrides", std::vector<std::string>());
    }
    s.seed = count(j, "seed");
    s.simTime = number(j, "sim_time_s");
    s.plannedTime = number(j, "planned_time_s");
    s.interrupted = j.value("interrupted", false);
    s.eventsProcessed = count(j, "events_processed");
    s.wallTime = number(j, "wall_time_s");
    s.conservationOk = j.value("conservation_ok", false);
    forEachNamed(j, "requests", [&s](const std::string& name, const json& o) {
        RequestSummary r;
        r.entry = name;
        r.sent = count(o, "sent");
        r.succeeded = count(o, "succeeded");
        r.failed = count(o, "failed");
        r.timedOut = count(o, "timed_out");
        r.rejected = count(o, "rejected");
        r.failedFast = count(o, "failed_fast");
        r.latency = latency(o, "latency_s");
        s.requests.push_back(std::move(r));
    });
    forEachNamed(j, "producers", [&s](const std::string& name, const json& o) {
        ProducerSummary p;
        p.name = name;
        p.publishFailed = count(o, "publish_failed");
        p.lostAfterCommit = count(o, "lost_after_commit");
        p.endToEnd = latency(o, "end_to_end_s");
        if (const auto f = o.find("flows"); f != o.end() && f->is_object()) p.flowsCompleted = count(*f, "completed");
        s.producers.push_back(std::move(p));
    });
    forEachNamed(j, "groups", [&s](const std::string& name, const json& o) {
        GroupSummary g;
        g.name = name;
        g.source = o.value("source", std::string());
        g.sourceKind = o.value("source_kind", std::string());
        g.latency = latency(o, "latency_s");
        g.failedAttempts = count(o, "failed_attempts");
        g.dropped = count(o, "dropped");
        g.duplicateEffects = count(o, "duplicate_effects");
        g.deadLettered = count(o, "dead_lettered");
        g.maxLagMessages = count(o, "max_lag_messages");
        g.maxLagSeconds = number(o, "max_lag_seconds");
        g.utilisation = number(o, "utilisation");
        s.groups.push_back(std::move(g));
    });
    forEachNamed(j, "servers", [&s](const std::string& name, const json& o) {
        ServerSummary v;
        v.name = name;
        v.duplicateEffects = count(o, "duplicate_effects");
        s.servers.push_back(std::move(v));
    });
    forEachNamed(j, "read_models", [&s](const std::string& name, const json& o) {
        ReadModelSummary m;
        m.service = name;
        m.maxStaleness = number(o, "max_staleness_s");
        s.readModels.push_back(std::move(m));
    });
    forEachNamed(j, "states", [&s](const std::string& name, const json& o) {
        StateSummary v;
        v.service = name;
        v.oversold = count(o, "oversold");
        s.states.push_back(std::move(v));
    });
    return s;
}

} // namespace es

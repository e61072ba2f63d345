#include "run/SagaSummary.h"
#include "run/LatencyJson.h"

#include "model/World.h"
#include "model/sagas/SagaTracker.h"

#include <fmt/format.h>

namespace es {

void summarizeSagas(const World& w, RunSummary& s)
{
    const SagaTracker* t = w.sagas();
    if (!t) return;
    for (std::size_t i = 0; i < t->sagaCount(); ++i) {
        const SagaSpec& spec = w.scenario().sagas[i];
        const SagaTracker::Counts& c = t->counts(i);
        SagaSummary g;
        g.name = spec.name;
        g.starts = spec.starts;
        g.completes = spec.completes;
        g.compensated = spec.compensated;
        g.started = c.started;
        g.completed = c.completed;
        g.compensated_ = c.compensated;
        g.stuck = c.stuck;
        g.inconsistent = c.inconsistent;
        g.inFlight = c.inFlight();
        g.completedTime = summarizeLatency(*c.completedTime);
        g.compensatedTime = summarizeLatency(*c.compensatedTime);
        g.stuckTime = summarizeLatency(*c.stuckTime);
        s.sagas.push_back(g);
    }
}

namespace {

std::string ms(double seconds) { return fmt::format("{:.1f} ms", seconds * 1e3); }

} // namespace

void sagasToJson(const RunSummary& s, nlohmann::json& j)
{
    nlohmann::json sagas = nlohmann::json::object();
    for (const SagaSummary& g : s.sagas)
        sagas[g.name] = {{"starts", g.starts},
                         {"completes", g.completes},
                         {"compensated_by", g.compensated},
                         {"started", g.started},
                         {"completed", g.completed},
                         {"compensated", g.compensated_},
                         {"stuck", g.stuck},
                         {"inconsistent", g.inconsistent},
                         {"in_flight", g.inFlight},
                         {"completed_s", latencyJson(g.completedTime)},
                         {"compensated_s", latencyJson(g.compensatedTime)},
                         {"stuck_s", latencyJson(g.stuckTime)}};
    j["sagas"] = sagas;
}

void sagasToText(const RunSummary& s, std::string& out)
{
    for (const SagaSummary& g : s.sagas) {
        out += fmt::format("saga {} ({} → {} or {}): {} started, {} completed, {} compensated, {} stuck, {} inconsistent, "
                           "{} in flight\n",
                           g.name, g.starts, g.completes, g.compensated, g.started, g.completed, g.compensated_, g.stuck,
                           g.inconsistent, g.inFlight);
        if (g.completedTime.count)
            out += fmt::format("  completed in: mean {}  p99 {}", ms(g.completedTime.mean), ms(g.completedTime.p99));
        if (g.compensatedTime.count)
            out += fmt::format("{}compensated in: mean {}  p99 {}", g.completedTime.count ? "   " : "  ",
                               ms(g.compensatedTime.mean), ms(g.compensatedTime.p99));
        if (g.completedTime.count || g.compensatedTime.count) out += "\n";
    }
}

} // namespace es

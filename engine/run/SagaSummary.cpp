#include "run/SagaSummary.h"
#include "run/LatencyJson.h"

#include "model/World.h"
#include "model/sagas/Orchestrator.h"
#include "model/sagas/SagaTracker.h"
#include "model/services/ConsumerService.h"

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
        for (const auto& cs : w.consumers())
            if (const Orchestrator* o = cs->orchestrator(); o && o->spec().saga == spec.name) {
                const Orchestrator::Counts& k = o->counts();
                SagaSummary::Orchestrator& out = g.orchestrator;
                out.service = cs->componentName();
                out.persisted = o->persisted();
                out.started = k.started;
                out.completed = k.completed;
                out.compensated = k.compensated;
                out.gaveUp = k.gaveUp;
                out.lost = k.lost;
                out.live = o->live();
                out.commands = k.commands;
                out.undos = k.undos;
                out.timeouts = k.timeouts;
                out.undoResent = k.undoResent;
                out.staleReplies = k.staleReplies;
                out.duplicateStarts = k.duplicateStarts;
                out.resumed = k.resumed;
            }
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
    for (const SagaSummary& g : s.sagas) {
        const SagaSummary::Orchestrator& o = g.orchestrator;
        if (o.service.empty()) continue;
        sagas[g.name]["orchestrator"] = {{"service", o.service},
                                         {"persisted", o.persisted},
                                         {"started", o.started},
                                         {"completed", o.completed},
                                         {"compensated", o.compensated},
                                         {"gave_up", o.gaveUp},
                                         {"lost_in_crash", o.lost},
                                         {"in_flight", o.live},
                                         {"commands", o.commands},
                                         {"undos", o.undos},
                                         {"timeouts", o.timeouts},
                                         {"undos_resent", o.undoResent},
                                         {"stale_replies", o.staleReplies},
                                         {"duplicate_starts", o.duplicateStarts},
                                         {"resumed", o.resumed}};
    }
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
        if (const SagaSummary::Orchestrator& o = g.orchestrator; !o.service.empty())
            out += fmt::format("  orchestrated by {} ({}): {} commands, {} undos, {} timeouts, {} undos sent again, {} given up, "
                               "{} lost in a crash, {} resumed after a restart, {} stale replies\n",
                               o.service, o.persisted ? "persisted" : "in memory", o.commands, o.undos, o.timeouts,
                               o.undoResent, o.gaveUp, o.lost, o.resumed, o.staleReplies);
    }
}

} // namespace es

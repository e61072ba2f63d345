#include "run/SummaryFormat.h"

#include "run/CallsFormat.h"
#include "run/LatencyJson.h"
#include "run/SagaSummary.h"
#include "run/StateFormat.h"

#include <fmt/format.h>

namespace es {

static nlohmann::json versionsJson(const GroupSummary& g)
{
    nlohmann::json a = nlohmann::json::array();
    for (const GroupSummary::VersionLine& v : g.versions)
        a.push_back({{"version", v.version}, {"attempts", v.attempts}, {"failed", v.failed}, {"upcast", v.upcast}});
    return a;
}

nlohmann::json summaryToJson(const RunSummary& s)
{
    using nlohmann::json;
    json j;
    j["schema"] = "eventscape.run-summary/1";
    j["engine_version"] = s.engineVersion;
    j["scenario"] = {{"id", s.scenarioId}, {"title", s.title}, {"path", s.scenarioPath}, {"variant", s.variant}, {"overrides", s.overrides}};
    j["seed"] = s.seed;
    j["sim_time_s"] = s.simTime;
    j["planned_time_s"] = s.plannedTime;
    j["interrupted"] = s.interrupted;
    j["events_processed"] = s.eventsProcessed;
    j["events_created"] = s.eventsCreated;
    j["wall_time_s"] = s.wallTime;
    j["events_per_wall_s"] = s.wallTime > 0 ? static_cast<double>(s.eventsProcessed) / s.wallTime : 0.0;
    j["trace_digest"] = digestHex(s.traceDigest);
    json producers = json::object();
    for (const ProducerSummary& p : s.producers)
        producers[p.name] = {{"created", p.created}, {"published", p.published}, {"publish_failed", p.publishFailed},
                             {"pending", p.pending}, {"not_produced_while_down", p.notProduced},
                             {"publish", p.publishMode}, {"db_writes", p.dbWrites},
                             {"lost_after_commit", p.lostAfterCommit}, {"relay_republished", p.relayRepublished},
                             {"outbox_pending", p.outboxPending},
                             {"end_to_end_s", latencyJson(p.endToEnd)},
                             {"flows", {{"completed", p.flowsCompleted}, {"no_effect", p.flowsNoEffect},
                                        {"in_flight", p.flowsInFlight}}}};
    j["producers"] = producers;
    json groups = json::object();
    for (const GroupSummary& g : s.groups) {
        groups[g.name] = {
            {"source", g.source},
            {"source_kind", g.sourceKind},
            {"latency_s", latencyJson(g.latency)},
            {"wait_s", {{"mean", g.meanWait}}},
            {"utilisation", g.utilisation},
            {"avg_in_service", g.avgInService},
            {"avg_in_system", g.hasAvgInSystem ? json(g.avgInSystem) : json(nullptr)},
            {"events", g.events},
            {"effects", g.effects},
            {"effect_applications", g.effectApplications},
            {"duplicate_effects", g.duplicateEffects},
            {"deduplicated", g.deduplicated},
            {"dead_lettered", g.deadLettered},
            {"dropped", g.dropped},
            {"skipped_by_replay", g.skippedByReplay},
            {"in_flight", g.inFlight},
            {"max_lag_messages", g.maxLagMessages},
            {"max_lag_seconds", g.maxLagSeconds},
            {"attempts", g.attempts},
            {"failed_attempts", g.failedAttempts},
            {"emitted", g.emitted},
            {"declined", g.declined},
            {"versions", versionsJson(g)},
        };
    }
    j["groups"] = groups;
    json brokers = json::object();
    for (const BrokerSummary& b : s.brokers) {
        json o = {{"kind", b.kind}};
        if (b.kind == "queue") {
            o["visible"] = b.visible;
            o["in_flight"] = b.inFlight;
            o["dead_lettered"] = b.deadLettered;
            o["redeliveries"] = b.redeliveries;
            o["max_depth"] = b.maxDepth;
            o["avg_waiting"] = b.avgWaiting;
            o["avg_in_queue"] = b.avgInQueue;
        } else if (b.kind == "log") {
            o["partitions"] = b.partitions;
            o["retained"] = b.retained;
            o["expired"] = b.expired;
            o["rebalances"] = b.rebalances;
            o["partition_moves"] = b.partitionMoves;
        } else {
            o["received"] = b.received;
            o["copies_out"] = b.copiesOut;
            o["unrouted"] = b.unrouted;
        }
        brokers[b.name] = o;
    }
    j["brokers"] = brokers;
    json failures = json::array();
    for (const FailureEvent& f : s.failures) failures.push_back({{"at_s", f.at}, {"target", f.target}, {"what", f.what}});
    j["failures"] = failures;
    callsToJson(s, j);
    stateToJson(s, j);
    sagasToJson(s, j);
    j["conservation_ok"] = s.conservationOk;
    j["violations"] = s.violations;
    return j;
}

static std::string ms(double seconds) { return fmt::format("{:.1f} ms", seconds * 1e3); }

std::string summaryToText(const RunSummary& s)
{
    std::string out;
    auto line = [&out](const std::string& l) { out += l + "\n"; };
    line(fmt::format("{} — {}{}", s.scenarioId, s.title, s.variant.empty() ? "" : fmt::format(" (variant {})", s.variant)));
    line(fmt::format("seed {}  simulated {:.3f} s{}  events {}  wall {:.3f} s ({:.2f} M events/s)", s.seed, s.simTime,
                     s.interrupted ? fmt::format(" of {:.3f} s (interrupted)", s.plannedTime) : "", s.eventsProcessed,
                     s.wallTime, s.wallTime > 0 ? static_cast<double>(s.eventsProcessed) / s.wallTime / 1e6 : 0.0));
    line(fmt::format("trace digest {}", digestHex(s.traceDigest)));
    line("");
    for (const ProducerSummary& p : s.producers) {
        std::string extra;
        if (p.publishFailed) extra += fmt::format(", {} lost (broker unreachable past the publish timeout)", p.publishFailed);
        if (p.pending) extra += fmt::format(", {} still waiting to publish", p.pending);
        if (p.notProduced) extra += fmt::format(", {} not produced while down", p.notProduced);
        if (p.publishMode != "direct")
            extra += fmt::format("; {}: {} database writes, {} lost between commit and publish, {} published twice "
                                 "by the relay, {} in the outbox", p.publishMode, p.dbWrites, p.lostAfterCommit,
                                 p.relayRepublished, p.outboxPending);
        line(fmt::format("producer {}: {} events created, {} published{}", p.name, p.created, p.published, extra));
        if (p.endToEnd.count)
            line(fmt::format("  end to end (its event's creation → the last effect it caused, through every emitted "
                             "event): mean {}  p50 {}  p95 {}  p99 {}  max {}", ms(p.endToEnd.mean), ms(p.endToEnd.p50),
                             ms(p.endToEnd.p95), ms(p.endToEnd.p99), ms(p.endToEnd.max)));
        if (p.flowsCompleted || p.flowsNoEffect || p.flowsInFlight)
            line(fmt::format("  flows: {} completed, {} ended without any effect, {} still in flight", p.flowsCompleted,
                             p.flowsNoEffect, p.flowsInFlight));
    }
    // In the synchronous style the brokers carry nothing: their empty rows would only hide the calls.
    const bool sync = s.style == "sync";
    for (const GroupSummary& g : s.groups) {
        if (sync && g.events == 0) continue;
        line(fmt::format("group {} (from {} {})", g.name, g.sourceKind, g.source));
        line(fmt::format("  events {}  effects {}  duplicate effects {}  deduplicated {}  dead-lettered {}  dropped {}{}  "
                         "in flight {}",
                         g.events, g.effects, g.duplicateEffects, g.deduplicated, g.deadLettered, g.dropped,
                         g.skippedByReplay ? fmt::format(" ({} skipped by a replay)", g.skippedByReplay) : std::string(),
                         g.inFlight));
        if (g.latency.count)
            line(fmt::format("  latency mean {}  p50 {}  p95 {}  p99 {}  max {}   wait mean {}", ms(g.latency.mean),
                             ms(g.latency.p50), ms(g.latency.p95), ms(g.latency.p99), ms(g.latency.max), ms(g.meanWait)));
        line(fmt::format("  utilisation {:.1f}%  max lag {} messages, {:.2f} s  attempts {} (failed {})  emitted {}{}",
                         g.utilisation * 100, g.maxLagMessages, g.maxLagSeconds, g.attempts, g.failedAttempts, g.emitted,
                         g.declined ? fmt::format("  declined {}", g.declined) : std::string()));
        for (const GroupSummary::VersionLine& v : g.versions)
            line(fmt::format("  version {}: {} attempts, {} failed (cannot read it){}", v.version, v.attempts, v.failed,
                             v.upcast ? fmt::format(", {} upcast", v.upcast) : std::string()));
        line(fmt::format("  time-average: {:.3f} in service{}", g.avgInService,
                         g.hasAvgInSystem ? fmt::format(", {:.3f} in system (in its queue: waiting or being handled)", g.avgInSystem)
                                          : std::string()));
    }
    for (const BrokerSummary& b : s.brokers) {
        if (sync && b.visible + b.inFlight + b.maxDepth + b.received + b.retained == 0) continue;
        if (b.kind == "queue") {
            line(fmt::format("queue {}: {} waiting, {} in flight, {} dead-lettered, {} redeliveries, max depth {}", b.name,
                             b.visible, b.inFlight, b.deadLettered, b.redeliveries, b.maxDepth));
            line(fmt::format("  time-average: {:.3f} waiting, {:.3f} in the queue", b.avgWaiting, b.avgInQueue));
            // The two figures count different things; say so where they differ rather than leave
            // them to look contradictory.
            for (const GroupSummary& g : s.groups)
                if (g.sourceKind == "queue" && g.source == b.name && g.deadLettered != b.deadLettered)
                    line(fmt::format("  (the queue counts messages it moved to its dead-letter queue, {}; group {} counts "
                                     "events whose fate is dead-lettered, {}: an event whose effect was applied, before "
                                     "or after its message was moved, counts as applied)",
                                     b.deadLettered, g.name, g.deadLettered));
        }
        else if (b.kind == "log")
            line(fmt::format("log {}: {} partitions, {} retained, {} expired, {} rebalances, {} partition moves", b.name,
                             b.partitions, b.retained, b.expired, b.rebalances, b.partitionMoves));
        else
            line(fmt::format("{} {}: {} received, {} copies out, {} unrouted", b.kind, b.name, b.received, b.copiesOut,
                             b.unrouted));
    }
    callsToText(s, out);
    stateToText(s, out);
    sagasToText(s, out);
    for (const FailureEvent& f : s.failures) line(fmt::format("at {:.3f} s: {} {}", f.at, f.target, f.what));
    line("");
    if (s.conservationOk) {
        line("conservation: ok (every event is applied, dead-lettered, dropped or in flight)");
    } else {
        line("conservation: VIOLATED");
        for (const std::string& v : s.violations) line("  " + v);
    }
    return out;
}

} // namespace es

#include "compare/CompareColumns.h"

#include <algorithm>
#include <cmath>

namespace es {

namespace {

enum Col : std::size_t {
    kP50, kP95, kP99, kCompleted, kFailed, kFailedAttempts, kLost, kDuplicates, kDeadLettered, kMaxLagMessages,
    kMaxLagSeconds, kBusiest, kMaxStaleness, kOversold, kRecovery, kUnrecovered, kColumnCount
};

// Worst of several sources (two entry services, two producers): a user of either sees it.
void takeWorst(std::optional<double>& cell, double v) { cell = cell ? std::max(*cell, v) : v; }

void latencyInto(std::vector<std::optional<double>>& out, const LatencySummary& l)
{
    if (l.count == 0) return; // nothing completed: no latency, not a latency of 0
    takeWorst(out[kP50], l.p50);
    takeWorst(out[kP95], l.p95);
    takeWorst(out[kP99], l.p99);
}

} // namespace

std::string latencySourceName(LatencySource source)
{
    switch (source) {
    case LatencySource::Users: return "users";
    case LatencySource::Flows: return "flows";
    case LatencySource::Groups: return "groups";
    }
    return "groups";
}

LatencySource latencySourceOf(const std::vector<const RunSummary*>& runs)
{
    bool flows = false;
    for (const RunSummary* r : runs) {
        if (!r->requests.empty()) return LatencySource::Users;
        for (const ProducerSummary& p : r->producers) flows = flows || p.endToEnd.count > 0;
    }
    return flows ? LatencySource::Flows : LatencySource::Groups;
}

const std::vector<CompareColumn>& compareColumns()
{
    static const std::vector<CompareColumn> columns = {
        {"latency_p50_s", "p50 ms", Better::Lower, 1e3},
        {"latency_p95_s", "p95 ms", Better::Lower, 1e3},
        {"latency_p99_s", "p99 ms", Better::Lower, 1e3},
        {"completed", "completed", Better::Higher, 1},
        {"failed", "failed", Better::Lower, 1},
        {"failed_attempts", "failed attempts", Better::Lower, 1},
        {"lost", "lost", Better::Lower, 1},
        {"duplicate_effects", "dup effects", Better::Lower, 1},
        {"dead_lettered", "dead-lettered", Better::Lower, 1},
        {"max_lag_messages", "max lag msgs", Better::Lower, 1},
        {"max_lag_s", "max lag s", Better::Lower, 1},
        {"busiest_utilisation", "busiest %", Better::Lower, 100},
        {"max_staleness_s", "max stale ms", Better::Lower, 1e3},
        {"oversold", "oversold", Better::Lower, 1},
        {"recovery_s", "recovery s", Better::Lower, 1},
        {"unrecovered", "unrecovered", Better::Lower, 1},
    };
    return columns;
}

std::vector<std::optional<double>> columnValues(const RunSummary& run, LatencySource source,
                                                const RecoveryFigures& recovery)
{
    std::vector<std::optional<double>> out(kColumnCount);
    auto add = [&out](Col c, std::uint64_t v) { out[c] = out[c].value_or(0) + static_cast<double>(v); };

    switch (source) {
    case LatencySource::Users:
        for (const RequestSummary& r : run.requests) latencyInto(out, r.latency);
        break;
    case LatencySource::Flows:
        for (const ProducerSummary& p : run.producers) latencyInto(out, p.endToEnd);
        break;
    case LatencySource::Groups:
        for (const GroupSummary& g : run.groups) latencyInto(out, g.latency);
        break;
    }
    if (source == LatencySource::Users) {
        for (const RequestSummary& r : run.requests) {
            add(kCompleted, r.succeeded);
            add(kFailed, r.failed + r.timedOut + r.rejected + r.failedFast);
        }
    } else {
        for (const ProducerSummary& p : run.producers) add(kCompleted, p.flowsCompleted);
    }
    for (const ProducerSummary& p : run.producers) add(kLost, p.publishFailed + p.lostAfterCommit);
    for (const GroupSummary& g : run.groups) {
        add(kFailedAttempts, g.failedAttempts);
        add(kLost, g.dropped);
        add(kDuplicates, g.duplicateEffects);
        add(kDeadLettered, g.deadLettered);
        takeWorst(out[kMaxLagMessages], static_cast<double>(g.maxLagMessages));
        takeWorst(out[kMaxLagSeconds], g.maxLagSeconds);
        if (g.source != g.name) takeWorst(out[kBusiest], g.utilisation); // an unconsumed queue has no workers
    }
    for (const ServerSummary& s : run.servers) add(kDuplicates, s.duplicateEffects);
    for (const ReadModelSummary& m : run.readModels) takeWorst(out[kMaxStaleness], m.maxStaleness);
    for (const StateSummary& s : run.states) add(kOversold, s.oversold);
    // A run with a failure it did not recover from has no recovery time: it is counted, not averaged in as 0.
    if (recovery.measured > 0) {
        out[kUnrecovered] = static_cast<double>(recovery.unrecovered);
        if (!std::isnan(recovery.worstSeconds)) out[kRecovery] = recovery.worstSeconds;
    }
    return out;
}

} // namespace es

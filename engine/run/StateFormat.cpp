#include "run/StateFormat.h"
#include "run/LatencyJson.h"

#include <fmt/format.h>

namespace es {

void stateToJson(const RunSummary& s, nlohmann::json& j)
{
    using nlohmann::json;
    json states = json::object();
    for (const StateSummary& v : s.states) {
        json one = {{"initial", v.initial}, {"entities", v.entities}, {"writes", v.writes},
                    {"oversold", v.oversold}, {"filled_late", v.filledLate}, {"owed", v.owed},
                    {"value_total", v.valueTotal}};
        if (v.reconcileEvery > 0)
            one["reconciliation"] = {{"every_s", v.reconcileEvery}, {"runs", v.reconcileRuns}, {"repaired", v.repaired},
                                     {"repair_delay_s", latencyJson(v.repairDelay)}};
        states[v.service] = one;
    }
    j["states"] = states;
    json models = json::object();
    for (const ReadModelSummary& r : s.readModels) {
        json hist = json::array();
        for (const HistogramBin& b : r.histogram) hist.push_back({{"up_to_s", b.upTo}, {"count", b.count}});
        models[r.service] = {{"projects", r.of},
                             {"consistency_window_s", latencyJson(r.window)},
                             {"histogram", hist},
                             {"writes", r.writes},
                             {"reflected", r.reflected},
                             {"writes_behind", r.behind},
                             {"staleness_s", r.staleness},
                             {"max_staleness_s", r.maxStaleness}};
    }
    j["read_models"] = models;
    json decisions = json::object();
    for (const DecisionSummary& d : s.decisions)
        decisions[d.service] = {{"reads_from", d.from},
                                {"from_read_model", d.fromReadModel},
                                {"need", d.need},
                                {"reads", d.reads},
                                {"accepted", d.accepted},
                                {"refused", d.refused},
                                {"accepted_without", d.acceptedWithout},
                                {"refused_with", d.refusedWith},
                                {"own_reads", d.ownReads},
                                {"own_reads_missed", d.ownMisses}};
    j["decisions"] = decisions;
}

static std::string ms(double seconds) { return fmt::format("{:.1f} ms", seconds * 1e3); }

void stateToText(const RunSummary& s, std::string& out)
{
    auto line = [&out](const std::string& l) { out += l + "\n"; };
    for (const StateSummary& v : s.states) {
        line(fmt::format("state of {}: {} entities, {} writes, {} oversold (a sale that left an entity below zero)",
                         v.service, v.entities, v.writes, v.oversold));
        if (v.oversold > 0 || v.reconcileEvery > 0)
            line(fmt::format("  oversold orders: {} filled late by new stock, {} repaired by reconciliation, {} still owed",
                             v.filledLate, v.repaired, v.owed));
        if (v.reconcileEvery > 0)
            line(fmt::format("  reconciliation every {} s: {} runs, {} orders cancelled and refunded, repaired after "
                             "mean {:.3f} s, max {:.3f} s",
                             v.reconcileEvery, v.reconcileRuns, v.repaired, v.repairDelay.mean, v.repairDelay.max));
    }
    for (const ReadModelSummary& r : s.readModels) {
        line(fmt::format("read model {} (projects {}): {} of {} writes reflected, {} behind, staleness now {}, max {}",
                         r.service, r.of, r.reflected, r.writes, r.behind, ms(r.staleness), ms(r.maxStaleness)));
        if (r.window.count)
            line(fmt::format("  consistency window (commit → reflected): mean {}  p50 {}  p95 {}  p99 {}  max {}",
                             ms(r.window.mean), ms(r.window.p50), ms(r.window.p95), ms(r.window.p99), ms(r.window.max)));
    }
    for (const DecisionSummary& d : s.decisions) {
        line(fmt::format("decisions of {} (reads {}, needs {}): {} reads, {} accepted ({} without it in the true state), "
                         "{} refused ({} with it there)",
                         d.service, d.from, d.need, d.reads, d.accepted, d.acceptedWithout, d.refused, d.refusedWith));
        if (d.ownReads)
            line(fmt::format("  read-your-writes: {} of {} reads of its own writes missed the last one ({:.1f}%)",
                             d.ownMisses, d.ownReads, 100.0 * static_cast<double>(d.ownMisses) / static_cast<double>(d.ownReads)));
    }
}

} // namespace es

#pragma once
// Two stored runs side by side (`eventscape-cli compare-runs A B`): the comparison table's figures
// (CompareColumns.h) of each run, and B − A. One run each, so there is no interval: for a verdict
// over seeds, use `compare`. The latency source is chosen over both runs, as `compare` chooses it.
#include "compare/CompareColumns.h"
#include "compare/RecoveryTime.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace es {

struct PairedRun {
    std::string label; // e.g. "#12 base seed 7"
    const RunSummary* summary = nullptr;
    RecoveryFigures recovery;
};

struct RunPairRow {
    CompareColumn column;
    double a, b; // NaN where that run has no such figure
    double difference() const { return b - a; }
};

struct RunPairTable {
    LatencySource latencySource = LatencySource::Groups;
    double recoveryLag = 0;
    std::vector<RunPairRow> rows; // the columns either run has, in compareColumns() order
};

RunPairTable pairRuns(const PairedRun& a, const PairedRun& b, double recoveryLagSeconds);
std::string runPairToText(const RunPairTable& t, const PairedRun& a, const PairedRun& b);
// `runs` is each run's own description (store record), put in as given.
nlohmann::json runPairToJson(const RunPairTable& t, const nlohmann::json& runs);

} // namespace es

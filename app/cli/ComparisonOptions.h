#pragma once
// The options that say which runs a comparison is made of, shared by `compare` and `plan` (a plan
// writes, as job lines, exactly the runs `compare` with the same options would run).
#include "compare/Replications.h"

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace cli {

struct ComparisonOptions {
    std::string scenario, sweep, recoveryLag;
    std::vector<std::string> variants, sets;
    int seeds = 5;

    // SCENARIO, --variants, --set, --seeds, --sweep and --recovery-lag on `command`; the returned
    // options are those that choose the runs (compare --from-store takes them from a plan instead).
    std::vector<CLI::Option*> addTo(CLI::App& command, bool scenarioRequired = true);
    // The plan for the resolved scenario path; throws std::invalid_argument for a bad --sweep or
    // --recovery-lag (the caller reports it as bad input).
    es::ReplicationPlan plan(const std::string& scenarioPath) const;
};

} // namespace cli

#pragma once
// `compare --from-store`: a plan's outcomes read from a run store (merged shards) instead of run.
// Each planned run is found by the uuid the plan gave it; its stored summary and sampled lag give
// the same figures the run gave in-process, so buildCompareTable() makes the same table.
#include "compare/PlanManifest.h"
#include "compare/Replications.h"

#include <cstddef>
#include <vector>

namespace es {

class RunStore;

struct StoredOutcomes {
    std::vector<RunOutcome> outcomes;      // in task order, like Replications::run()'s
    std::vector<std::size_t> missingLines; // jobs-file lines whose run is not in the store
    std::vector<std::size_t> unfinishedLines; // in the store, but incomplete or interrupted
};

// Throws std::invalid_argument when the manifest does not describe `reps` (another scenario, other
// seeds, another number of runs) or a stored run is not the run its line planned (another seed,
// other overrides, or another text of the scenario file than the one read now): a table must not
// silently mix runs, nor measure recovery against failures the runs did not have. `keepSeries` also loads every series (--export).
StoredOutcomes loadPlanOutcomes(RunStore& store, const Replications& reps, const PlanManifest& plan, bool keepSeries);

} // namespace es

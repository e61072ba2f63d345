#pragma once
// A plan (`eventscape-cli plan`): the runs a comparison would do, each written as its own job, plus
// the manifest that lets `compare --from-store` find them again after the shards are merged.
//
// Every run of the plan is given its run uuid in advance (the job line passes `run --run-uuid`), so
// the manifest names each row × seed's run by the uuid it will have in any store it is merged into;
// nothing else (file names, ids, hosts) has to survive the trip. The manifest also keeps the plan's
// settings, so the comparison is rebuilt exactly as `compare` would have built it.
#include "compare/Replications.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace es {

inline constexpr const char* kPlanSchema = "eventscape.plan/1";

struct PlannedRun {
    std::size_t line = 0;  // 1-based line of the jobs file (= SLURM_ARRAY_TASK_ID, = GNU parallel's {#})
    std::size_t row = 0;   // the comparison row (PlanRow) and its seed
    int seedIndex = 0;
    std::uint64_t seed = 0;
    std::string runUuid;   // 32 hex digits
    std::string shard;     // the store file the job writes
};

struct PlanManifest {
    std::string planUuid, createdAt;
    std::string scenarioPath;          // absolute: the jobs may run anywhere
    std::vector<std::string> variants; // resolved (base and every variant when none was named)
    std::vector<std::string> sets;
    int seeds = 1;
    std::uint64_t firstSeed = 0;
    std::optional<Sweep> sweep;
    double recoveryLagSeconds = 0;     // the threshold of the recovery columns (RecoveryTime.h)
    std::string jobsFile;
    std::vector<PlannedRun> runs;      // in the plan's task order: row-major, then seed

    // The ReplicationPlan `compare` would have run (jobs and series aside).
    ReplicationPlan replicationPlan() const;
};

// The manifest of `reps`' tasks, a fresh uuid each, the shards named DIR/shard-NNNNNN.sqlite by line.
PlanManifest makePlanManifest(const Replications& reps, const std::string& shardDir, const std::string& jobsFile);

nlohmann::json planToJson(const PlanManifest& plan);
// Throws std::invalid_argument, naming `source` and what is wrong, for anything but a plan manifest.
PlanManifest planFromJson(const nlohmann::json& j, const std::string& source);
PlanManifest readPlanManifest(const std::string& path);

} // namespace es

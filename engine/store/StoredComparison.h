#pragma once
// A comparison (`eventscape-cli compare`) in the run store (tables `comparisons` and
// `comparison_runs`, schema 3): its settings, its table, and the uuid of the run behind each variant
// × seed, so it can be found again and its runs reopened.
#include "store/SqliteHandle.h"

#include <cstdint>
#include <string>
#include <vector>

namespace es {

struct ComparisonRun {
    std::string variant;
    int seedIndex = 0;
    std::uint64_t seed = 0;
    std::string runUuid;
};

struct ComparisonRecord {
    std::int64_t id = 0;
    std::string uuid, createdAt; // filled by saveComparison when empty
    std::string scenarioId, scenarioPath;
    std::string settingsJson, tableJson;
    std::vector<ComparisonRun> runs;
};

// In one transaction of its own. Fills id (and uuid, createdAt when empty).
void writeComparison(sqlite::Database& db, ComparisonRecord& c);
// Every comparison, oldest first, with its runs.
std::vector<ComparisonRecord> readComparisons(sqlite::Database& db);

} // namespace es

#pragma once
// A stored run's summary (`runs.summary_json`, docs/cli-json.md) read back into a RunSummary, as far
// as the comparison's columns (CompareColumns.cpp) and recovery (RecoveryTime.h) read it: enough for
// `compare --from-store` to compute, from merged shards, the very table `compare` computes in-process.
// JSON numbers are written with every digit, so each figure reads back as the same double.
#include "run/RunSummary.h"

#include <nlohmann/json.hpp>

namespace es {

// Throws std::invalid_argument when `j` is not a run summary object.
RunSummary comparedFiguresFromJson(const nlohmann::json& j);

} // namespace es

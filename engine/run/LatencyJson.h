#pragma once
// One latency summary as the JSON object every part of the summary uses: {mean, p50, p95, p99,
// max, count}, in seconds (docs/cli-json.md).
#include "run/RunSummary.h"

#include <nlohmann/json.hpp>

namespace es {

inline nlohmann::json latencyJson(const LatencySummary& l)
{
    return {{"mean", l.mean}, {"p50", l.p50}, {"p95", l.p95}, {"p99", l.p99}, {"max", l.max}, {"count", l.count}};
}

} // namespace es

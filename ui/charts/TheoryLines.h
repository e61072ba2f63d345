#pragma once
// The reference lines of the latency chart when queueing theory describes the scenario
// (es::theoryFor): the closed-form mean time to effect W, and the simulated mean so far (each
// window's mean latency weighted by its throughput) labelled with its difference from theory.
#include "charts/ChartSpec.h"
#include "run/TheoryReference.h"

#include <optional>
#include <vector>

namespace esui {

class ChartStore;

// Empty when there is no theory; else [theory W, simulated mean] (the second only once there is data).
std::vector<ChartReference> theoryLines(const std::optional<es::TheoryReference>& theory, const ChartStore& store);
// The simulated mean time to effect of `group` over the rows in the store; NaN without data.
double simulatedMeanLatency(const ChartStore& store, const std::string& group);

} // namespace esui

#pragma once
// The synchronous-call part of a run's summary: users' outcomes and latency per entry service,
// availability inside and outside each failure, servers, dependencies and retry amplification.
#include "run/RunSummary.h"

namespace es {

class World;

void summarizeCalls(const World& world, RunSummary& out);

} // namespace es

#pragma once
// Fills the state part of a run's summary: write models, read models with their consistency
// windows, and the decisions taken on them.
#include "run/RunSummary.h"

namespace es {

class World;
void summarizeState(const World& world, RunSummary& s);

} // namespace es

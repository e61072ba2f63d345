#pragma once
// A comparison saved in the run store (`compare` saves one when every run finished;
// store/StoredComparison.h) opened again: its settings give back the plan `compare` ran and its runs
// the uuids of that plan's runs, so `compare --open` rebuilds the same table, charts and report
// from the stored runs, exactly as `compare --from-store` does for a plan made elsewhere.
#include "compare/PlanManifest.h"
#include "store/StoredComparison.h"

#include <string>
#include <vector>

namespace es {

// "last", a number (the comparison's id) or a unique prefix of its uuid. Throws std::invalid_argument
// naming what it found when `spec` names none or several.
const ComparisonRecord& findComparison(const std::vector<ComparisonRecord>& all, const std::string& spec);

// The plan the comparison ran, with each stored run in its task's place. Throws std::invalid_argument
// when its settings cannot be read back (a comparison of a newer Eventscape) or its scenario no
// longer loads with them.
PlanManifest manifestOfComparison(const ComparisonRecord& c);

// The baseline the comparison was made with ("" when it did not say).
std::string comparisonBaseline(const ComparisonRecord& c);

} // namespace es

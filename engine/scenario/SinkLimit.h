#pragma once
// The loader's copy of the engine's sink count: a scenario with more consumer groups and unconsumed
// queues than kMaxSinks (scenario/EngineLimits.h) is refused by `validate` at the file position of
// the first one past the limit, so that `run` and the window never meet a world they cannot build.
#include "scenario/Scenario.h"
#include "scenario/YamlReader.h"

#include <map>
#include <string>

namespace es {

// Counts sinks in the order model/World.cpp numbers them (consuming services in file order, then
// queues that no service consumes; in the synchronous style every queue) and reports the first past
// the limit, once.
void checkSinkLimit(const Scenario& s, DiagnosticSink& diags, const std::map<std::string, YAML::Mark>& serviceMarks,
                    const std::map<std::string, YAML::Mark>& brokerMarks);

} // namespace es

#pragma once
// Reading and checking the `failures:` list of a scenario (the loader's largest section, kept
// apart so that ScenarioLoader.cpp stays about the overall shape).
#include "scenario/Scenario.h"
#include "scenario/YamlReader.h"

#include <map>
#include <string>

namespace es {

// Remembers where each name reference was written, to point at it when the name is wrong.
using ReferenceLog = std::map<std::string, YAML::Node>;

// `index` is the failure's position in the list (references are logged under it).
FailureSpec readFailure(DiagnosticSink& diags, const YAML::Node& node, std::size_t index, ReferenceLog& refs);
// Checks that each failure names the kind of thing it applies to (a consumer, a producer, a
// broker of the right kind). Unknown names are reported here too.
void checkFailureTargets(DiagnosticSink& diags, const Scenario& s, const ReferenceLog& refs);

} // namespace es

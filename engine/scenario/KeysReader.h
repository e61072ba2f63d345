#pragma once
// Reads a producer's `keys:` (see docs/scenario-format.md, "Keys"): a count, a name pattern such as
// customer-{1..10000}, a list of names, or a mapping {names: <one of those>, zipf: 1.1}.
#include "scenario/Scenario.h"
#include "scenario/YamlReader.h"

#include <optional>

namespace es {

std::optional<KeySpec> readKeys(DiagnosticSink& diags, const YAML::Node& node, const std::string& what);

} // namespace es

#pragma once
// Reads the optional top-level `layout:` of a scenario: node name -> [x, y], the positions the window
// saved for the graph's nodes. Read after the services and brokers, so that a name that is neither
// is reported with a suggestion, like any other dangling reference.
#include "scenario/Scenario.h"
#include "scenario/YamlReader.h"

#include <vector>

namespace es {

// The largest |x| or |y| a layout may give (pixels): a million, a thousand screens wide.
inline constexpr double kMaxLayoutCoordinate = 1e6;

std::vector<NodePosition> readLayout(DiagnosticSink& diags, const YAML::Node& layout, const Scenario& scenario);

} // namespace es

#pragma once
// Reads the optional top-level `charts:` of a scenario: which charts the window opens first, in
// order, e.g. `charts: [lag, latency]`. A lesson names the charts that carry its point; the others
// stay one menu away. The names are the window's chart kinds (kChartNames); an unknown one is an
// error at its place with the valid names and the closest one. The engine only keeps the list: it
// draws nothing.
#include "scenario/YamlReader.h"

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace es {

// Every chart a scenario may name, in the window's order.
inline constexpr std::array<std::string_view, 7> kChartNames{"lag", "lag-seconds", "latency", "latency-distribution",
                                                            "throughput", "queues", "in-flight"};
// What a scenario without `charts:` opens.
inline const std::vector<std::string> kDefaultCharts{"lag", "latency"};

// The names in `charts` (a name or a list of names), duplicates dropped; kDefaultCharts when the
// key is absent. Errors go to `diags`.
std::vector<std::string> readCharts(DiagnosticSink& diags, const YAML::Node& charts);

} // namespace es

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
// "users" is the users' latency and outcomes of a scenario with synchronous calls.
// "threads" is the busy threads and backlog of the servers of synchronous calls.
// "partition-lag" and "partition-lag-seconds" are the lag of each partition of a log's groups.
inline constexpr std::array<std::string_view, 13> kChartNames{"users", "lag", "lag-seconds", "partition-lag", "partition-lag-seconds",
                                                            "latency", "latency-distribution", "throughput", "queues", "in-flight",
                                                            "threads", "consistency", "sagas"};
// What a scenario without `charts:` opens. "users" opens only where there are users (a chart with
// no line is never shown), so an events-only scenario gets lag and latency.
inline const std::vector<std::string> kDefaultCharts{"users", "lag", "latency"};

// The names in `charts` (a name or a list of names), duplicates dropped; kDefaultCharts when the
// key is absent. Errors go to `diags`.
std::vector<std::string> readCharts(DiagnosticSink& diags, const YAML::Node& charts);

} // namespace es

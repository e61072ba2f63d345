#pragma once
// The columns of the comparison table and how each is read from one run (docs/cli-compare.md,
// "Columns"). A column a run does not have (no read model: no staleness) is nullopt for that run;
// the table leaves out a column no run has.
#include "compare/RecoveryTime.h"
#include "run/RunSummary.h"

#include <optional>
#include <string>
#include <vector>

namespace es {

enum class Better { Lower, Higher };

// Where the "user-facing latency" columns come from, chosen once for a whole comparison so a column
// means one thing in every row: the entry services' users (request sent -> answer) when the scenario
// has users, else the producers' flows (end to end), else the consumer groups (creation -> effect).
enum class LatencySource { Users, Flows, Groups };
std::string latencySourceName(LatencySource source); // "users", "flows", "groups"
LatencySource latencySourceOf(const std::vector<const RunSummary*>& runs);

struct CompareColumn {
    std::string key;   // table.csv / table.json name, e.g. latency_p99_s
    std::string label; // the text table's header, e.g. "p99 ms"
    Better better;
    double textScale;  // the text table shows value × textScale (seconds as ms)
};

// Every column the table can have, in table order.
const std::vector<CompareColumn>& compareColumns();

// One run's figures, indexed like compareColumns(); `recovery` from its sampled lag (RecoveryTime.h).
std::vector<std::optional<double>> columnValues(const RunSummary& run, LatencySource source,
                                                const RecoveryFigures& recovery);

} // namespace es

#pragma once
// `compare --export DIR`: table.csv and table.json (CompareFormat.h), curve.csv with a sweep, and
// every run's sampled series as CSV, one file per row × seed × series: DIR/series/ROW-seedSEED/
// NAME.csv with the header `t_s,NAME` (the files `export --csv` writes for one stored run).
#include "compare/CompareTable.h"

#include <string>
#include <vector>

namespace es {

// The folder (under DIR/series) of one run's files.
std::string compareSeriesFolder(const std::string& variant, std::uint64_t seed);

// Creates `dir` when missing and writes the files; returns their paths. Series are written for the
// outcomes that kept them (ReplicationPlan::keepSeries). Throws a StoreError naming a file it
// cannot write.
std::vector<std::string> writeCompareExport(const std::string& dir, const CompareTable& table,
                                            const std::vector<RunOutcome>& outcomes);

} // namespace es

#pragma once
// `compare --export DIR`: table.csv and table.json (CompareFormat.h), curve.csv and sweep.json
// (SweepAnalysis.h: theory and tipping points) with a sweep, every run's sampled series as CSV, one
// file per row × seed × series: DIR/series/ROW-seedSEED/NAME.csv with the header `t_s,NAME` (the
// files `export --csv` writes for one stored run), and each row's spread over its seeds:
// DIR/bands/ROW/NAME.csv with `t_s,mean,min,max,seeds` (SeedBands.h), what the small multiples draw.
// The charts and the report come from the window's chart library (ui/report), not from here.
#include "compare/CompareTable.h"

#include <string>
#include <vector>

namespace es {

// The folder (under DIR/series) of one run's files.
std::string compareSeriesFolder(const std::string& variant, std::uint64_t seed);

// Creates `dir` when missing and writes the files; returns their paths. Series are written for the
// outcomes that kept them (ReplicationPlan::keepSeries). Throws a StoreError naming a file it
// cannot write.
std::vector<std::string> writeCompareExport(const std::string& dir, const Replications& reps, const CompareTable& table,
                                            const std::vector<RunOutcome>& outcomes);

} // namespace es

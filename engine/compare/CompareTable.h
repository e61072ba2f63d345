#pragma once
// The comparison table: one row per variant, one column per figure any run has (CompareColumns.h),
// each cell the mean and 95% t-interval over the seeds; the best and worst row of each column
// marked; and each variant's paired difference to a baseline variant, seed by seed.
#include "compare/CompareColumns.h"
#include "compare/Replications.h"
#include "compare/TInterval.h"

#include <string>
#include <vector>

namespace es {

struct CompareCell {
    Interval interval;          // n = 0 when no run of the variant has the figure
    std::vector<double> values; // per seed index; NaN where that run has no value
    bool best = false, worst = false;
};

struct CompareTable {
    std::string scenarioId, title, scenarioPath;
    std::vector<std::string> sets;
    std::vector<std::uint64_t> seeds;
    LatencySource latencySource = LatencySource::Groups;
    double recoveryLag = 0;                      // seconds: the recovery columns' threshold
    std::vector<CompareColumn> columns; // those some run has, in compareColumns() order
    std::vector<std::string> variants;           // the rows' labels (PlanRow::label)
    std::vector<std::string> rowVariants;        // each row's variant
    std::string sweepKey;                        // empty without a sweep
    std::vector<std::string> rowPoints;          // each row's sweep value (empty without a sweep)
    std::vector<std::vector<CompareCell>> cells; // [row][column]
    std::size_t baseline = 0;                    // index into variants
    // [row][column]: row − baseline over the seeds where both runs have the figure.
    std::vector<std::vector<Interval>> differences;
    std::size_t runsDone = 0, runsPlanned = 0;
};

// Builds the table from the outcomes of `reps.run()` (only runs that finished count). Throws
// std::invalid_argument when `baseline` names no row of the plan (empty: the first).
CompareTable buildCompareTable(const Replications& reps, const std::vector<RunOutcome>& outcomes,
                               const std::string& baseline = {});

} // namespace es

#pragma once
// Time to recover after each failure (docs/cli-compare.md, "Recovery"): for every failure of the
// scenario that ends before the run does, the simulated seconds from the failure's end until every
// consumer group's lag (GROUP.lag_seconds, sampled every metrics.interval) is back at or under a
// threshold and stays there until the next failure begins (or the run ends). A failure after which
// that never happens is counted as *not recovered*, never as a time of 0.
#include "metrics/TimeSeries.h"
#include "run/RunSummary.h"
#include "scenario/Scenario.h"

#include <cstddef>
#include <limits>
#include <vector>

namespace es {

struct StoredSeries;

// The threshold when none is given: a second of lag.
inline constexpr double kDefaultRecoveryLagSeconds = 1.0;

struct FailureWindow {
    double start = 0, end = 0; // seconds
};

// One sampled lag: the worst group's lag_seconds at each sampling instant.
struct LagTrace {
    std::vector<double> times, worstLag; // seconds
};

struct RecoveryFigures {
    std::size_t measured = 0;    // failures that ended before the run did
    std::size_t unrecovered = 0; // of those, failures the lag never came back from
    // The longest time to recover over the measured failures; NaN when one did not recover or none was measured.
    double worstSeconds = std::numeric_limits<double>::quiet_NaN();
};

// The scenario's failures with an end (a failure lasting to the end of the run has none); an
// instant one (replay, poison_next) ends where it begins.
std::vector<FailureWindow> failureWindows(const Scenario& scenario);

// The worst lag over the consumer groups of `summary` (their GROUP.lag_seconds series), in-process or
// as stored; both give the same doubles, so a stored run's figures equal the live run's.
LagTrace worstLagOf(const RunSummary& summary, const TimeSeriesSet& series);
LagTrace worstLagOf(const RunSummary& summary, const std::vector<StoredSeries>& series);

RecoveryFigures recoveryAfterFailures(const std::vector<FailureWindow>& failures, const LagTrace& lag,
                                      double thresholdSeconds, double runEndSeconds);

} // namespace es

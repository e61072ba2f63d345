#include "compare/RecoveryTime.h"

#include "store/RunStore.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <string>

namespace es {

namespace {

// The names of the series that hold a consumer group's lag in seconds.
std::set<std::string> groupLagSeries(const RunSummary& summary)
{
    std::set<std::string> names;
    for (const GroupSummary& g : summary.groups) names.insert(g.name + ".lag_seconds");
    return names;
}

// Folds one lag series into the worst-of-groups trace (NaN samples are no lag known: skipped).
void foldInto(LagTrace& trace, const std::vector<double>& times, const std::vector<double>& values)
{
    if (trace.times.empty()) {
        trace.times = times;
        trace.worstLag.assign(times.size(), 0.0);
    }
    const std::size_t n = std::min(trace.worstLag.size(), values.size());
    for (std::size_t i = 0; i < n; ++i)
        if (!std::isnan(values[i])) trace.worstLag[i] = std::max(trace.worstLag[i], values[i]);
}

} // namespace

std::vector<FailureWindow> failureWindows(const Scenario& scenario)
{
    std::vector<FailureWindow> out;
    for (const FailureSpec& f : scenario.failures) {
        // A replay or a poisoned message happens at one instant; its lag comes after it.
        if (isInstantFailure(f.kind)) out.push_back({toSeconds(f.at), toSeconds(f.at)});
        else if (f.duration != kNever) out.push_back({toSeconds(f.at), toSeconds(f.at + f.duration)});
    }
    return out;
}

LagTrace worstLagOf(const RunSummary& summary, const TimeSeriesSet& series)
{
    const std::set<std::string> wanted = groupLagSeries(summary);
    LagTrace trace;
    std::vector<double> times;
    for (std::size_t r = 0; r < series.rowCount(); ++r) times.push_back(toSeconds(series.timeAt(r)));
    for (std::size_t c = 0; c < series.seriesCount(); ++c) {
        if (!wanted.count(series.name(c))) continue;
        std::vector<double> values;
        for (std::size_t r = 0; r < series.rowCount(); ++r) values.push_back(series.valueAt(r, c));
        foldInto(trace, times, values);
    }
    return trace;
}

LagTrace worstLagOf(const RunSummary& summary, const std::vector<StoredSeries>& series)
{
    const std::set<std::string> wanted = groupLagSeries(summary);
    LagTrace trace;
    for (const StoredSeries& s : series)
        if (wanted.count(s.name)) foldInto(trace, s.times, s.values);
    return trace;
}

RecoveryFigures recoveryAfterFailures(const std::vector<FailureWindow>& failures, const LagTrace& lag,
                                      double threshold, double runEnd)
{
    RecoveryFigures r;
    double worst = 0;
    for (const FailureWindow& f : failures) {
        if (f.end >= runEnd) continue; // ended with the run, or after it: nothing to recover in
        // The lag must stay down until the next failure begins, else that one is what it shows.
        double horizon = runEnd;
        for (const FailureWindow& g : failures)
            if (g.start >= f.end) horizon = std::min(horizon, g.start);
        bool anySample = false, above = false, lastAbove = false;
        double after = 0; // the first sample after the last one above the threshold
        for (std::size_t i = 0; i < lag.times.size(); ++i) {
            const double t = lag.times[i];
            if (t < f.end || t > horizon) continue;
            anySample = true;
            if (lastAbove) after = t;
            lastAbove = lag.worstLag[i] > threshold;
            above = above || lastAbove;
        }
        if (!anySample) continue; // no sampling instant between the end and the horizon: not measured
        ++r.measured;
        if (lastAbove) {
            ++r.unrecovered;
            continue;
        }
        worst = std::max(worst, above ? after - f.end : 0.0);
    }
    if (r.measured > 0 && r.unrecovered == 0) r.worstSeconds = worst;
    return r;
}

} // namespace es

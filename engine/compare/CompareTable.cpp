#include "compare/CompareTable.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace es {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<double> present(const std::vector<double>& values)
{
    std::vector<double> out;
    for (double v : values)
        if (!std::isnan(v)) out.push_back(v);
    return out;
}

// Best and worst by the column's direction, over rows with a mean; rows tied with the best (worst)
// mean are all marked. None when all means are equal (nothing to tell apart) or one row has a mean.
void markBestWorst(CompareTable& t, std::size_t col)
{
    std::size_t rows = 0;
    double lo = 0, hi = 0;
    for (std::size_t v = 0; v < t.variants.size(); ++v) {
        const Interval& i = t.cells[v][col].interval;
        if (i.n == 0) continue;
        lo = rows == 0 ? i.mean : std::min(lo, i.mean);
        hi = rows == 0 ? i.mean : std::max(hi, i.mean);
        ++rows;
    }
    if (rows < 2 || lo == hi) return;
    const bool lowerIsBetter = t.columns[col].better == Better::Lower;
    const double best = lowerIsBetter ? lo : hi, worst = lowerIsBetter ? hi : lo;
    for (std::size_t v = 0; v < t.variants.size(); ++v) {
        CompareCell& cell = t.cells[v][col];
        if (cell.interval.n == 0) continue;
        cell.best = cell.interval.mean == best;
        cell.worst = cell.interval.mean == worst;
    }
}

} // namespace

CompareTable buildCompareTable(const Replications& reps, const std::vector<RunOutcome>& outcomes,
                               const std::string& baseline)
{
    const ReplicationPlan& plan = reps.plan();
    CompareTable t;
    const Scenario& sc = reps.scenario(0);
    t.scenarioId = sc.id;
    t.title = sc.title;
    t.scenarioPath = plan.scenarioPath;
    t.sets = plan.sets;
    t.seeds = reps.seeds();
    t.recoveryLag = plan.recoveryLag;
    for (const PlanRow& row : reps.rows()) {
        t.variants.push_back(row.label);
        t.rowVariants.push_back(row.variant);
        t.rowPoints.push_back(row.point);
    }
    if (plan.sweep) t.sweepKey = plan.sweep->key;
    t.runsPlanned = outcomes.size();
    if (!baseline.empty()) {
        const auto it = std::find(t.variants.begin(), t.variants.end(), baseline);
        if (it == t.variants.end())
            throw std::invalid_argument(fmt::format("--baseline {}: not among the compared rows ({})", baseline,
                                                    fmt::join(t.variants, ", ")));
        t.baseline = static_cast<std::size_t>(it - t.variants.begin());
    }

    std::vector<const RunSummary*> finished;
    for (const RunOutcome& o : outcomes)
        if (o.done) finished.push_back(&o.summary);
    t.runsDone = finished.size();
    t.latencySource = latencySourceOf(finished);

    // values[variant][column][seed]
    const std::vector<CompareColumn>& all = compareColumns();
    const std::size_t seeds = t.seeds.size();
    std::vector<std::vector<std::vector<double>>> values(
        t.variants.size(), std::vector<std::vector<double>>(all.size(), std::vector<double>(seeds, kNaN)));
    std::vector<bool> columnSeen(all.size(), false);
    for (const RunOutcome& o : outcomes) {
        if (!o.done) continue;
        const std::vector<std::optional<double>> row = columnValues(o.summary, t.latencySource, o.recovery);
        for (std::size_t c = 0; c < all.size(); ++c) {
            if (!row[c]) continue;
            values[o.task.row][c][static_cast<std::size_t>(o.task.seedIndex)] = *row[c];
            columnSeen[c] = true;
        }
    }

    // Runs that never recovered have no recovery time: the column stays, to say so ("– (3 never)").
    auto indexOf = [&all](const char* key) {
        return static_cast<std::size_t>(std::find_if(all.begin(), all.end(), [key](const CompareColumn& c) { return c.key == key; }) -
                                        all.begin());
    };
    if (columnSeen[indexOf("unrecovered")]) columnSeen[indexOf("recovery_s")] = true;

    t.cells.assign(t.variants.size(), {});
    t.differences.assign(t.variants.size(), {});
    for (std::size_t c = 0; c < all.size(); ++c) {
        if (!columnSeen[c]) continue; // a figure no run has: the column is left out
        t.columns.push_back(all[c]);
        for (std::size_t v = 0; v < t.variants.size(); ++v) {
            CompareCell cell;
            cell.values = values[v][c];
            cell.interval = tInterval(present(cell.values));
            t.cells[v].push_back(std::move(cell));
            // Paired by seed index: the same seed in both runs, so common random numbers cancel.
            std::vector<double> diff;
            for (std::size_t k = 0; k < seeds; ++k) {
                const double a = values[v][c][k], b = values[t.baseline][c][k];
                if (!std::isnan(a) && !std::isnan(b)) diff.push_back(a - b);
            }
            t.differences[v].push_back(tInterval(diff));
        }
        markBestWorst(t, t.columns.size() - 1);
    }
    return t;
}

} // namespace es

#include "compare/StoredOutcomes.h"

#include "compare/StoredSummary.h"
#include "store/RunRecorder.h"
#include "store/RunStore.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <stdexcept>

namespace es {

namespace {

// The stored series as the TimeSeriesSet an in-process run keeps, for --export's series files.
std::shared_ptr<const TimeSeriesSet> seriesSetOf(const std::vector<StoredSeries>& stored)
{
    const std::size_t rows = stored.empty() ? 0 : stored.front().times.size();
    auto set = std::make_shared<TimeSeriesSet>(1, rows + 2); // room for every row: nothing is halved
    for (const StoredSeries& s : stored) set->addSeries(s.name);
    std::vector<double> values(stored.size());
    for (std::size_t r = 0; r < rows; ++r) {
        for (std::size_t c = 0; c < stored.size(); ++c) values[c] = r < stored[c].values.size() ? stored[c].values[r] : 0;
        set->appendRow(fromSeconds(stored.front().times[r]), values);
    }
    return set;
}

} // namespace

StoredOutcomes loadPlanOutcomes(RunStore& store, const Replications& reps, const PlanManifest& plan, bool keepSeries)
{
    const std::vector<RunTask> tasks = reps.tasks();
    if (plan.runs.size() != tasks.size() || plan.firstSeed != reps.firstSeed())
        throw std::invalid_argument(fmt::format("plan {}: {} runs from seed {}, but the scenario now gives {} from seed {} "
                                                "(was {} changed since the plan was made?)",
                                                plan.planUuid, plan.runs.size(), plan.firstSeed, tasks.size(),
                                                reps.firstSeed(), plan.scenarioPath));
    const std::string scenarioText = readScenarioText(plan.scenarioPath);
    StoredOutcomes out;
    out.outcomes.resize(tasks.size());
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        const RunTask& t = tasks[i];
        const PlannedRun& p = plan.runs[i];
        RunOutcome& o = out.outcomes[i];
        o.task = t;
        if (p.row != t.row || p.seedIndex != t.seedIndex || p.seed != t.seed)
            throw std::invalid_argument(fmt::format("plan {}: line {} is row {} seed {}, the plan's task {} is row {} seed {}",
                                                    plan.planUuid, p.line, p.row, p.seed, i, t.row, t.seed));
        const std::optional<RunRecord> r = store.loadRunByUuid(p.runUuid);
        if (!r) {
            out.missingLines.push_back(p.line);
            continue;
        }
        const std::vector<std::string>& sets = reps.rows()[t.row].sets;
        if (r->seed != t.seed || r->overrides != sets)
            throw std::invalid_argument(fmt::format("{}: run {} (line {} of the plan) has seed {} and --set [{}], the plan "
                                                    "planned seed {} and --set [{}]",
                                                    store.path(), p.runUuid, p.line, r->seed, fmt::join(r->overrides, " "),
                                                    t.seed, fmt::join(sets, " ")));
        if (r->scenarioText != scenarioText)
            throw std::invalid_argument(fmt::format("{}: run {} (line {} of the plan) was made from another text of {} "
                                                    "than the file has now; restore the file the plan was made from",
                                                    store.path(), p.runUuid, p.line, plan.scenarioPath));
        if (!r->finished || r->interrupted) {
            out.unfinishedLines.push_back(p.line);
            continue;
        }
        const nlohmann::json summary = nlohmann::json::parse(r->summaryJson, nullptr, false);
        try {
            o.summary = comparedFiguresFromJson(summary);
        } catch (const std::invalid_argument& e) {
            throw std::invalid_argument(fmt::format("{}: run {}: {}", store.path(), p.runUuid, e.what()));
        }
        const std::vector<StoredSeries> series = store.loadSeries(r->id);
        o.recovery = recoveryAfterFailures(failureWindows(reps.scenario(t.row)), worstLagOf(o.summary, series),
                                           reps.plan().recoveryLag, o.summary.simTime);
        if (keepSeries) o.series = seriesSetOf(series);
        o.done = true;
    }
    return out;
}

} // namespace es

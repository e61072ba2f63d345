#include "charts/FinishedRunCharts.h"

#include "charts/ChartCatalog.h"
#include "charts/ChartMarks.h"
#include "charts/ChartStore.h"
#include "charts/TheoryLines.h"
#include "run/TheoryReference.h"
#include "scenario/ChartsReader.h"
#include "scenario/Scenario.h"

#include <algorithm>

namespace esui {

std::vector<ChartExportJob> finishedRunChartJobs(const es::Scenario* scenario, const ChartStore& store, double endSeconds,
                                                 const QString& caption, QSize size, int dpi, ChartSelection which)
{
    ChartMarks marks = scenario ? marksFromScenario(*scenario, endSeconds) : ChartMarks{};
    marks.cursor = -1; // a finished run: no "now"
    marks.caption = caption;
    const auto theory = scenario ? es::theoryFor(*scenario) : std::nullopt;
    std::vector<ChartSpec> specs = defaultCharts(store.names(), scenario ? idleComponents(*scenario) : std::vector<std::string>{});
    // A distribution needs the run's histograms; a store without them (a run stored before the
    // store kept them) would give an empty chart, so it is left out.
    if (store.distributions().empty())
        specs.erase(std::remove_if(specs.begin(), specs.end(), [](const ChartSpec& s) { return s.kind == ChartKind::Distribution; }),
                    specs.end());
    QStringList listed;
    if (scenario) listed = chosenChartIds(*scenario);
    else
        for (const std::string& n : es::kDefaultCharts) listed.push_back(chartIdForName(n));
    const std::size_t chosen = putChosenFirst(specs, listed);
    // As the window: a list none of whose charts has data in this run (another style) gives the first two.
    if (which == ChartSelection::Listed) specs.resize(std::min(specs.size(), chosen > 0 ? chosen : std::size_t{2}));
    std::vector<ChartExportJob> jobs;
    for (ChartSpec& spec : specs) {
        if (spec.id == QLatin1String("latency")) spec.references = theoryLines(theory, store);
        ChartExportJob job{std::move(spec), marks, 0, std::max(endSeconds, 1.0), size};
        job.dpi = dpi;
        jobs.push_back(std::move(job));
    }
    return jobs;
}

} // namespace esui

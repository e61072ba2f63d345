#include "charts/FinishedRunCharts.h"

#include "charts/ChartCatalog.h"
#include "charts/ChartMarks.h"
#include "charts/ChartStore.h"
#include "charts/TheoryLines.h"
#include "run/TheoryReference.h"
#include "scenario/Scenario.h"

#include <algorithm>

namespace esui {

std::vector<ChartExportJob> finishedRunChartJobs(const es::Scenario* scenario, const ChartStore& store, double endSeconds,
                                                 const QString& caption, QSize size, int dpi)
{
    ChartMarks marks = scenario ? marksFromScenario(*scenario, endSeconds) : ChartMarks{};
    marks.cursor = -1; // a finished run: no "now"
    marks.caption = caption;
    const auto theory = scenario ? es::theoryFor(*scenario) : std::nullopt;
    std::vector<ChartExportJob> jobs;
    for (ChartSpec& spec : defaultCharts(store.names())) {
        // A distribution needs the run's histograms; a store without them (a stored run keeps only
        // the sampled series) would give an empty chart, so it is left out.
        if (spec.kind == ChartKind::Distribution && store.distributions().empty()) continue;
        if (spec.id == QLatin1String("latency")) spec.references = theoryLines(theory, store);
        ChartExportJob job{std::move(spec), marks, 0, std::max(endSeconds, 1.0), size};
        job.dpi = dpi;
        jobs.push_back(std::move(job));
    }
    return jobs;
}

} // namespace esui

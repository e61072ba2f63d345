#pragma once
// A stored run's charts (engine/store): its sampled series and each consumer group's final latency
// histogram loaded into a ChartStore, and the
// scenario it ran (the file's text as it was run, with its --set overrides, its variant and seed)
// loaded again for the failure periods, notes and theory lines, so `eventscape-cli export RUN --png`
// draws what the window drew for that run, with the same ChartFigure/ChartExport code.
#include "charts/ChartExport.h"
#include "charts/ChartStore.h"
#include "charts/FinishedRunCharts.h"

#include <QSize>
#include <QString>

#include <memory>
#include <vector>

namespace es {
class RunStore;
struct RunRecord;
struct StoredSeries;
} // namespace es

namespace esui {

// One ChartStore holding every stored series, row by row on the union of their times (they share
// the sampler's times; a series without a sample at a time gets NaN there). Sized so that no point
// is compacted away, however long the run.
std::unique_ptr<ChartStore> chartStoreFromSeries(const std::vector<es::StoredSeries>& series);

struct StoredRunCharts {
    std::unique_ptr<ChartStore> store;
    std::vector<ChartExportJob> jobs;
    QString caption;
    // Empty, or why the marks are missing (the scenario text no longer loads with this engine).
    QString warning;
};

// The charts `which` asks for (FinishedRunCharts.h): the stored scenario's `charts:` by default. The
// latency distribution is among them when the store kept the run's histograms (schema 2 on).
StoredRunCharts loadStoredRunCharts(es::RunStore& store, const es::RunRecord& run, QSize size, int dpi = 96,
                                    ChartSelection which = ChartSelection::Listed);

} // namespace esui

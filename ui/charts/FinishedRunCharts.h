#pragma once
// The charts of a finished run, as export jobs: the catalog's charts for the run's series
// (defaultCharts, the list the window shows), each over the whole run, with the scenario's failure
// periods and notes, no cursor (there is no "now"), the caption, and the queueing theory's reference
// lines on the latency chart. eventscape-charts (a run it just made) and eventscape-cli export (a
// stored run) both take their jobs from here, so a chart comes out the same either way.
#include "charts/ChartExport.h"

#include <QSize>
#include <QString>

#include <vector>

namespace es {
struct Scenario;
}

namespace esui {

class ChartStore;

// `scenario` may be null (a stored run whose file no longer loads): no marks, no theory then.
std::vector<ChartExportJob> finishedRunChartJobs(const es::Scenario* scenario, const ChartStore& store, double endSeconds,
                                                 const QString& caption, QSize size, int dpi = 96);

} // namespace esui

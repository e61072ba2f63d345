#pragma once
// The charts of a finished run, as export jobs: the catalog's charts for the run's series, each over
// the whole run, with the scenario's failure periods and notes, no cursor (there is no "now"), the
// caption, and the queueing theory's reference lines on the latency chart. Which charts: those the
// scenario's `charts:` list names, in its order (what the window opens for it; the format's default
// list when it has none), or, asked for, every chart, the listed ones first. eventscape-charts (a run
// it just made) and eventscape-cli export (a stored run) both take their jobs from here, so a chart
// comes out the same either way.
#include "charts/ChartExport.h"

#include <QSize>
#include <QString>

#include <vector>

namespace es {
struct Scenario;
}

namespace esui {

class ChartStore;

enum class ChartSelection {
    Listed, // the scenario's `charts:` (as the window opens them); if none of them has data, the first two
    All,    // every chart the run's series make, the listed ones first
};

// `scenario` may be null (a stored run whose file no longer loads): no marks, no theory, and the
// format's default list then.
std::vector<ChartExportJob> finishedRunChartJobs(const es::Scenario* scenario, const ChartStore& store, double endSeconds,
                                                 const QString& caption, QSize size, int dpi = 96,
                                                 ChartSelection which = ChartSelection::Listed);

} // namespace esui

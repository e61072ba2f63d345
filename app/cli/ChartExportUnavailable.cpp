// The chart export of a build without the window's libraries (EVENTSCAPE_BUILD_UI=OFF): the
// engine-only CLI still parses --png/--svg/--pdf and says why it cannot draw.
#include "ChartExportCommand.h"

#include <iostream>

namespace cli {

int exportStoredRunCharts(es::RunStore&, const es::RunRecord&, const ChartExportRequest&)
{
    std::cerr << "this eventscape-cli was built without the chart library (EVENTSCAPE_BUILD_UI=OFF): "
                 "--png, --svg and --pdf are not available; --csv is\n";
    return 2;
}

int exportComparisonReport(const std::string& dir, const es::Replications&, const es::CompareTable&,
                           const std::vector<es::RunOutcome>&)
{
    std::cerr << dir << ": no charts or report: this eventscape-cli was built without the chart library "
                 "(EVENTSCAPE_BUILD_UI=OFF); the tables and series are written\n";
    return 0;
}

} // namespace cli

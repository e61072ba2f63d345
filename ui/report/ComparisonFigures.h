#pragma once
// The charts of a comparison (`eventscape-cli compare --export`, and its report), drawn with the
// window's chart code (ChartFigure over ChartStore) so a comparison looks like the window:
//
// - Small multiples: for each chart the scenario opens (its `charts:`), one panel per variant on one
//   shared y axis and the same time axis; each line is the mean over the seeds and its band runs
//   from the lowest to the highest seed (compare/SeedBands.h), with each variant's failure periods.
// - Sweep curves: for the main columns of the table, the swept value on x, each variant's mean as a
//   line with its 95% interval as a band, the queueing theory's curve beside it where one exists,
//   and the saturated side of the tipping point shaded (compare/SweepAnalysis.h).
#include "charts/ChartMarks.h"
#include "charts/ChartSpec.h"
#include "charts/ChartStore.h"
#include "charts/PaintedExport.h"

#include <QSize>
#include <QString>

#include <memory>
#include <vector>

namespace es {
class Replications;
struct CompareTable;
struct RunOutcome;
} // namespace es

namespace esui {

struct ComparisonPanel {
    ChartSpec spec;
    ChartMarks marks;
    double t0 = 0, t1 = 1;               // the x range (seconds, or the swept value)
    std::shared_ptr<const ChartStore> store;
};

struct ComparisonFigure {
    QString id;      // file-name safe: "small-lag-messages", "sweep-latency"
    QString title;   // over the panels
    QString caption; // under them: scenario, seeds, what the lines and bands are
    std::vector<ComparisonPanel> panels;
    int columns = 1; // of the grid
    QSize size{1600, 900}; // pixels, as exported
};

// Every figure of the comparison; runs that kept no series (a comparison run without --export)
// give no small multiples. At most kMaxPanels rows are drawn as small multiples (a sweep's rows are
// drawn as its curves instead).
inline constexpr std::size_t kMaxPanels = 8;
std::vector<ComparisonFigure> comparisonFigures(const es::Replications& reps, const es::CompareTable& table,
                                                const std::vector<es::RunOutcome>& outcomes);

// The one painting path of a figure: its title, the panels in a grid, the caption.
PaintFunction paintComparisonFigure(const ComparisonFigure& figure);

} // namespace esui

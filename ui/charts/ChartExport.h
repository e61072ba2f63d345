#pragma once
// Export of charts: PNG (QImage), SVG (QSvgGenerator) and PDF (QPdfWriter), all through the one
// painting path, ChartFigure::paint on a QPainter, so the vector formats stay vector. Each export
// draws a fresh figure at the asked size from the same spec, store and marks as the window's chart,
// so what is on screen (its size, its frozen range) is left alone.
#include "charts/ChartMarks.h"
#include "charts/ChartSpec.h"

#include <QSize>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace esui {

class ChartStore;

enum class ChartFormat { Png, Svg, Pdf };

// "png", "svg", "pdf" (any case); nullopt otherwise.
std::optional<ChartFormat> chartFormatFromName(const QString& name);
// From a file name's suffix.
std::optional<ChartFormat> chartFormatForPath(const QString& path);
QString chartFormatSuffix(ChartFormat f);

struct ChartExportJob {
    ChartSpec spec;
    ChartMarks marks;         // with the caption for the export
    double t0 = 0, t1 = 1;    // time range, seconds
    QSize size{1600, 900};    // pixels (SVG and PDF: the same size at 96 dpi)
};

// Writes one chart; false with a message in `error` when the file cannot be written.
bool exportChart(const ChartExportJob& job, const ChartStore& store, const QString& path, ChartFormat format,
                 QString* error = nullptr);

// Writes every chart into `dir` as <id>.<suffix> for each format; returns the files written, and
// puts the first failure's message in `error`.
QStringList exportCharts(const std::vector<ChartExportJob>& jobs, const ChartStore& store, const QString& dir,
                         const std::vector<ChartFormat>& formats, QString* error = nullptr);

} // namespace esui

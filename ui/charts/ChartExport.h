#pragma once
// Export of charts: PNG, SVG and PDF (written by PaintedExport), all through the one painting path,
// ChartFigure::paint on a QPainter, so the vector formats stay vector. Each export
// draws a fresh figure at the asked size from the same spec, store and marks as the window's chart,
// so what is on screen (its size, its frozen range) is left alone.
// A PNG's DPI scales the drawing, not only its metadata (see PaintedExport.h).
#include "charts/ChartMarks.h"
#include "charts/ChartSpec.h"
#include "charts/PaintedExport.h"

#include <QImage>
#include <QSize>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace esui {

class SeriesSource;

struct ChartExportJob {
    ChartSpec spec;
    ChartMarks marks;         // with the caption for the export
    double t0 = 0, t1 = 1;    // time range, seconds
    QSize size{1600, 900};    // pixels (SVG and PDF: the same size at 96 dpi)
    int dpi = 96;             // PNG: written in the file and used to scale the drawing (see above)
};

// The PNG's drawing as an image of job.size pixels with job.dpi as its dots per metre (also what
// Copy puts on the clipboard).
QImage renderChartImage(const ChartExportJob& job, const SeriesSource& store);

// Writes one chart; false with a message in `error` when the file cannot be written.
bool exportChart(const ChartExportJob& job, const SeriesSource& store, const QString& path, ChartFormat format,
                 QString* error = nullptr);

// Writes every chart into `dir` as <id>.<suffix> for each format; returns the files written, and
// puts the first failure's message in `error`.
QStringList exportCharts(const std::vector<ChartExportJob>& jobs, const SeriesSource& store, const QString& dir,
                         const std::vector<ChartFormat>& formats, QString* error = nullptr);

} // namespace esui

#pragma once
// The data behind a chart as CSV, for a spreadsheet or a script: a header row, then one row per
// sampled time (time charts) or per latency step (distribution charts). The first column is the x
// axis, then one column per line; every header names its unit (taken from the axis title, which
// carries it: "lag (messages)"). The points are the store's own, in the chart's time range, not the
// decimated ones the chart draws, so a row per sample comes out. A line without a point at a row's
// time (its buffer was compacted differently) has an empty field there, and so has a NaN.
#include "charts/ChartSpec.h"

#include <QString>

namespace esui {

class SeriesSource;

// The CSV text (UTF-8 when written; lines end in "\n").
QString chartCsv(const ChartSpec& spec, const SeriesSource& store, double t0, double t1);
// Writes chartCsv() to `path`; false with the reason in `error`.
bool writeChartCsv(const ChartSpec& spec, const SeriesSource& store, double t0, double t1, const QString& path,
                   QString* error = nullptr);

// The header of line `line`'s column: "indexer: lag (messages)".
QString chartCsvColumnName(const ChartSpec& spec, std::size_t line);

} // namespace esui

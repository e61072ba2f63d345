#pragma once
// The report of a comparison: what was compared (scenario, variants, settings, seeds), the table
// with each column's best and worst marked, the paired differences, a sweep's tipping points, and
// every figure (ComparisonFigures.h). Two forms from one content: a self-contained HTML page (the
// figures inline as SVG, no file beside it) and a PDF (text pages laid out by QTextDocument, then a
// page per figure painted through the same path as the chart files, so it stays vector).
#include "report/ComparisonFigures.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace esui {

// Writes DIR/charts/ID.{png,svg,pdf} for every figure, DIR/report.html and DIR/report.pdf; returns
// the files written. The first failure's message goes to `error` (the rest is still written).
QStringList writeComparisonReport(const QString& dir, const es::Replications& reps, const es::CompareTable& table,
                                  const std::vector<es::RunOutcome>& outcomes, QString* error = nullptr);

// The HTML page alone (tests read it); `inlineFigures` false leaves the figures out (the PDF's text).
QString comparisonReportHtml(const es::Replications& reps, const es::CompareTable& table,
                             const std::vector<ComparisonFigure>& figures, bool inlineFigures = true);

} // namespace esui

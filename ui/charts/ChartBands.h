#pragma once
// The shaded bands of a chart's lines (ChartLine::bandLow / bandHigh): one Qt Charts area series per
// banded line, in the line's colour and translucent, between the decimated lower and upper edges.
// Private to ChartFigure, which owns the chart (Qt Charts stays inside this folder).
#include "charts/ChartSpec.h"

#include <QList>
#include <QPointF>

#include <vector>

QT_BEGIN_NAMESPACE
class QChart;
class QAbstractAxis;
class QAreaSeries;
class QLineSeries;
class QValueAxis;
QT_END_NAMESPACE

namespace esui {

class SeriesSource;

class ChartBands {
public:
    // Adds an area series for every line of `spec` with a band; `lines` are the figure's line series
    // (same order as spec.lines), whose colours the bands take.
    ChartBands(QChart* chart, QAbstractAxis* x, QValueAxis* const y[2], const ChartSpec& spec,
               const std::vector<QLineSeries*>& lines);

    bool empty() const { return bands_.empty(); }
    // Decimates every band's edges into [t0, t1] and widens lo/hi (per axis) to cover the bands of the
    // lines not hidden. Returns whether any edge differs from what is drawn (applied by apply()).
    void prepare(const SeriesSource& store, double t0, double t1, int columns, const std::vector<bool>& hidden,
                 double lo[2], double hi[2]);
    void apply();
    void clear(); // empty every band (before the x or y range moves, as the lines are)
    void setVisible(std::size_t line, bool visible);
    void recolour(); // after a theme change: each band in its line's colour again
    int pointCount(std::size_t line) const; // the upper edge's points; for tests

private:
    struct Band {
        std::size_t line = 0;
        QAreaSeries* area = nullptr;
        QLineSeries *upper = nullptr, *lower = nullptr;
        QList<QPointF> nextUpper, nextLower;
    };
    const ChartSpec& spec_;
    const std::vector<QLineSeries*>& lines_;
    bool right_; // the chart has a right y axis
    std::vector<Band> bands_;
};

} // namespace esui

#include "charts/ChartBands.h"

#include "charts/SeriesSource.h"
#include "charts/Decimation.h"

#include <QPen>
#include <QtCharts/QAreaSeries>
#include <QtCharts/QChart>
#include <QtCharts/QLegend>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>

#include <algorithm>
#include <cmath>

namespace esui {

ChartBands::ChartBands(QChart* chart, QAbstractAxis* x, QValueAxis* const y[2], const ChartSpec& spec,
                       const std::vector<QLineSeries*>& lines)
    : spec_(spec), lines_(lines), right_(y[1] != nullptr)
{
    for (std::size_t i = 0; i < spec.lines.size(); ++i) {
        const ChartLine& l = spec.lines[i];
        if (l.bandLow.empty() || l.bandHigh.empty()) continue;
        Band b;
        b.line = i;
        b.upper = new QLineSeries;
        b.lower = new QLineSeries;
        b.area = new QAreaSeries(b.upper, b.lower);
        b.upper->setParent(b.area); // QAreaSeries does not own its edges
        b.lower->setParent(b.area);
        b.area->setName(l.label);
        b.area->setUseOpenGL(false);
        chart->addSeries(b.area);
        b.area->attachAxis(x);
        b.area->attachAxis(y[l.axis == 1 && y[1] ? 1 : 0]);
        for (QLegendMarker* m : chart->legend()->markers(b.area)) m->setVisible(false); // the line names it
        bands_.push_back(b);
    }
    recolour();
}

void ChartBands::recolour()
{
    for (Band& b : bands_) {
        QColor c = lines_[b.line]->color();
        c.setAlphaF(0.22f);
        b.area->setColor(c);
        b.area->setPen(Qt::NoPen);
    }
}

void ChartBands::prepare(const SeriesSource& store, double t0, double t1, int columns, const std::vector<bool>& hidden,
                         double lo[2], double hi[2])
{
    for (Band& b : bands_) {
        const ChartLine& l = spec_.lines[b.line];
        b.nextLower.clear();
        b.nextUpper.clear();
        if (const SeriesBuffer* s = store.series(l.bandLow)) decimateEnvelope(*s, t0, t1, columns, Envelope::Lower, b.nextLower);
        if (const SeriesBuffer* s = store.series(l.bandHigh)) decimateEnvelope(*s, t0, t1, columns, Envelope::Upper, b.nextUpper);
        if (hidden[b.line]) continue;
        const int a = l.axis == 1 && right_ ? 1 : 0;
        for (const QPointF& p : b.nextLower) lo[a] = std::min(lo[a], p.y()), hi[a] = std::max(hi[a], p.y());
        for (const QPointF& p : b.nextUpper) lo[a] = std::min(lo[a], p.y()), hi[a] = std::max(hi[a], p.y());
    }
}

void ChartBands::apply()
{
    for (Band& b : bands_) {
        if (b.upper->points() != b.nextUpper) b.upper->replace(b.nextUpper);
        if (b.lower->points() != b.nextLower) b.lower->replace(b.nextLower);
    }
}

void ChartBands::clear()
{
    for (Band& b : bands_) {
        if (b.upper->count() > 0) b.upper->replace(QList<QPointF>{});
        if (b.lower->count() > 0) b.lower->replace(QList<QPointF>{});
    }
}

void ChartBands::setVisible(std::size_t line, bool visible)
{
    for (Band& b : bands_)
        if (b.line == line) b.area->setVisible(visible);
}

int ChartBands::pointCount(std::size_t line) const
{
    for (const Band& b : bands_)
        if (b.line == line) return static_cast<int>(b.upper->count());
    return 0;
}

} // namespace esui

#pragma once
// The marks drawn over a chart's plot area (see ChartMarks): failure periods as shaded, labelled
// bands, notes as numbered ticks on the time axis, the current simulated time as a cursor, and the
// caption under the chart. An item of the chart's own scene, so the window and every export draw it
// with the same code. Positions come from the x axis's range and the plot area, not from a series,
// so marks show on a chart with no data yet.
#include "charts/ChartMarks.h"

#include <QGraphicsItem>

class QChart;
class QValueAxis;

namespace esui {

class MarksItem : public QGraphicsItem {
public:
    MarksItem(QChart* chart, QValueAxis* x, const ChartMarks* marks);
    void refresh(); // geometry or marks changed

    QRectF boundingRect() const override;
    void paint(QPainter* p, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    double xOf(double t) const;

    QChart* chart_;
    QValueAxis* x_;
    const ChartMarks* marks_;
    QRectF bounds_;
};

} // namespace esui

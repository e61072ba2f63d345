#include "charts/MarksItem.h"

#include <QPainter>
#include <QtCharts/QChart>
#include <QtCharts/QValueAxis>

#include <algorithm>

namespace esui {

MarksItem::MarksItem(QChart* chart, QValueAxis* x, const ChartMarks* marks) : chart_(chart), x_(x), marks_(marks)
{
    setZValue(10); // over the lines
    setAcceptedMouseButtons(Qt::NoButton);
}

void MarksItem::refresh()
{
    prepareGeometryChange();
    bounds_ = chart_->geometry();
    update();
}

QRectF MarksItem::boundingRect() const { return bounds_; }

double MarksItem::xOf(double t) const
{
    const QRectF plot = chart_->plotArea();
    const double span = x_->max() - x_->min();
    return span > 0 ? plot.left() + (t - x_->min()) / span * plot.width() : plot.left();
}

void MarksItem::paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*)
{
    const QRectF plot = chart_->plotArea();
    if (plot.width() <= 0 || plot.height() <= 0) return;
    p->save();
    QFont small = p->font();
    small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.85));
    p->setFont(small);
    const QFontMetricsF fm(small);
    const QColor text = chart_->titleBrush().color();

    // Failure periods: a translucent red band, its label along the band's top inside the plot.
    // A chart without a time axis (the latency distribution) has only the caption.
    p->setClipRect(plot);
    static const ChartMarks kNone;
    const ChartMarks& timeMarks = x_ ? *marks_ : kNone;
    for (const ChartBand& b : timeMarks.failures) {
        const double a = std::max(plot.left(), xOf(b.t0));
        const double z = std::min(plot.right(), std::max(xOf(b.t1), a + 2)); // an instant: a thin band
        if (z <= plot.left() || a >= plot.right()) continue;
        p->fillRect(QRectF(a, plot.top(), z - a, plot.height()), QColor(220, 40, 40, 38));
        p->setPen(QPen(QColor(200, 40, 40, 160), 1));
        p->drawLine(QPointF(a, plot.top()), QPointF(a, plot.bottom()));
        p->setPen(QColor(170, 30, 30));
        p->drawText(QRectF(a + 3, plot.top() + 2, fm.horizontalAdvance(b.label) + 4, fm.height()), Qt::AlignLeft | Qt::AlignTop, b.label);
    }
    // Notes: a dotted line and a numbered tag at the bottom of the plot (the number is the note's
    // place in the lesson dock's list).
    for (std::size_t i = 0; i < timeMarks.notes.size(); ++i) {
        const double x = xOf(timeMarks.notes[i].t);
        if (x < plot.left() || x > plot.right()) continue;
        p->setPen(QPen(QColor(40, 90, 200, 170), 1, Qt::DotLine));
        p->drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
        const QString tag = QString::number(i + 1);
        const QRectF r(x - fm.horizontalAdvance(tag) / 2 - 3, plot.bottom() - fm.height() - 2, fm.horizontalAdvance(tag) + 6, fm.height());
        p->fillRect(r, QColor(40, 90, 200));
        p->setPen(Qt::white);
        p->drawText(r, Qt::AlignCenter, tag);
    }
    // The current simulated time.
    if (timeMarks.cursor >= 0) {
        const double x = xOf(timeMarks.cursor);
        if (x >= plot.left() && x <= plot.right()) {
            p->setPen(QPen(text, 1.5));
            p->drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
        }
    }
    p->setClipping(false);
    if (!marks_->caption.isEmpty()) {
        p->setPen(text);
        const QRectF g = chart_->geometry();
        // Elided in the middle when too long for the width: the title's start and the variant and
        // seed at the end are what identify the run.
        const QRectF box(g.left() + 8, g.bottom() - fm.height() - 4, g.width() - 16, fm.height());
        p->drawText(box, Qt::AlignRight | Qt::AlignVCenter, fm.elidedText(marks_->caption, Qt::ElideMiddle, box.width()));
    }
    p->restore();
}

} // namespace esui

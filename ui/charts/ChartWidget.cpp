#include "charts/ChartWidget.h"

#include <cmath>

#include <QContextMenuEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QResizeEvent>
#include <QWheelEvent>

namespace esui {

ChartWidget::ChartWidget(ChartSpec spec, QWidget* parent) : QGraphicsView(parent), figure_(std::move(spec))
{
    setScene(figure_.scene());
    setRenderHint(QPainter::Antialiasing);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setFrameShape(QFrame::NoFrame);
    // The marks depend on the plot area, which moves when the axis labels change width: repaint the
    // whole (small) view rather than leave pieces of old marks behind.
    setViewportUpdateMode(QGraphicsView::FullViewportUpdate);
    setMinimumHeight(180);
    if (isTimeChart())
        setToolTip(tr("Ctrl+wheel: zoom the time axis · drag: pan · double-click: follow the run\n"
                      "Click a legend entry to hide or show its line"));
}

bool ChartWidget::inPlot(const QPoint& viewPos) const
{
    return isTimeChart() && figure_.plotArea().contains(mapToScene(viewPos));
}

void ChartWidget::wheelEvent(QWheelEvent* e)
{
    // A plain wheel scrolls the dock's column of charts; Ctrl+wheel zooms, as in most plotting tools
    // that live in a scrolling panel.
    const QPoint at = e->position().toPoint();
    if (!(e->modifiers() & Qt::ControlModifier) || !inPlot(at) || e->angleDelta().y() == 0) {
        QGraphicsView::wheelEvent(e);
        return;
    }
    const double steps = e->angleDelta().y() / 120.0;
    emit zoomRequested(figure_.timeAt(mapToScene(at).x()), std::pow(0.8, steps));
    e->accept();
}

void ChartWidget::mousePressEvent(QMouseEvent* e)
{
    QGraphicsView::mousePressEvent(e); // the legend's markers take their clicks first
    if (e->button() == Qt::LeftButton && inPlot(e->pos())) {
        dragFrom_ = mapToScene(e->pos()).x();
        setCursor(Qt::ClosedHandCursor);
    }
}

void ChartWidget::mouseMoveEvent(QMouseEvent* e)
{
    QGraphicsView::mouseMoveEvent(e);
    if (!dragFrom_ || !(e->buttons() & Qt::LeftButton)) return;
    const double x = mapToScene(e->pos()).x();
    const double dt = figure_.timeAt(*dragFrom_) - figure_.timeAt(x);
    dragFrom_ = x;
    if (dt != 0) emit panRequested(dt);
}

void ChartWidget::mouseReleaseEvent(QMouseEvent* e)
{
    QGraphicsView::mouseReleaseEvent(e);
    if (dragFrom_) unsetCursor();
    dragFrom_.reset();
}

void ChartWidget::mouseDoubleClickEvent(QMouseEvent* e)
{
    QGraphicsView::mouseDoubleClickEvent(e);
    if (inPlot(e->pos())) emit followRequested();
}

void ChartWidget::resizeEvent(QResizeEvent* e)
{
    QGraphicsView::resizeEvent(e);
    figure_.resize(viewport()->size());
    emit resized();
}

void ChartWidget::contextMenuEvent(QContextMenuEvent* e)
{
    QMenu menu(this);
    emit contextMenuRequested(&menu);
    if (isTimeChart()) {
        if (!menu.isEmpty()) menu.addSeparator();
        const double mid = (figure_.rangeStart() + figure_.rangeEnd()) / 2;
        menu.addAction(tr("Zoom in"), this, [this, mid] { emit zoomRequested(mid, 0.5); });
        menu.addAction(tr("Zoom out"), this, [this, mid] { emit zoomRequested(mid, 2.0); });
        menu.addAction(tr("Follow the run"), this, &ChartWidget::followRequested);
    }
    if (!menu.isEmpty()) menu.exec(e->globalPos());
}

} // namespace esui

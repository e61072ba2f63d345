#include "charts/ChartWidget.h"

#include <QContextMenuEvent>
#include <QMenu>
#include <QResizeEvent>

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
    menu.addAction(tr("Export chart…"), this, &ChartWidget::exportRequested);
    menu.exec(e->globalPos());
}

} // namespace esui

#include "graph/GraphExport.h"

#include "graph/GraphView.h"

#include <QGraphicsScene>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace esui {

void paintGraph(const GraphView& view, QPainter& painter, const QRectF& target)
{
    // The view's background (the theme's base colour) is the view's, not the scene's: paint it, so
    // a dark-themed graph's light lines stay readable in the file.
    painter.fillRect(target, view.backgroundBrush());
    if (QGraphicsScene* scene = view.scene()) scene->render(&painter, target, view.exportRect(), Qt::KeepAspectRatio);
}

QSize graphExportSize(const GraphView& view)
{
    const QRectF r = view.exportRect();
    return QSize(std::max(200, static_cast<int>(std::ceil(r.width()))), std::max(150, static_cast<int>(std::ceil(r.height()))));
}

namespace {

PaintedDocument documentOf(const GraphView& view, QSize size, int dpi)
{
    PaintedDocument doc;
    doc.size = size.isValid() ? size : graphExportSize(view);
    doc.dpi = dpi;
    doc.title = QObject::tr("Service graph");
    doc.background = view.backgroundBrush().color();
    return doc;
}

PaintFunction painter(const GraphView& view)
{
    return [&view](QPainter& p, const QRectF& target) { paintGraph(view, p, target); };
}

} // namespace

QImage renderGraphImage(const GraphView& view, QSize size, int dpi) { return renderPainted(documentOf(view, size, dpi), painter(view)); }

bool exportGraph(const GraphView& view, const QString& path, ChartFormat format, QSize size, int dpi, QString* error)
{
    return writePainted(documentOf(view, size, dpi), painter(view), path, format, error);
}

} // namespace esui

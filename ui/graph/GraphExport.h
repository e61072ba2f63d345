#pragma once
// Export of the service graph as PNG, SVG or PDF: one painting function, paintGraph (the scene's
// nodes, edges and tokens in flight rendered onto a QPainter over the view's background), written by
// PaintedExport for all three formats, so the vector formats stay vector. The key to the tokens is a
// widget over the view, not part of the scene, and is not drawn.
#include "charts/PaintedExport.h"

#include <QImage>
#include <QSize>
#include <QString>

class QPainter;

namespace esui {

class GraphView;

// Paints the graph into `target`, scaled to fit with its aspect ratio kept, centred.
void paintGraph(const GraphView& view, QPainter& painter, const QRectF& target);

// The graph's own size in scene units (pixels at 1:1), at least 200 x 150: the default export size.
QSize graphExportSize(const GraphView& view);

// The PNG's pixels (Copy); `size` invalid: graphExportSize().
QImage renderGraphImage(const GraphView& view, QSize size = {}, int dpi = 96);
// False with the reason in `error` when the file cannot be written.
bool exportGraph(const GraphView& view, const QString& path, ChartFormat format, QSize size = {}, int dpi = 96,
                 QString* error = nullptr);

} // namespace esui

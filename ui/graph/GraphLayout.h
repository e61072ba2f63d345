#pragma once
// A layered left-to-right layout of the service graph, computed by Graphviz's dot (through libgvc):
// few edge crossings, producers on the left, consumers on the right. The result is in scene
// coordinates (points, y down), with each edge as the cubic Bézier spline dot routed.
#include "sim/ServiceGraph.h"

#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QVector>

namespace esui {

struct EdgeRoute {
    QVector<QPointF> bezier; // start, then (control, control, end) per cubic segment
    QPointF head;            // where the arrow head's tip touches the target node
};

struct GraphLayout {
    QVector<QPointF> centres; // per node
    QVector<EdgeRoute> edges; // per edge
    QRectF bounds;
};

// `sizes` gives each node's size in scene units. Falls back to a simple column layout (by longest
// path from the sources) if Graphviz fails, so the window never comes up empty.
GraphLayout layoutGraph(const ServiceGraph& graph, const QVector<QSizeF>& sizes);

} // namespace esui

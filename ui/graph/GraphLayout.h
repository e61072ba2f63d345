#pragma once
// A layered left-to-right layout of the service graph, computed by Graphviz's dot (through libgvc):
// few edge crossings, producers on the left, consumers on the right. The result is in scene
// coordinates (points, y down), with each edge as the cubic Bézier spline dot routed. Positions saved
// in the scenario (`layout:`) win over dot's for the nodes they name.
#include "sim/ServiceGraph.h"

#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QVector>

namespace esui {

struct EdgeRoute {
    // start, then (control, control, end) per cubic segment; empty when an end node was not placed by
    // dot (a saved position): the edge item then routes itself between the two nodes.
    QVector<QPointF> bezier;
    QPointF head;            // where the arrow head's tip touches the target node
};

struct GraphLayout {
    QVector<QPointF> centres; // per node
    QVector<EdgeRoute> edges; // per edge
    QRectF bounds;
};

// `sizes` gives each node's size in scene units. Falls back to a simple column layout (by longest
// path from the sources) if Graphviz fails, so the window never comes up empty. Nodes named in `saved`
// are centred there; unknown names are ignored (the loader has already reported them).
GraphLayout layoutGraph(const ServiceGraph& graph, const QVector<QSizeF>& sizes,
                        const std::vector<es::NodePosition>& saved = {});

} // namespace esui

#pragma once
// A route a message can take between two nodes, drawn along the spline dot computed, with an arrow
// head. The line style says what kind of hop it is: publish (solid), subscribe (dashed; a broker's
// copy into another broker), consume (solid, thinner), emit (dotted), route (dash-dot; a bus rule).
#include "graph/GraphLayout.h"
#include "sim/ServiceGraph.h"

#include <QGraphicsItem>
#include <QPainterPath>

namespace esui {

class EdgeItem : public QGraphicsItem {
public:
    EdgeItem(const GraphEdge& edge, const EdgeRoute& route);

    const GraphEdge& edge() const { return edge_; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* p, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    GraphEdge edge_;
    QPainterPath path_;
    QPolygonF head_;
};

const char* edgeKindName(EdgeKind k);

} // namespace esui

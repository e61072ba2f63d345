#pragma once
// A route a message can take between two nodes, with an arrow head. The line style says what kind
// of hop it is: publish (solid), subscribe (dashed; a broker's copy into another broker), consume
// (solid, thinner), emit (dotted), route (dash-dot; a bus rule). It follows the spline dot computed
// until one of its nodes is moved; from then on it is a gentle curve between the nodes' borders.
// A cut edge (a network partition on that link) is drawn dashed in the danger colour, broken by a
// cross at its middle.
#include "graph/GraphLayout.h"
#include "sim/ServiceGraph.h"

#include <QGraphicsItem>
#include <QPainterPath>

namespace esui {

class NodeItem;

class EdgeItem : public QGraphicsItem {
public:
    // An empty `route` draws nothing until attach() routes the edge between its nodes.
    EdgeItem(const GraphEdge& edge, const EdgeRoute& route);

    const GraphEdge& edge() const { return edge_; }
    // The line in scene coordinates (the arrow head's tip excluded): tokens can travel along it.
    const QPainterPath& path() const { return path_; }
    QPointF tip() const { return head_.isEmpty() ? path_.currentPosition() : head_.front(); }

    // The nodes at the ends; they call reroute() when they move. Routes now if there is no spline.
    void attach(NodeItem* from, NodeItem* to);
    void setRoute(const EdgeRoute& route); // dot's spline again (reset layout)
    void reroute();                        // between the nodes' borders, where they are now

    void setCut(bool cut);
    bool isCut() const { return cut_; }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* p, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    void setHead(QPointF tip);

    GraphEdge edge_;
    NodeItem* from_ = nullptr;
    NodeItem* to_ = nullptr;
    QPainterPath path_;
    QPolygonF head_;
    bool cut_ = false;
};

const char* edgeKindName(EdgeKind k);

} // namespace esui

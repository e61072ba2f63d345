#pragma once
// A route a message can take between two nodes, with an arrow head. The line style says what kind
// of hop it is: publish (solid), subscribe (dashed; a broker's copy into another broker), consume
// (solid, thinner), emit (dotted), route (dash-dot; a bus rule). It follows the spline dot computed
// until one of its nodes is moved; from then on it is a gentle curve between the nodes' borders.
// A cut edge (a network partition on that link) is drawn dashed in the danger colour, broken by a
// cross at its middle. A call edge (a synchronous call, service to service) is a thicker solid line in
// the call colour; requests travel it forwards and responses back. Its caller's circuit breaker shows
// on it: open, dashed red with an "open" badge at the middle; half-open, dashed amber, "half-open".
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
    // The drawn line and arrow head as they are, to be put back later (presentation mode moves nodes).
    std::pair<QPainterPath, QPolygonF> drawn() const { return {path_, head_}; }
    void restoreDrawn(const std::pair<QPainterPath, QPolygonF>& d);

    void setCut(bool cut);
    bool isCut() const { return cut_; }
    // -1: no breaker; otherwise es::CircuitBreaker::State (0 closed, 1 half-open, 2 open).
    void setCircuit(int state);
    int circuit() const { return circuit_; }
    QString circuitText() const; // "open", "half-open", or empty
    // A faulty link now, in words ("drop 5%", "duplicate 5%", "delay 10%"; "" healthy): drawn amber
    // and dashed, with the words on a badge at its middle.
    void setLinkFault(const QString& text);
    const QString& linkFault() const { return fault_; }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* p, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    void setHead(QPointF tip);
    void paintCircuitBadge(QPainter* p, const QColor& ink) const;
    // `lift`: how far above the edge's middle (a fault's badge clears the tokens travelling on it).
    void paintBadge(QPainter* p, const QString& text, const QColor& fill, const QColor& ink, double lift = 0) const;

    GraphEdge edge_;
    NodeItem* from_ = nullptr;
    NodeItem* to_ = nullptr;
    QPainterPath path_;
    QPolygonF head_;
    bool cut_ = false;
    int circuit_ = -1;
    QString fault_;
};

const char* edgeKindName(EdgeKind k);
struct GraphPalette;
QColor callColour(const GraphPalette& palette); // call edges and their tokens' outline

} // namespace esui

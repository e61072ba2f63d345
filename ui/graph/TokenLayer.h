#pragma once
// Messages on the move. Every hop in a snapshot becomes a token that travels its edge in animation
// time (AnimationClock: a fixed pace in scene units per animation second, whatever the simulation
// speed; animation seconds follow wall seconds × the user's animation pace), so a step or a
// slow-motion run shows each copy going from one node to the next; a hop at a node (a copy dropped on
// arrival, a message redriven to the dead-letter queue, a doubled copy) is a short move away from
// the node. Tokens are coloured by event type and shaped by the kind of hop (TokenGlyphs).
// Synchronous calls share their edge both ways: a request travels it forwards, its response comes
// back along the same line from the callee to the caller; a call the caller gave up on leaves a red
// cross near the callee's end of the edge for a moment, and a refused or rejected call (a 503) a red
// no-entry sign at the callee's entrance. The users of an entry service are no node: a user who gave
// up is a red cross drifting away from the entry service.
//
// Aggregation: when an edge carries more tokens at once than can be told apart (kBandThreshold), it
// becomes a flow band — a thick stroke whose width grows with the rate, with a label in messages per
// second and dashes moving downstream — and its plain deliveries are no longer drawn one by one
// (redeliveries, duplicates and losses still are). Rates come from the snapshots' exact per-edge
// counts, not from the sampled hops, so a band is right even when most hops were never seen.
//
// One graphics item paints every token and band in one pass, from sprites cached per (type, kind):
// thousands of QGraphicsItems would cost more in bookkeeping than in drawing. It sits above the
// nodes; a press that hits no token is passed on to the node or the background beneath.
#include "graph/AnimationClock.h"
#include "graph/GraphPalette.h"
#include "sim/ServiceGraph.h"
#include "sim/Snapshot.h"

#include <QGraphicsObject>
#include <QHash>
#include <QPixmap>
#include <QTimer>
#include <QVector>

#include <deque>
#include <utility>
#include <vector>

namespace esui {

class NodeItem;
class EdgeItem;

class TokenLayer : public QGraphicsObject {
    Q_OBJECT
public:
    static constexpr int kMaxTokens = 8000;      // individual tokens alive at once, at most
    static constexpr int kBandThreshold = 600;   // an edge with more tokens than this at once is a band
    static constexpr double kTokenSize = 12;     // scene units
    static constexpr double kPace = 420;         // scene units per animation second along an edge

    TokenLayer(const ServiceGraph& graph, QVector<NodeItem*> nodes, QVector<EdgeItem*> edges);

    // Turns the snapshot's hops into tokens and updates the per-edge rates. Call once per snapshot.
    void ingest(const Snapshot& s);
    // Forgets every token and rate (a restart, a new scenario).
    void clear();
    // Animation seconds per wall second (1 = normal; ½ = tokens move at half speed).
    void setAnimationPace(double pace) { clock_.setPace(pace); }
    double animationPace() const { return clock_.pace(); }
    // The application palette changed (light/dark): redraw the sprites in the new colours.
    void refreshPalette();

    int liveTokens() const { return static_cast<int>(tokens_.size()); }
    // Animation seconds a token takes along `edge` (its length at kPace, within [0.25, 1.5]).
    double travelSeconds(int edge) const;
    int bandCount() const;
    bool isBanded(int edge) const { return edges_.value(edge).banded; }
    double edgeRate(int edge) const { return edges_.value(edge).rate; } // copies per wall second
    // What edge `edge`'s label says: copies per simulated second over the last simulated seconds.
    double edgeLabelRate(int edge) const { return edges_.value(edge).simRate; }
    // The token nearest `scenePos` within `radius` scene units, as the inspector shows it.
    // `lookBack`: also where each token was up to that many wall seconds ago.
    bool tokenAt(QPointF scenePos, double radius, TokenInfo* out, double lookBack = 0) const;
    static constexpr double kHitPixels = 16;     // a click this close on screen hits a token
    static constexpr double kHitLookBack = 0.3;  // wall seconds: where a token was that long ago hits too
    // Where the token of `eventId` is now (for tests and for following a token); false if none.
    bool tokenPosition(std::uint64_t eventId, QPointF* at) const;

    QRectF boundingRect() const override;
    void paint(QPainter* p, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

signals:
    void tokenClicked(const esui::TokenInfo& token);

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent* e) override;

private:
    struct Token {
        es::Hop hop;
        float start = 0, duration = 0; // animation seconds
        int edge = -1;                 // graph edge, or -1 for a hop at node `node`
        int node = -1;
        bool reversed = false;         // travels its edge backwards (a call's response)
    };
    struct Route {
        QPainterPath source;       // the edge path this was sampled from (re-sampled when it changes)
        QVector<QPointF> points;   // evenly spaced along the path
        double length = 0;
    };
    struct EdgeState {
        std::uint64_t lastTotal = 0;
        double rate = 0;           // copies per animation second, smoothed (how many tokens it would take)
        // Copies per simulated second over the engine's last 2 simulated seconds (EdgeFlow::recentRate):
        // the label, true whatever the playback speed or the gap between two snapshots.
        double simRate = 0;
        int lastType = 0;          // event type of the latest hop seen: the band's colour
        bool banded = false;
        Route route;
    };

    double now() const { return clock_.now(); }
    void tick();
    void updateRates(const Snapshot& s, double dt, double simDt);
    const Route& route(int edge) const;
    void refreshRoutes() const; // re-samples the edges whose path changed (a dragged node)
    bool positionOf(const Token& t, double at, QPointF* pos, double* opacity) const;
    const QPixmap& sprite(int type, es::HopKind kind, bool failed) const;
    void paintBands(QPainter* p, double at) const;

    ServiceGraph graph_;
    QVector<NodeItem*> nodes_;
    QVector<EdgeItem*> edgeItems_;
    mutable QVector<EdgeState> edges_;
    std::vector<int> edgeOf_; // (from * nodes + to) -> edge index, -1 if none
    std::vector<Token> tokens_;
    std::vector<std::string> typeNames_;
    AnimationClock clock_;
    QTimer ticker_;
    double lastIngest_ = -1, lastSim_ = 0;
    std::uint64_t selectedEvent_ = 0;
    GraphPalette palette_;
    mutable QHash<int, QPixmap> sprites_;
};

} // namespace esui

#pragma once
// One service or broker on the graph: a shape per kind (producer, consumer, queue, topic, log, bus),
// its name, and its live state from the latest snapshot — queue depth and in-flight, per-partition
// backlog bars on a log, a lag badge and a utilisation bar on a consumer. A crashed node is greyed
// out with a red cross and "DOWN"; a slowed consumer gets an amber dashed outline and a "×3 slower"
// badge. A service that answers calls shows its busy threads over its pool ("12/20 threads", amber
// when nearly all are busy, red when none is free) and its backlog of waiting requests (red when
// full: the next request is rejected). Repaints only when a figure it shows has changed. The user can drag it: its edges follow.
#include "sim/ServiceGraph.h"
#include "sim/Snapshot.h"

#include <QGraphicsItem>
#include <QVector>

#include <functional>

namespace esui {

class EdgeItem;

class NodeItem : public QGraphicsItem {
public:
    NodeItem(int index, const GraphNode& node);

    int index() const { return index_; }
    const QString& name() const { return name_; }
    NodeKind kind() const { return kind_; }
    // The size the layout reserves for this node (scene units).
    static QSizeF sizeFor(const GraphNode& node);
    // A log's bar for partition p as drawn now: its lag over the shared scale, 0..1.
    double partitionBarShare(int p) const;
    std::uint64_t partitionScale() const { return partitionScale_; }

    void setFigures(const NodeFigures& f);
    const NodeFigures& figures() const { return figures_; }
    QSizeF size() const { return size_; }
    // Presentation mode: narrower (kPresentationWidth of the width, at least kMinPresentationWidth),
    // so a wide graph fits a projector with its text at 14 px; lines that do not fit are elided.
    void setPresenting(bool on);
    static constexpr double kPresentationWidth = 0.75;
    static constexpr double kMinPresentationWidth = 120;
    // A producer with a database, for two simulated seconds after an event was lost between commit
    // and publish (dual write) or a row published twice (outbox): what happened; else empty.
    QString databaseMomentText() const;
    QString rebalanceText() const; // a log's group rebalancing: "rebalancing: eager, all paused", "rebalancing: 2 moving"
    // A slowdown is in force (and the node is up): the amber outline and the badge are shown.
    bool isSlowed() const;
    QString slowdownText() const; // "×3 slower", "+200 ms", "×2 +50 ms"; empty when not slowed
    // A read model's consumer: "view 1.2 s stale · 14 behind", "view up to date"; empty without one.
    QString stalenessText() const;
    // A service with worker threads: "12/20 threads" and "backlog 3/50"; empty otherwise.
    QString threadsText() const;
    QString backlogText() const;
    bool hasServer() const { return server_; }

    // Edges re-route through these when the node moves.
    void addEdge(EdgeItem* edge) { edges_.push_back(edge); }
    // Where the segment from the centre towards `scenePoint` leaves the node's outline (scene coordinates).
    QPointF borderToward(const QPointF& scenePoint) const;
    // Called once the user has dropped the node somewhere else (not on programmatic moves).
    void setOnUserMoved(std::function<void(NodeItem*)> callback) { onUserMoved_ = std::move(callback); }
    // After a restart: the bars rescale from zero again.
    void resetScale();

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* p, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant& value) override;
    void mousePressEvent(QGraphicsSceneMouseEvent* e) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent* e) override;

private:
    QPainterPath outline() const;
    void paintFigures(QPainter* p, const QRectF& r, const QColor& ink) const;
    void paintServer(QPainter* p, const QRectF& r, const QColor& ink) const;
    void paintPartitions(QPainter* p, const QRectF& r, const QColor& ink) const;
    void paintPartitionSummary(QPainter* p, const QRectF& r, const QColor& ink) const;
    void paintLagBadge(QPainter* p, double rightInset) const;
    void paintStalenessBadge(QPainter* p) const;
    void paintWarningBadge(QPainter* p, const QString& text) const; // an amber badge, top left
    void paintDatabase(QPainter* p, const QRectF& line) const;

    int index_;
    NodeKind kind_;
    QString name_;
    bool alsoProduces_;
    bool server_;
    int database_; // GraphNode::database
    QString caption_;
    QSizeF size_, normalSize_;
    NodeFigures figures_;
    // Largest value seen, so bars have a scale that only grows during a run (a bar at half height
    // means half the worst backlog so far).
    std::uint64_t depthScale_ = 1, partitionScale_ = 10; // partitions: a power of ten
    QVector<EdgeItem*> edges_;
    QPointF pressPos_;
    std::function<void(NodeItem*)> onUserMoved_;
};

} // namespace esui

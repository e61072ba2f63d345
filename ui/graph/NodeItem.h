#pragma once
// One service or broker on the graph: a shape per kind (producer, consumer, queue, topic, log, bus),
// its name, and its live state from the latest snapshot — queue depth and in-flight, per-partition
// backlog bars on a log, a lag badge and a utilisation bar on a consumer. A crashed node is greyed
// out with a red cross and "DOWN". Repaints only when a figure it shows has changed.
#include "sim/ServiceGraph.h"
#include "sim/Snapshot.h"

#include <QGraphicsItem>

namespace esui {

class NodeItem : public QGraphicsItem {
public:
    NodeItem(int index, const GraphNode& node);

    int index() const { return index_; }
    const QString& name() const { return name_; }
    NodeKind kind() const { return kind_; }
    // The size the layout reserves for this node (scene units).
    static QSizeF sizeFor(const GraphNode& node);

    void setFigures(const NodeFigures& f);
    // After a restart: the bars rescale from zero again.
    void resetScale();

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* p, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    QPainterPath outline() const;
    void paintFigures(QPainter* p, const QRectF& r, const QColor& ink) const;
    void paintPartitions(QPainter* p, const QRectF& r, const QColor& ink) const;
    void paintLagBadge(QPainter* p, double rightInset) const;

    int index_;
    NodeKind kind_;
    QString name_;
    bool alsoProduces_;
    QSizeF size_;
    NodeFigures figures_;
    // Largest value seen, so bars have a scale that only grows during a run (a bar at half height
    // means half the worst backlog so far).
    std::uint64_t depthScale_ = 1, partitionScale_ = 1;
};

} // namespace esui

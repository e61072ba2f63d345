#include "graph/EdgeItem.h"

#include "graph/GraphPalette.h"

#include <QPainter>
#include <QPainterPathStroker>

#include <cmath>

namespace esui {

const char* edgeKindName(EdgeKind k)
{
    switch (k) {
    case EdgeKind::Publish: return "publish";
    case EdgeKind::Subscribe: return "subscribe";
    case EdgeKind::Consume: return "consume";
    case EdgeKind::Emit: return "emit";
    case EdgeKind::Route: return "route";
    }
    return "?";
}

EdgeItem::EdgeItem(const GraphEdge& edge, const EdgeRoute& route) : edge_(edge)
{
    const QVector<QPointF>& b = route.bezier;
    path_.moveTo(b.front());
    int i = 1;
    for (; i + 2 < b.size(); i += 3) path_.cubicTo(b[i], b[i + 1], b[i + 2]);
    for (; i < b.size(); ++i) path_.lineTo(b[i]);
    // Arrow head from the curve's end to the tip dot left for it on the node's border.
    const QPointF tail = path_.currentPosition();
    QPointF tip = route.head;
    QPointF dir = tip - tail;
    double len = std::hypot(dir.x(), dir.y());
    if (len < 1) { // no room was left: point along the curve's last tangent
        const double angle = path_.angleAtPercent(1) * M_PI / 180;
        dir = QPointF(std::cos(angle), -std::sin(angle)) * 9;
        tip = tail + dir;
        len = 9;
    }
    const QPointF u = dir / len, n(-u.y(), u.x());
    head_ << tip << tip - u * 9 + n * 4.5 << tip - u * 9 - n * 4.5;
    path_.lineTo(tip - u * 4);
    setZValue(-1); // under the nodes
    setToolTip(QString::fromLatin1(edgeKindName(edge.kind)));
}

QRectF EdgeItem::boundingRect() const { return path_.boundingRect().united(head_.boundingRect()).adjusted(-3, -3, 3, 3); }

QPainterPath EdgeItem::shape() const
{
    QPainterPathStroker s;
    s.setWidth(6);
    return s.createStroke(path_);
}

void EdgeItem::paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*)
{
    const GraphPalette pal = GraphPalette::current();
    QPen pen(pal.edge, edge_.kind == EdgeKind::Consume ? 1.3 : 1.8);
    switch (edge_.kind) {
    case EdgeKind::Publish:
    case EdgeKind::Consume: break;
    case EdgeKind::Subscribe: pen.setStyle(Qt::DashLine); break;
    case EdgeKind::Emit: pen.setStyle(Qt::DotLine); break;
    case EdgeKind::Route: pen.setStyle(Qt::DashDotLine); break;
    }
    p->setRenderHint(QPainter::Antialiasing);
    p->setPen(pen);
    p->setBrush(Qt::NoBrush);
    p->drawPath(path_);
    p->setPen(Qt::NoPen);
    p->setBrush(pal.edge);
    p->drawPolygon(head_);
}

} // namespace esui

#include "graph/EdgeItem.h"

#include "graph/GraphPalette.h"
#include "graph/NodeItem.h"

#include <QPainter>
#include <QPainterPathStroker>

#include <cmath>

namespace esui {

namespace {

constexpr double kHeadLength = 9;
// How far a rerouted edge bows, as a share of its length: enough to tell A→B from B→A (they bow to
// opposite sides), little enough to still read as a direct line.
constexpr double kBend = 0.08;

} // namespace

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
    setZValue(-1); // under the nodes
    setToolTip(QString::fromLatin1(edgeKindName(edge.kind)));
    setRoute(route);
}

void EdgeItem::attach(NodeItem* from, NodeItem* to)
{
    from_ = from;
    to_ = to;
    if (from_) from_->addEdge(this);
    if (to_) to_->addEdge(this);
    if (path_.isEmpty()) reroute();
}

void EdgeItem::setRoute(const EdgeRoute& route)
{
    const QVector<QPointF>& b = route.bezier;
    if (b.size() < 2) {
        if (from_ && to_) reroute();
        return;
    }
    prepareGeometryChange();
    path_ = QPainterPath(b.front());
    int i = 1;
    for (; i + 2 < b.size(); i += 3) path_.cubicTo(b[i], b[i + 1], b[i + 2]);
    for (; i < b.size(); ++i) path_.lineTo(b[i]);
    setHead(route.head);
}

void EdgeItem::reroute()
{
    if (!from_ || !to_) return;
    const QPointF a = from_->pos(), b = to_->pos();
    const QLineF centres(a, b);
    prepareGeometryChange();
    path_ = QPainterPath();
    head_.clear();
    if (centres.length() < 1) return; // one node on top of the other: nothing sensible to draw
    const QPointF n = QPointF(-centres.dy(), centres.dx()) / centres.length();
    const QPointF control = (a + b) / 2 + n * kBend * centres.length();
    const QPointF start = from_->borderToward(control), tip = to_->borderToward(control);
    path_.moveTo(start);
    // Stop short of the tip, where the arrow head takes over (as dot leaves room for it).
    const QLineF last(control, tip);
    const QPointF end = last.length() > kHeadLength ? last.pointAt(1 - kHeadLength / last.length()) : control;
    path_.quadTo(control, end);
    setHead(tip);
}

void EdgeItem::setHead(QPointF tip)
{
    // Arrow head from the curve's end to the tip left for it on the node's border.
    const QPointF tail = path_.currentPosition();
    QPointF dir = tip - tail;
    double len = std::hypot(dir.x(), dir.y());
    if (len < 1) { // no room was left: point along the curve's last tangent
        const double angle = path_.angleAtPercent(1) * M_PI / 180;
        dir = QPointF(std::cos(angle), -std::sin(angle)) * kHeadLength;
        tip = tail + dir;
        len = kHeadLength;
    }
    const QPointF u = dir / len, n(-u.y(), u.x());
    head_.clear();
    head_ << tip << tip - u * kHeadLength + n * 4.5 << tip - u * kHeadLength - n * 4.5;
    path_.lineTo(tip - u * 4);
}

void EdgeItem::setCut(bool cut)
{
    if (cut == cut_) return;
    cut_ = cut;
    setToolTip(cut ? QStringLiteral("%1 — partitioned").arg(QString::fromLatin1(edgeKindName(edge_.kind)))
                   : QString::fromLatin1(edgeKindName(edge_.kind)));
    update();
}

QRectF EdgeItem::boundingRect() const
{
    // Room for the cut mark at the middle, too.
    return path_.boundingRect().united(head_.boundingRect()).adjusted(-8, -8, 8, 8);
}

QPainterPath EdgeItem::shape() const
{
    QPainterPathStroker s;
    s.setWidth(6);
    return s.createStroke(path_);
}

void EdgeItem::paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*)
{
    if (path_.isEmpty()) return;
    const GraphPalette pal = GraphPalette::current();
    const QColor ink = cut_ ? pal.danger : pal.edge;
    QPen pen(ink, cut_ ? 2.2 : edge_.kind == EdgeKind::Consume ? 1.3 : 1.8);
    switch (edge_.kind) {
    case EdgeKind::Publish:
    case EdgeKind::Consume: break;
    case EdgeKind::Subscribe: pen.setStyle(Qt::DashLine); break;
    case EdgeKind::Emit: pen.setStyle(Qt::DotLine); break;
    case EdgeKind::Route: pen.setStyle(Qt::DashDotLine); break;
    }
    if (cut_) pen.setStyle(Qt::DashLine); // whatever the kind: the link is broken
    p->setRenderHint(QPainter::Antialiasing);
    p->setPen(pen);
    p->setBrush(Qt::NoBrush);
    p->drawPath(path_);
    p->setPen(Qt::NoPen);
    p->setBrush(ink);
    p->drawPolygon(head_);
    if (!cut_) return;
    // The break: a cross on a disc of the background colour, which also hides the line under it.
    const QPointF mid = path_.pointAtPercent(0.5);
    p->setBrush(pal.base);
    p->drawEllipse(mid, 7.5, 7.5);
    p->setPen(QPen(pal.danger, 2.2, Qt::SolidLine, Qt::RoundCap));
    p->drawLine(mid + QPointF(-4, -4), mid + QPointF(4, 4));
    p->drawLine(mid + QPointF(-4, 4), mid + QPointF(4, -4));
}

} // namespace esui

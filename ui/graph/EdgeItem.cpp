#include "graph/EdgeItem.h"

#include "graph/GraphText.h"

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
    case EdgeKind::Call: return "call";
    case EdgeKind::DeadLetter: return "dead letter";
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

void EdgeItem::restoreDrawn(const std::pair<QPainterPath, QPolygonF>& d)
{
    prepareGeometryChange();
    path_ = d.first;
    head_ = d.second;
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

void EdgeItem::setCircuit(int state)
{
    if (state == circuit_) return;
    prepareGeometryChange(); // the badge widens the bounds
    circuit_ = state;
    const QString kind = QString::fromLatin1(edgeKindName(edge_.kind));
    setToolTip(circuitText().isEmpty() ? kind : QStringLiteral("%1 — circuit %2").arg(kind, circuitText()));
    update();
}

QString EdgeItem::circuitText() const
{
    switch (circuit_) {
    case 1: return QStringLiteral("half-open");
    case 2: return QStringLiteral("open");
    default: return {};
    }
}

QColor callColour(const GraphPalette& pal)
{
    // Apart from the message edges' grey and from every node accent: calls are another way to talk.
    const QColor c(0x6a, 0x3d, 0x9a);
    return pal.dark ? c.lighter(170) : c;
}

QRectF EdgeItem::boundingRect() const
{
    // Room for the cut mark and the circuit badge at the middle, too.
    const double m = circuit_ > 0 || !fault_.isEmpty() ? 60 : 8;
    return path_.boundingRect().united(head_.boundingRect()).adjusted(-m, -m, m, m);
}

QPainterPath EdgeItem::shape() const
{
    QPainterPathStroker s;
    s.setWidth(6);
    return s.createStroke(path_);
}

void EdgeItem::paintCircuitBadge(QPainter* p, const QColor& ink) const
{
    // At the middle, where a class looks for "is this link working": the breaker's state in words.
    paintBadge(p, QStringLiteral("circuit ") + circuitText(), ink, circuit_ == 2 ? Qt::white : Qt::black);
}

void EdgeItem::paintBadge(QPainter* p, const QString& text, const QColor& fill, const QColor& ink, double lift) const
{
    const QFont f = graphtext::font(0.8, true);
    const QFontMetricsF fm(f);
    const QPointF mid = path_.pointAtPercent(0.5) - QPointF(0, lift);
    const QRectF badge(mid.x() - fm.horizontalAdvance(text) / 2 - 6, mid.y() - 9, fm.horizontalAdvance(text) + 12, 18);
    p->setPen(Qt::NoPen);
    p->setBrush(fill);
    p->drawRoundedRect(badge, 9, 9);
    p->setFont(f);
    p->setPen(ink);
    p->drawText(badge, Qt::AlignCenter, text);
}

void EdgeItem::setLinkFault(const QString& text)
{
    if (text == fault_) return;
    prepareGeometryChange(); // the badge widens the bounds
    fault_ = text;
    const QString kind = QString::fromLatin1(edgeKindName(edge_.kind));
    setToolTip(text.isEmpty() ? kind : QStringLiteral("%1 — faulty link: %2").arg(kind, text));
    update();
}

void EdgeItem::paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*)
{
    if (path_.isEmpty()) return;
    const GraphPalette pal = GraphPalette::current();
    const bool call = edge_.kind == EdgeKind::Call;
    const QColor ink = cut_ || circuit_ == 2 || edge_.kind == EdgeKind::DeadLetter ? pal.danger : circuit_ == 1 ? pal.warning : call ? callColour(pal) : pal.edge;
    QPen pen(ink, cut_ ? 2.2 : call ? 2.4 : edge_.kind == EdgeKind::Consume ? 1.3 : 1.8);
    switch (edge_.kind) {
    case EdgeKind::Publish:
    case EdgeKind::Consume: break;
    case EdgeKind::Subscribe: pen.setStyle(Qt::DashLine); break;
    case EdgeKind::Emit: pen.setStyle(Qt::DotLine); break;
    case EdgeKind::Route: pen.setStyle(Qt::DashDotLine); break;
    case EdgeKind::Call: break;
    case EdgeKind::DeadLetter: pen.setStyle(Qt::DotLine); break;
    }
    if (cut_ || circuit_ > 0) pen.setStyle(Qt::DashLine); // whatever the kind: the link is broken
    if (!fault_.isEmpty() && !cut_ && circuit_ <= 0) {      // the link works, badly
        pen.setColor(pal.warning);
        pen.setStyle(Qt::DashLine);
        pen.setWidthF(2.4);
    }
    p->setRenderHint(QPainter::Antialiasing);
    p->setPen(pen);
    p->setBrush(Qt::NoBrush);
    p->drawPath(path_);
    p->setPen(Qt::NoPen);
    p->setBrush(ink);
    p->drawPolygon(head_);
    if (circuit_ > 0) paintCircuitBadge(p, ink);
    else if (!fault_.isEmpty() && !cut_) paintBadge(p, fault_, pal.warning, Qt::black, 22);
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

#include "graph/NodeItem.h"

#include "graph/EdgeItem.h"
#include "graph/GraphPalette.h"
#include "graph/GraphText.h"
#include "graph/PartitionSummary.h"
#include "metrics/LagStatus.h"

#include <QApplication>
#include <QCursor>
#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <cmath>

namespace esui {

namespace {

// `text` as it fits `width` in the painter's font (elided at the end): presentation mode writes
// larger into narrower nodes.
QString fitted(QPainter* p, const QString& text, double width)
{
    return QFontMetricsF(p->font()).elidedText(text, Qt::ElideRight, width);
}

// The long form where it fits, else the short one (elided if even that does not): a figure that
// carries a lesson's point keeps its number.
QString fittedOr(QPainter* p, const QString& full, const QString& brief, double width)
{
    return QFontMetricsF(p->font()).horizontalAdvance(full) <= width ? full : fitted(p, brief, width);
}

constexpr double kPad = 8;

// A lag in time, short: "0.4 s", "12 s", "3.2 min".
QString lagTime(double s)
{
    if (s < 10) return QStringLiteral("%1 s").arg(s, 0, 'f', 1);
    if (s < 120) return QStringLiteral("%1 s").arg(s, 0, 'f', 0);
    return QStringLiteral("%1 min").arg(s / 60, 0, 'f', 1);
}

QString count(std::uint64_t n)
{
    if (n >= 10'000'000) return QString::number(n / 1'000'000) + "M";
    if (n >= 10'000) return QString::number(n / 1'000) + "k";
    return QString::number(n);
}

} // namespace

NodeItem::NodeItem(int index, const GraphNode& node)
    : index_(index), kind_(node.kind), name_(QString::fromStdString(node.name)), alsoProduces_(node.alsoProduces),
      server_(node.server), database_(node.database), caption_(QString::fromStdString(node.caption)), size_(sizeFor(node)), normalSize_(size_)
{
    setFlag(ItemIsSelectable);
    setFlag(ItemIsMovable);
    setFlag(ItemSendsGeometryChanges); // itemChange() hears of moves, to drag the edges along
    setCursor(Qt::SizeAllCursor);      // the background shows the pan hand; a node can be moved
    // Text is the slow part of a repaint; cache the whole node in device pixels and redraw it only
    // when setFigures() sees a change (OMNeT++'s Qtenv caches its text items the same way).
    setCacheMode(DeviceCoordinateCache);
    setToolTip(QStringLiteral("%1 (%2)").arg(name_, QString::fromLatin1(nodeKindName(kind_))));
    figures_.kind = kind_;
}

void NodeItem::setPresenting(bool on)
{
    // A dead-letter queue stays as it is: a side exit, never in the row of stages that sets the width.
    const bool narrow = on && kind_ != NodeKind::DeadLetters;
    const QSizeF next = narrow ? QSizeF(std::max(kMinPresentationWidth, normalSize_.width() * kPresentationWidth), normalSize_.height())
                               : normalSize_;
    if (next == size_) return;
    prepareGeometryChange();
    size_ = next;
    update();
}

QSizeF NodeItem::sizeFor(const GraphNode& node)
{
    // An entry service also shows its threads and backlog under what it created.
    if (node.kind == NodeKind::Producer && node.server) return {176, 96};
    if (node.kind == NodeKind::Producer && node.database) return {176, 90}; // and its database's two lines
    switch (node.kind) {
    case NodeKind::Producer: return {150, 58};
    case NodeKind::Consumer: return {176, 80};
    case NodeKind::Queue: return {176, 70};
    case NodeKind::Topic: return {156, 56};
    case NodeKind::Bus: return {164, 56};
    case NodeKind::DeadLetters: return {132, 50}; // small: a side exit, not a stage of the pipeline
    case NodeKind::Log:
        // A bar per partition, up to a limit; past it a summary of fixed size (see PartitionSummary).
        if (node.partitions > kMaxPartitionBars) return {248, 96};
        return {std::max(176.0, 24.0 + node.partitions * 12.0), 96};
    }
    return {160, 60};
}

double NodeItem::partitionBarShare(int p) const
{
    if (p < 0 || static_cast<std::size_t>(p) >= figures_.partitionLag.size()) return 0;
    return std::min(1.0, static_cast<double>(figures_.partitionLag[static_cast<std::size_t>(p)]) / static_cast<double>(partitionScale_));
}

void NodeItem::resetScale() { depthScale_ = 1, partitionScale_ = 10; }

void NodeItem::setFigures(const NodeFigures& f)
{
    depthScale_ = std::max({depthScale_, f.depth, f.lag});
    // The partitions' bars share one absolute scale: the power of ten above the largest lag seen, so a
    // bar grows as its lag grows (a running maximum would keep the worst partition always "full").
    for (std::uint64_t l : f.partitionLag)
        while (partitionScale_ < l) partitionScale_ *= 10;
    const auto shown = [](const NodeFigures& a) {
        return std::tuple(a.up, a.instancesUp, a.depth, a.inFlight, a.lag, a.deadLettered, a.count,
                          std::lround(a.utilisation * 100), a.slowFactor, a.slowExtra, a.threads, a.busyThreads,
                          a.backlog, a.requests);
    };
    const auto database = [](const NodeFigures& a) {
        return std::tuple(a.dbWrites, a.lostAfterCommit, a.outboxPending, a.republished, a.sinceLoss >= 0 && a.sinceLoss <= 2);
    };
    if (shown(f) == shown(figures_) && f.partitionLag == figures_.partitionLag && f.partitionOwner == figures_.partitionOwner &&
        f.rebalancing == figures_.rebalancing && database(f) == database(figures_))
        return;
    figures_ = f;
    update();
}

bool NodeItem::isSlowed() const { return figures_.up && (figures_.slowFactor != 1 || figures_.slowExtra > 0); }

QString NodeItem::slowdownText() const
{
    if (!isSlowed()) return {};
    QStringList parts;
    if (figures_.slowFactor != 1) parts << QStringLiteral("×%1").arg(figures_.slowFactor, 0, 'g', 3);
    if (figures_.slowExtra > 0) {
        const double ms = figures_.slowExtra * 1000;
        parts << (ms >= 1000 ? QStringLiteral("+%1 s").arg(figures_.slowExtra, 0, 'g', 3)
                             : QStringLiteral("+%1 ms").arg(ms, 0, 'g', 3));
    }
    // "×3 slower" reads best alone; with an added delay the "+" already says it.
    return figures_.slowExtra > 0 ? parts.join(' ') : parts.front() + QStringLiteral(" slower");
}

QString NodeItem::threadsText() const
{
    if (figures_.threads <= 0) return {};
    return QStringLiteral("%1/%2 threads").arg(figures_.busyThreads).arg(figures_.threads);
}

QString NodeItem::backlogText() const
{
    if (figures_.threads <= 0) return {};
    return QStringLiteral("backlog %1/%2").arg(count(figures_.backlog), count(figures_.backlogLimit));
}

QPointF NodeItem::borderToward(const QPointF& scenePoint) const
{
    // Bisect along the segment from the centre: the outline is convex enough for the one crossing.
    const QPainterPath o = outline();
    const QPointF target = mapFromScene(scenePoint);
    if (o.contains(target)) return scenePoint;
    double inside = 0, outside = 1;
    for (int i = 0; i < 16; ++i) {
        const double mid = (inside + outside) / 2;
        (o.contains(target * mid) ? inside : outside) = mid;
    }
    return mapToScene(target * outside);
}

QVariant NodeItem::itemChange(GraphicsItemChange change, const QVariant& value)
{
    if (change == ItemPositionHasChanged)
        for (EdgeItem* e : edges_) e->reroute();
    return QGraphicsItem::itemChange(change, value);
}

void NodeItem::mousePressEvent(QGraphicsSceneMouseEvent* e)
{
    pressPos_ = pos();
    QGraphicsItem::mousePressEvent(e);
}

void NodeItem::mouseReleaseEvent(QGraphicsSceneMouseEvent* e)
{
    QGraphicsItem::mouseReleaseEvent(e);
    if (pos() != pressPos_ && onUserMoved_) onUserMoved_(this);
}

QRectF NodeItem::boundingRect() const
{
    // Room for the selection outline, the lag badge on the top edge and the read model's on the bottom.
    return QRectF(-size_.width() / 2, -size_.height() / 2, size_.width(), size_.height()).adjusted(-6, -12, 6, 12);
}

QPainterPath NodeItem::shape() const
{
    QPainterPath p;
    p.addRect(QRectF(-size_.width() / 2, -size_.height() / 2, size_.width(), size_.height()));
    return p;
}

QPainterPath NodeItem::outline() const
{
    const QRectF r(-size_.width() / 2, -size_.height() / 2, size_.width(), size_.height());
    QPainterPath p;
    const double h = r.height() / 2;
    switch (kind_) {
    case NodeKind::Producer: { // an arrow pointing right: it sends
        p.moveTo(r.left(), r.top());
        p.lineTo(r.right() - 16, r.top());
        p.lineTo(r.right(), r.center().y());
        p.lineTo(r.right() - 16, r.bottom());
        p.lineTo(r.left(), r.bottom());
        p.closeSubpath();
        break;
    }
    case NodeKind::Consumer: p.addRoundedRect(r, 10, 10); break;
    case NodeKind::Queue: p.addRoundedRect(r, h * 0.6, h * 0.6); break; // a pipe
    case NodeKind::Topic: { // a hexagon: one in, many out
        p.moveTo(r.left() + 16, r.top());
        p.lineTo(r.right() - 16, r.top());
        p.lineTo(r.right(), r.center().y());
        p.lineTo(r.right() - 16, r.bottom());
        p.lineTo(r.left() + 16, r.bottom());
        p.lineTo(r.left(), r.center().y());
        p.closeSubpath();
        break;
    }
    case NodeKind::Log: p.addRect(r); break;
    case NodeKind::DeadLetters: p.addRoundedRect(r, 4, 4); break; // a plain box: messages parked for a person
    case NodeKind::Bus: { // cut corners: a router with rules
        const double c = 12;
        p.moveTo(r.left() + c, r.top());
        p.lineTo(r.right() - c, r.top());
        p.lineTo(r.right(), r.top() + c);
        p.lineTo(r.right(), r.bottom() - c);
        p.lineTo(r.right() - c, r.bottom());
        p.lineTo(r.left() + c, r.bottom());
        p.lineTo(r.left(), r.bottom() - c);
        p.lineTo(r.left(), r.top() + c);
        p.closeSubpath();
        break;
    }
    }
    return p;
}

void NodeItem::paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*)
{
    const GraphPalette pal = GraphPalette::current();
    const QRectF r(-size_.width() / 2, -size_.height() / 2, size_.width(), size_.height());
    const bool down = !figures_.up;
    const QColor accent = down ? pal.muted : pal.accent(kind_);
    const QColor ink = down ? pal.muted : pal.text;

    p->setRenderHint(QPainter::Antialiasing);
    const bool slowed = isSlowed();
    if (isSelected()) p->setPen(QPen(pal.selection, 3));
    else if (slowed) p->setPen(QPen(pal.warning, 2.6, Qt::DashLine)); // slowed: amber, dashed
    else p->setPen(QPen(accent, 1.6));
    p->setBrush(down ? pal.downFill : pal.fill(kind_));
    p->drawPath(outline());

    // Header: the kind, small, in the accent colour; then the name.
    const QFont small = graphtext::font(0.9);
    const QFont bold = graphtext::font(1, true);
    const QRectF inner = r.adjusted(kind_ == NodeKind::Topic ? 16 : kPad, 4, -(kind_ == NodeKind::Producer || kind_ == NodeKind::Topic ? 16 : kPad), -4);
    p->setFont(small);
    p->setPen(accent);
    QString kindText = caption_.isEmpty() ? QString::fromLatin1(nodeKindName(kind_)) : caption_;
    if (alsoProduces_ && caption_.isEmpty()) kindText += QStringLiteral(" + producer");
    p->drawText(QRectF(inner.left(), inner.top(), inner.width(), 14), Qt::AlignLeft | Qt::AlignVCenter, fitted(p, kindText, inner.width()));
    p->setFont(bold);
    p->setPen(ink);
    const QFontMetricsF fm(bold);
    p->drawText(QRectF(inner.left(), inner.top() + 14, inner.width(), fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                fm.elidedText(name_, Qt::ElideMiddle, inner.width()));

    p->setFont(small);
    const QRectF body(inner.left(), inner.top() + 14 + fm.height(), inner.width(), inner.bottom() - inner.top() - 14 - fm.height());
    if (kind_ == NodeKind::Log) paintPartitions(p, body, ink);
    else if (figures_.threads > 0) paintServer(p, body, ink);
    else paintFigures(p, body, ink);

    if (down) {
        // Unmistakable: a red cross over the whole node and a DOWN tag.
        p->setPen(QPen(pal.danger, 3, Qt::SolidLine, Qt::RoundCap));
        p->drawLine(r.topLeft() + QPointF(6, 6), r.bottomRight() - QPointF(6, 6));
        p->drawLine(r.bottomLeft() + QPointF(6, -6), r.topRight() + QPointF(-6, 6));
        const QRectF tag(r.right() - 52, r.top() - 9, 46, 18);
        p->setPen(Qt::NoPen);
        p->setBrush(pal.danger);
        p->drawRoundedRect(tag, 9, 9);
        p->setPen(Qt::white);
        p->setFont(bold);
        p->drawText(tag, Qt::AlignCenter, QStringLiteral("DOWN"));
    }
    // The backlog matters most while a consumer is down: keep its badge, left of the DOWN tag.
    if (kind_ == NodeKind::Consumer && figures_.lag > 0) paintLagBadge(p, down ? 52 : 0);
    if (kind_ == NodeKind::Consumer && figures_.staleness >= 0) paintStalenessBadge(p);
    if (slowed) paintWarningBadge(p, slowdownText());
    if (kind_ == NodeKind::Log && figures_.rebalancing) paintWarningBadge(p, rebalanceText());
    if (const QString moment = databaseMomentText(); !moment.isEmpty()) paintWarningBadge(p, moment);
}

QString NodeItem::rebalanceText() const
{
    if (figures_.eagerRebalance) return QStringLiteral("rebalancing: eager, all paused");
    const auto off = std::count(figures_.partitionOwner.begin(), figures_.partitionOwner.end(), -1);
    return off > 0 ? QStringLiteral("rebalancing: %1 moving").arg(off) : QStringLiteral("rebalancing: cooperative");
}

void NodeItem::paintFigures(QPainter* p, const QRectF& r, const QColor& ink) const
{
    const GraphPalette pal = GraphPalette::current();
    const NodeFigures& f = figures_;
    QString line;
    double bar = -1; // 0..1, or none
    QString barText;
    switch (kind_) {
    case NodeKind::Producer:
        line = QStringLiteral("created %1").arg(count(f.count));
        if (database_) paintDatabase(p, QRectF(r.left(), r.top() + 16, r.width(), 14));
        break;
    case NodeKind::Topic:
    case NodeKind::Bus: line = QStringLiteral("received %1").arg(count(f.count)); break;
    case NodeKind::Queue:
        line = QStringLiteral("in flight %1").arg(count(f.inFlight));
        if (f.deadLettered) line += QStringLiteral(" · DLQ %1").arg(count(f.deadLettered));
        bar = static_cast<double>(f.depth) / static_cast<double>(depthScale_);
        barText = QStringLiteral("depth %1").arg(count(f.depth));
        break;
    case NodeKind::Consumer:
        line = QStringLiteral("busy %1/%2").arg(f.inFlight).arg(f.workers);
        if (f.instances > 1) line += QStringLiteral(" · up %1/%2").arg(f.instancesUp).arg(f.instances);
        // Retries in progress: how many workers wait out a backoff, in amber, so a retry storm shows.
        if (f.inBackoff > 0) line += QStringLiteral(" · %1 in backoff").arg(f.inBackoff);
        bar = f.utilisation;
        barText = QStringLiteral("util %1%").arg(std::lround(f.utilisation * 100));
        break;
    case NodeKind::Log: break;
    case NodeKind::DeadLetters: line = QStringLiteral("%1 messages").arg(count(f.depth)); break;
    }
    p->setPen(f.kind == NodeKind::DeadLetters && f.depth > 0 ? pal.danger : f.inBackoff > 0 ? pal.warning.darker(140) : ink);
    p->drawText(QRectF(r.left(), r.top(), r.width(), 14), Qt::AlignLeft | Qt::AlignVCenter,
                fitted(p, line, r.width()));
    if (bar < 0) return;
    const QRectF track(r.left(), r.bottom() - 14, r.width(), 14);
    p->setPen(Qt::NoPen);
    p->setBrush(pal.track);
    p->drawRoundedRect(track, 3, 3);
    // A light tint of the accent, so the figure written over the bar stays readable.
    p->setBrush(blend(pal.base, kind_ == NodeKind::Consumer && bar > 0.9 ? pal.warning : pal.accent(kind_), 0.5));
    p->drawRoundedRect(QRectF(track.topLeft(), QSizeF(track.width() * std::clamp(bar, 0.0, 1.0), track.height())), 3, 3);
    p->setPen(pal.text);
    p->drawText(track.adjusted(4, 0, -4, 0), Qt::AlignLeft | Qt::AlignVCenter, barText);
}

// The producer's database under what it created: the dual write's commits and the events lost
// between a commit and its publish (red), or the outbox's rows waiting for the relay and those it
// published twice (amber). For two simulated seconds after one happens, a badge says so.
void NodeItem::paintDatabase(QPainter* p, const QRectF& line) const
{
    const GraphPalette pal = GraphPalette::current();
    const NodeFigures& f = figures_;
    const bool dual = database_ == 1;
    const std::uint64_t bad = dual ? f.lostAfterCommit : f.republished;
    // The database, drawn: a small cylinder before its line (the relay's arrow follows an outbox).
    const QRectF can(line.left(), line.top() + 1, 10, line.height() - 2);
    p->setPen(QPen(pal.text, 1));
    p->setBrush(pal.base);
    p->drawRect(QRectF(can.left(), can.top() + 2, can.width(), can.height() - 4));
    p->drawEllipse(QRectF(can.left(), can.bottom() - 4, can.width(), 4));
    p->drawEllipse(QRectF(can.left(), can.top(), can.width(), 4));
    p->setBrush(Qt::NoBrush);
    const QRectF text = line.adjusted(can.width() + 4, 0, 0, 0);
    p->drawText(text, Qt::AlignLeft | Qt::AlignVCenter,
                dual ? fittedOr(p, QStringLiteral("db %1 committed").arg(count(f.dbWrites)), QStringLiteral("db %1").arg(count(f.dbWrites)), text.width())
                     : fittedOr(p, QStringLiteral("outbox %1 → relay").arg(count(f.outboxPending)),
                                QStringLiteral("outbox %1").arg(count(f.outboxPending)), text.width()));
    p->setPen(bad == 0 ? pal.muted : dual ? pal.danger : pal.warning.darker(150));
    p->drawText(text.translated(0, 16), Qt::AlignLeft | Qt::AlignVCenter,
                dual ? fittedOr(p, QStringLiteral("lost after commit %1").arg(count(bad)), QStringLiteral("lost %1").arg(count(bad)), text.width())
                     : fittedOr(p, QStringLiteral("republished %1").arg(count(bad)), QStringLiteral("again %1").arg(count(bad)), text.width()));
}

QString NodeItem::databaseMomentText() const
{
    if (!database_ || figures_.sinceLoss < 0 || figures_.sinceLoss > 2) return {};
    return database_ == 1 ? QStringLiteral("crash after commit: lost") : QStringLiteral("relay crash: sent twice");
}

void NodeItem::paintServer(QPainter* p, const QRectF& r, const QColor& ink) const
{
    const GraphPalette pal = GraphPalette::current();
    const NodeFigures& f = figures_;
    double y = r.top();
    p->setPen(ink);
    if (kind_ == NodeKind::Producer) {
        // Its users' requests: the same figure in both styles (as calls it creates no event).
        p->drawText(QRectF(r.left(), y, r.width(), 14), Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("requests %1").arg(count(f.requests)));
        y += 15;
    }
    // A full backlog means the next request is turned away (503): say it in the danger colour.
    const bool full = f.backlogLimit > 0 && f.backlog >= f.backlogLimit;
    p->setPen(full ? pal.danger : ink);
    p->drawText(QRectF(r.left(), y, r.width(), 14), Qt::AlignLeft | Qt::AlignVCenter,
                fitted(p, backlogText() + (full ? QStringLiteral(" full") : QString()), r.width()));
    const double share = static_cast<double>(f.busyThreads) / f.threads;
    const QRectF track(r.left(), r.bottom() - 14, r.width(), 14);
    p->setPen(Qt::NoPen);
    p->setBrush(pal.track);
    p->drawRoundedRect(track, 3, 3);
    const QColor tint = f.busyThreads >= f.threads ? pal.danger : share > 0.9 ? pal.warning : pal.accent(kind_);
    p->setBrush(blend(pal.base, tint, 0.55));
    p->drawRoundedRect(QRectF(track.topLeft(), QSizeF(track.width() * std::clamp(share, 0.0, 1.0), track.height())), 3, 3);
    p->setPen(pal.text);
    p->drawText(track.adjusted(4, 0, -4, 0), Qt::AlignLeft | Qt::AlignVCenter, threadsText());
}

void NodeItem::paintPartitions(QPainter* p, const QRectF& r, const QColor& ink) const
{
    const GraphPalette pal = GraphPalette::current();
    const NodeFigures& f = figures_;
    p->setPen(ink);
    p->drawText(QRectF(r.left(), r.top(), r.width(), 14), Qt::AlignLeft | Qt::AlignVCenter,
                fitted(p, QStringLiteral("retained %1 · lag %2").arg(count(f.depth), count(f.lag)), r.width()));
    if (f.partitionLag.size() > static_cast<std::size_t>(kMaxPartitionBars)) {
        p->save();
        paintPartitionSummary(p, QRectF(r.left(), r.top() + 18, r.width(), r.bottom() - r.top() - 18), ink);
        p->restore();
        return;
    }
    // One bar per partition: its backlog (the largest over the groups), so a hot partition stands
    // out; its number (p0, p1...) under it and, where there is room, its lag on it. The scale, a
    // power of ten shared by the bars, is written at the right of the header.
    const int n = std::max<int>(1, static_cast<int>(f.partitionLag.size()));
    const QFont tiny = graphtext::font(0.75);
    p->setFont(tiny);
    const QFontMetricsF fm(tiny);
    p->setPen(pal.muted);
    // In the header row, right of the kind: the figures line below it is full.
    const QFont bold = graphtext::font(1, true);
    const double header = 14 + QFontMetricsF(bold).height();
    p->drawText(QRectF(r.left(), r.top() - header, r.width(), 14), Qt::AlignRight | Qt::AlignVCenter,
                QStringLiteral("bars to %1").arg(count(partitionScale_)));
    const double labelH = fm.height();
    const QRectF area(r.left(), r.top() + 16, r.width(), r.bottom() - r.top() - 16 - labelH);
    const double w = area.width() / n;
    for (int i = 0; i < n; ++i) {
        const QRectF slot(area.left() + i * w + 1, area.top(), w - 2, area.height());
        p->setPen(Qt::NoPen);
        p->setBrush(pal.track);
        p->drawRect(slot);
        if (i >= static_cast<int>(f.partitionLag.size())) continue;
        const std::uint64_t lag = f.partitionLag[static_cast<std::size_t>(i)];
        const double h = slot.height() * std::min(1.0, static_cast<double>(lag) / static_cast<double>(partitionScale_));
        p->setBrush(pal.accent(kind_));
        p->drawRect(QRectF(slot.left(), slot.bottom() - h, slot.width(), h));
        // Its owner at the top of the slot ("m1"), or "off" on amber while a rebalance has it revoked.
        if (static_cast<std::size_t>(i) < f.partitionOwner.size()) {
            const int owner = f.partitionOwner[static_cast<std::size_t>(i)];
            const QString who = owner >= 0 ? QStringLiteral("m%1").arg(owner) : QStringLiteral("off");
            if (owner < 0) {
                p->setPen(Qt::NoPen);
                p->setBrush(pal.warning);
                p->drawRect(QRectF(slot.left(), slot.top(), slot.width(), labelH));
            }
            if (fm.horizontalAdvance(who) <= slot.width()) {
                p->setPen(owner >= 0 ? pal.muted : QColor(Qt::black));
                p->drawText(QRectF(slot.left(), slot.top(), slot.width(), labelH), Qt::AlignCenter, who);
            }
        }
        const QString label = QStringLiteral("p%1").arg(i);
        p->setPen(ink);
        if (fm.horizontalAdvance(label) <= w) p->drawText(QRectF(slot.left() - 1, slot.bottom(), w, labelH), Qt::AlignCenter, label);
        const QString value = count(lag);
        if (lag > 0 && fm.horizontalAdvance(value) <= slot.width()) {
            // On the bar when it is tall enough to hold the number, else just above it.
            const bool inside = h >= labelH;
            const QRectF at(slot.left(), inside ? slot.bottom() - h : slot.bottom() - h - labelH, slot.width(), labelH);
            p->setPen(inside ? pal.base : ink);
            p->drawText(at, Qt::AlignCenter, value);
        }
    }
}

// Many partitions: how many lag and the worst one, over a histogram of partitions per decade of lag
// (bar height: the share of all partitions in that decade), so a hot partition among 10,000 shows as
// a lone bar on the right.
void NodeItem::paintPartitionSummary(QPainter* p, const QRectF& r, const QColor& ink) const
{
    const GraphPalette pal = GraphPalette::current();
    const PartitionSummary s = PartitionSummary::of(figures_.partitionLag);
    const QFont small = graphtext::font(0.8);
    p->setFont(small);
    p->setPen(ink);
    QString head = QStringLiteral("%1 partitions · %2 lagging").arg(s.partitions).arg(s.lagging);
    if (s.worst >= 0) head += QStringLiteral(" · max %1 (p%2)").arg(count(s.maxLag)).arg(s.worst);
    p->drawText(QRectF(r.left(), r.top(), r.width(), 12), Qt::AlignLeft | Qt::AlignVCenter, head);
    const QRectF area(r.left(), r.top() + 14, r.width(), r.height() - 14 - 12);
    const double w = area.width() / PartitionSummary::kBins;
    for (int b = 0; b < PartitionSummary::kBins; ++b) {
        const QRectF slot(area.left() + b * w + 2, area.top(), w - 4, area.height());
        p->setPen(Qt::NoPen);
        p->setBrush(pal.track);
        p->drawRect(slot);
        const int inBin = s.bins[static_cast<std::size_t>(b)];
        if (inBin > 0) {
            // At least a hairline, so one hot partition among thousands is still seen.
            const double h = std::max(2.0, slot.height() * inBin / std::max(1, s.partitions));
            p->setBrush(b == 0 ? blend(pal.base, pal.accent(kind_), 0.45) : pal.accent(kind_));
            p->drawRect(QRectF(slot.left(), slot.bottom() - h, slot.width(), h));
        }
        p->setPen(ink);
        p->drawText(QRectF(slot.left(), slot.bottom(), slot.width(), 12), Qt::AlignCenter, PartitionSummary::binLabel(b));
    }
}

QString NodeItem::stalenessText() const
{
    if (figures_.staleness < 0) return {};
    if (figures_.writesBehind == 0) return QStringLiteral("view up to date");
    return QStringLiteral("view %1 stale · %2 behind").arg(lagTime(figures_.staleness), count(figures_.writesBehind));
}

void NodeItem::paintStalenessBadge(QPainter* p) const
{
    // Across the node's bottom edge: the consistency window as it stands, amber while the copy
    // lags the true state (a read now may decide on stock that is gone).
    const GraphPalette pal = GraphPalette::current();
    const QFont f = graphtext::font(0.85, true);
    const QString text = stalenessText();
    const bool stale = figures_.writesBehind > 0;
    const double w = QFontMetricsF(f).horizontalAdvance(text) + 14;
    const QRectF badge(-size_.width() / 2 + 8, size_.height() / 2 - 9, w, 18);
    p->setPen(Qt::NoPen);
    p->setBrush(stale ? pal.warning : pal.track);
    p->drawRoundedRect(badge, 9, 9);
    p->setFont(f);
    p->setPen(stale ? QColor(Qt::black) : pal.text);
    p->drawText(badge, Qt::AlignCenter, text);
}

void NodeItem::paintLagBadge(QPainter* p, double rightInset) const
{
    const GraphPalette pal = GraphPalette::current();
    const QFont f = graphtext::font(0.85, true);
    // Lag in messages and in time, and the lag monitor's verdict: a group that commits every few
    // seconds carries a committed lag all the time and is fine (OK, grey); one that stopped is not
    // (STOP, red). The colour says which node to look at.
    const auto status = static_cast<es::LagStatus>(figures_.lagStatus);
    const QString verdict = status != es::LagStatus::Ok ? QStringLiteral(" ") + QString::fromLatin1(es::lagStatusName(status)) : QString();
    QString text = QStringLiteral("lag %1 · %2").arg(count(figures_.lag), lagTime(figures_.lagSeconds)) + verdict;
    // Where the node is too narrow for all of it (presentation, a DOWN tag beside it), the time goes.
    const double room = size_.width() - 12 - rightInset;
    if (QFontMetricsF(f).horizontalAdvance(text) + 14 > room) text = QStringLiteral("lag %1").arg(count(figures_.lag)) + verdict;
    double w = QFontMetricsF(f).horizontalAdvance(text) + 14;
    // Still too wide beside a DOWN tag: the badge goes to the bottom edge, where it has the width.
    const bool below = w > room && rightInset > 0;
    if (below) rightInset = 0;
    w = std::min(w, size_.width() - 12);
    const QRectF badge(size_.width() / 2 - w - 6 - rightInset, below ? size_.height() / 2 - 9 : -size_.height() / 2 - 9, w, 18);
    const QColor fill = status == es::LagStatus::Ok       ? blend(pal.base, pal.muted, 0.35)
                        : status == es::LagStatus::Warn   ? pal.warning
                        : status == es::LagStatus::Rewind ? pal.accent(NodeKind::Queue).lighter(140)
                                                          : pal.danger;
    p->setPen(Qt::NoPen);
    p->setBrush(fill);
    p->drawRoundedRect(badge, 9, 9);
    p->setPen(status == es::LagStatus::Stall || status == es::LagStatus::Stop ? Qt::white : Qt::black);
    p->setFont(f);
    p->drawText(badge, Qt::AlignCenter, text);
}

void NodeItem::paintWarningBadge(QPainter* p, const QString& text) const
{
    // Top left, clear of the lag badge (top right): amber with a dark outline, like a warning sign.
    const GraphPalette pal = GraphPalette::current();
    const QFont f = graphtext::font(0.85, true);
    p->setFont(f);
    // No wider than the node (whose bounds clip it): a narrow node elides the words.
    const double w = std::min(QFontMetricsF(f).horizontalAdvance(text) + 14, size_.width() - 6);
    const QRectF badge(-size_.width() / 2 + 6, -size_.height() / 2 - 9, w, 18);
    p->setPen(QPen(QColor(0x5a, 0x3a, 0x00), 1));
    p->setBrush(pal.warning);
    p->drawRoundedRect(badge, 9, 9);
    p->setPen(Qt::black);
    p->drawText(badge, Qt::AlignCenter, fitted(p, text, w - 10));
}

} // namespace esui

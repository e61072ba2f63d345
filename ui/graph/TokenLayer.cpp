#include "graph/TokenLayer.h"

#include <QGraphicsView>

#include "graph/EdgeItem.h"
#include "graph/NodeItem.h"
#include "graph/TokenGlyphs.h"

#include <QGraphicsSceneMouseEvent>
#include <QGraphicsView>
#include <QLocale>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace esui {

namespace {

constexpr int kRouteSamples = 48;
constexpr double kNodeHopDistance = 46;  // how far a token at a node travels (scene units)
constexpr double kNodeHopDuration = 0.9; // seconds
constexpr double kRateTimeConstant = 0.5; // seconds of wall time the edge rates are smoothed over
constexpr double kTimeoutMarkAt = 0.8;    // where along a call edge a timeout's cross stands
constexpr double kCallMarkDuration = 1.2; // seconds a timeout's or a rejection's mark stays

// A call response that carries an error (its hop's attempt holds the es::CallCause; 0 = success).
bool failedResponse(const es::Hop& h) { return h.kind == es::HopKind::CallResponse && h.attempt != 0; }

QString rateText(double perSecond)
{
    if (perSecond >= 1e6) return QStringLiteral("%1 M/s").arg(perSecond / 1e6, 0, 'f', 1);
    if (perSecond >= 1e3) return QStringLiteral("%1 k/s").arg(perSecond / 1e3, 0, 'f', 1);
    return QStringLiteral("%1/s").arg(perSecond, 0, 'f', 0);
}

} // namespace

TokenLayer::TokenLayer(const ServiceGraph& graph, QVector<NodeItem*> nodes, QVector<EdgeItem*> edges)
    : graph_(graph), nodes_(std::move(nodes)), edgeItems_(std::move(edges)), edges_(edgeItems_.size()),
      edgeOf_(graph.nodes.size() * graph.nodes.size(), -1), palette_(GraphPalette::current())
{
    const std::size_t n = graph.nodes.size();
    for (std::size_t e = 0; e < graph.edges.size(); ++e)
        edgeOf_[static_cast<std::size_t>(graph.edges[e].from) * n + static_cast<std::size_t>(graph.edges[e].to)] = static_cast<int>(e);
    setZValue(10); // above nodes and edges
    setAcceptedMouseButtons(Qt::LeftButton);
    ticker_.setTimerType(Qt::PreciseTimer);
    ticker_.setInterval(16);
    connect(&ticker_, &QTimer::timeout, this, &TokenLayer::tick);
}

QRectF TokenLayer::boundingRect() const
{
    // Everywhere: tokens follow edges wherever nodes are dragged, and every frame repaints them all.
    return QRectF(-1e5, -1e5, 2e5, 2e5);
}

void TokenLayer::clear()
{
    tokens_.clear();
    for (EdgeState& e : edges_) e.rate = 0, e.banded = false, e.lastTotal = 0;
    lastIngest_ = -1;
    lastSim_ = 0;
    selectedEvent_ = 0;
    update();
}

double TokenLayer::travelSeconds(int edge) const { return std::clamp(route(edge).length / kPace, 0.25, 1.5); }

void TokenLayer::refreshPalette()
{
    palette_ = GraphPalette::current();
    sprites_.clear();
    update();
}

int TokenLayer::bandCount() const
{
    return static_cast<int>(std::count_if(edges_.begin(), edges_.end(), [](const EdgeState& e) { return e.banded; }));
}

const TokenLayer::Route& TokenLayer::route(int edge) const
{
    EdgeState& st = edges_[edge];
    const QPainterPath& path = edgeItems_[edge]->path();
    if (st.route.points.isEmpty() || st.route.source != path) {
        // Sampled once per shape of the edge (dot's spline, or the curve after a node was dragged).
        st.route.source = path;
        st.route.points.resize(kRouteSamples + 1);
        for (int i = 0; i <= kRouteSamples; ++i) st.route.points[i] = path.pointAtPercent(static_cast<double>(i) / kRouteSamples);
        st.route.length = path.length();
    }
    return st.route;
}

void TokenLayer::refreshRoutes() const
{
    for (int e = 0; e < edges_.size(); ++e) route(e);
}

void TokenLayer::updateRates(const Snapshot& s, double dt, double simDt)
{
    if (s.edges.size() != static_cast<std::size_t>(edges_.size())) return;
    const double alpha = dt > 0 ? 1.0 - std::exp(-dt / kRateTimeConstant) : 0;
    for (int e = 0; e < edges_.size(); ++e) {
        EdgeState& st = edges_[e];
        std::uint64_t total = 0;
        for (std::uint64_t c : s.edges[static_cast<std::size_t>(e)].count) total += c;
        const std::uint64_t delta = total >= st.lastTotal ? total - st.lastTotal : total;
        // The label speaks of the simulated system, whatever the playback speed or the gap between
        // snapshots: the engine's count over its last 2 simulated seconds. Paused, it holds.
        if (simDt > 0) st.simRate = s.edges[static_cast<std::size_t>(e)].recentRate;
        st.lastTotal = total;
        if (dt > 0) st.rate += alpha * (static_cast<double>(delta) / dt - st.rate);
        // Tokens at once = rate × travel time. Hysteresis, so an edge near the limit does not flicker.
        const double travel = travelSeconds(e);
        const double atOnce = st.rate * travel;
        if (!st.banded && atOnce > kBandThreshold) st.banded = true;
        else if (st.banded && atOnce < kBandThreshold / 2.0) st.banded = false;
    }
}

void TokenLayer::ingest(const Snapshot& s)
{
    const double t = now();
    if (s.simTime < lastSim_) clear(); // restarted
    const double dt = lastIngest_ < 0 ? 0 : std::min(0.25, t - lastIngest_);
    lastIngest_ = t;
    updateRates(s, dt, s.simTime - lastSim_);
    if (s.typeNames.size() != typeNames_.size()) typeNames_ = s.typeNames;

    const std::size_t n = graph_.nodes.size();
    const double simFrom = lastSim_, simSpan = s.simTime - lastSim_;
    lastSim_ = s.simTime;
    // The hops of one snapshot enter over one frame, in simulated-time order, so a batch does not
    // travel as a clump; at slow motion a hop enters close to when it happened.
    const double spread = std::clamp(dt, 0.0, 0.05);
    const std::size_t count = s.hops.size();
    for (std::size_t i = 0; i < count; ++i) {
        const es::Hop& h = s.hops[i];
        if (h.from >= n || h.to >= n) continue;
        Token tok;
        tok.hop = h;
        const bool mark = h.kind == es::HopKind::CallTimeout || h.kind == es::HopKind::CallRejected;
        const int dlq = h.kind == es::HopKind::DeadLetter && h.from == h.to ? graph_.nodes[h.from].deadLetters : -1;
        if (dlq >= 0) {
            // Into the dead-letter node, along its edge.
            tok.edge = edgeOf_[static_cast<std::size_t>(h.from) * n + static_cast<std::size_t>(dlq)];
            if (tok.edge < 0) continue;
            tok.duration = static_cast<float>(travelSeconds(tok.edge));
        } else if (h.from == h.to) {
            tok.node = h.from;
            tok.duration = static_cast<float>(mark ? kCallMarkDuration : kNodeHopDuration);
        } else {
            // A response comes back along its call's edge (caller -> callee).
            tok.reversed = h.kind == es::HopKind::CallResponse;
            tok.edge = tok.reversed ? edgeOf_[static_cast<std::size_t>(h.to) * n + h.from] : edgeOf_[static_cast<std::size_t>(h.from) * n + h.to];
            if (tok.edge < 0) continue; // a hop the graph has no edge for
            edges_[tok.edge].lastType = h.envelope.type;
            // A band shows the plain traffic of its edge; the exceptions still travel as tokens.
            const bool plain = h.kind == es::HopKind::Deliver || h.kind == es::HopKind::CallRequest ||
                               (h.kind == es::HopKind::CallResponse && !failedResponse(h));
            if (edges_[tok.edge].banded && plain) continue;
            tok.duration = static_cast<float>(mark ? kCallMarkDuration : travelSeconds(tok.edge));
        }
        if (tokens_.size() >= static_cast<std::size_t>(kMaxTokens)) continue;
        const double frac = simSpan > 0 ? (es::toSeconds(h.at) - simFrom) / simSpan : static_cast<double>(i) / static_cast<double>(count);
        tok.start = static_cast<float>(t + spread * std::clamp(frac, 0.0, 1.0));
        tokens_.push_back(tok);
    }
    // While snapshots arrive (about 60 a second) each one repaints; the ticker only keeps things
    // moving between them (paused, stepping), so the view paints once per frame, not twice.
    if (!ticker_.isActive() && (!tokens_.empty() || bandCount() > 0)) ticker_.start();
    update();
}

void TokenLayer::tick()
{
    const double t = now();
    // Drop tokens that have arrived (order does not matter: swap with the last).
    for (std::size_t i = 0; i < tokens_.size();) {
        if (t > tokens_[i].start + tokens_[i].duration) {
            tokens_[i] = tokens_.back();
            tokens_.pop_back();
        } else {
            ++i;
        }
    }
    if (tokens_.empty() && bandCount() == 0) ticker_.stop();
    if (lastIngest_ >= 0 && t - lastIngest_ < 0.012) return; // a snapshot just asked for this frame
    update();
}

bool TokenLayer::positionOf(const Token& tok, double at, QPointF* pos, double* opacity) const
{
    const double p = (at - tok.start) / tok.duration;
    if (p < 0 || p > 1) return false;
    *opacity = 1;
    if (tok.edge >= 0) {
        const Route& r = edges_[tok.edge].route; // refreshRoutes() ran before this frame's positions
        if (r.points.size() < 2) return false;
        double along = tok.reversed ? 1 - p : p;
        if (tok.hop.kind == es::HopKind::CallTimeout) {
            // The caller stopped waiting: a cross stands near the callee's end, then fades.
            along = kTimeoutMarkAt;
            *opacity = p < 0.6 ? 1.0 : (1.0 - p) / 0.4;
        }
        const double x = along * kRouteSamples;
        const int i = std::min(kRouteSamples - 1, static_cast<int>(x));
        const double f = x - i;
        *pos = r.points[i] + (r.points[i + 1] - r.points[i]) * f;
        return true;
    }
    // At a node: a dead letter sinks from the node's bottom towards its dead-letter queue; a dropped
    // copy falls away before the node's entrance; a doubled copy splits off above the entrance.
    const NodeItem* node = nodes_.value(tok.node);
    if (!node) return false;
    const QSizeF sz = NodeItem::sizeFor(graph_.nodes[static_cast<std::size_t>(tok.node)]);
    const QPointF c = node->pos();
    const double d = kNodeHopDistance * p;
    switch (tok.hop.kind) {
    case es::HopKind::DeadLetter: *pos = c + QPointF(0, sz.height() / 2 + 6 + d); break;
    case es::HopKind::Dropped: *pos = c + QPointF(-sz.width() / 2 - 14 - d * 0.4, d); break;
    // Turned away at the door: a no-entry sign that stands at the entrance, rising a little.
    case es::HopKind::CallRejected: *pos = c + QPointF(-sz.width() / 2 - 12, -d * 0.25); break;
    // A user gave up waiting for the entry service: the cross drifts away from it.
    case es::HopKind::CallTimeout: *pos = c + QPointF(-sz.width() / 2 - 12 - d * 0.5, sz.height() / 4 + d * 0.2); break;
    default: *pos = c + QPointF(-sz.width() / 2 - 14 - d * 0.3, -d * 0.8); break;
    }
    *opacity = p < 0.7 ? 1.0 : (1.0 - p) / 0.3;
    return true;
}

const QPixmap& TokenLayer::sprite(int type, es::HopKind kind, bool failed) const
{
    // One more look than there are kinds: a response that carries an error.
    const int key = type * (es::kHopKinds + 1) + (failed ? es::kHopKinds : static_cast<int>(kind));
    auto it = sprites_.find(key);
    if (it != sprites_.end()) return *it;
    // Drawn at 3× so a zoomed-in view stays sharp; scaled down when painted.
    constexpr int kPixels = static_cast<int>(kTokenSize * 3);
    QPixmap pm(kPixels, kPixels);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    paintTokenGlyph(&p, QRectF(0, 0, kPixels, kPixels), eventTypeColour(type, palette_.dark), kind, palette_, failed);
    p.end();
    return *sprites_.insert(key, pm);
}

void TokenLayer::paintBands(QPainter* p, double at) const
{
    QFont font = p->font();
    font.setPointSizeF(8);
    p->setFont(font);
    const QLocale locale;
    for (int e = 0; e < edges_.size(); ++e) {
        const EdgeState& st = edges_[e];
        if (!st.banded) continue;
        const Route& r = edges_[e].route;
        const double width = std::clamp(4.0 + 3.0 * std::log10(std::max(1.0, st.rate)), 4.0, 22.0);
        QColor band = eventTypeColour(st.lastType, palette_.dark);
        band.setAlphaF(0.35f);
        QPen pen(band, width, Qt::SolidLine, Qt::FlatCap);
        p->setPen(pen);
        p->setBrush(Qt::NoBrush);
        p->drawPath(r.source);
        // Dashes moving downstream say which way the flow goes.
        QColor dash = band;
        dash.setAlphaF(0.75f);
        QPen moving(dash, width * 0.45, Qt::CustomDashLine, Qt::FlatCap);
        moving.setDashPattern({2.0, 3.0});
        moving.setDashOffset(-at * kPace / (width * 0.45) * 0.5);
        p->setPen(moving);
        p->drawPath(r.source);
        // The count: how many copies per wall second the band stands for.
        const QPointF mid = r.points.value(kRouteSamples / 2);
        const QString text = rateText(st.simRate);
        const QRectF box = QFontMetricsF(font).boundingRect(text).adjusted(-4, -2, 4, 2);
        const QRectF at2(mid.x() - box.width() / 2, mid.y() - width / 2 - box.height() - 2, box.width(), box.height());
        p->setPen(Qt::NoPen);
        QColor bg = palette_.base;
        bg.setAlphaF(0.85f);
        p->setBrush(bg);
        p->drawRoundedRect(at2, 3, 3);
        p->setPen(palette_.text);
        p->drawText(at2, Qt::AlignCenter, text);
    }
}

void TokenLayer::paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*)
{
    const double t = now();
    refreshRoutes();
    paintBands(p, t);
    p->setRenderHint(QPainter::SmoothPixmapTransform);
    const double half = kTokenSize / 2;
    QPointF selectedAt;
    bool selectedSeen = false;
    for (const Token& tok : tokens_) {
        QPointF pos;
        double opacity = 1;
        if (!positionOf(tok, t, &pos, &opacity)) continue;
        const QPixmap& pm = sprite(tok.hop.envelope.type, tok.hop.kind, failedResponse(tok.hop));
        if (opacity < 1) p->setOpacity(opacity);
        p->drawPixmap(QRectF(pos.x() - half, pos.y() - half, kTokenSize, kTokenSize), pm, QRectF(pm.rect()));
        if (opacity < 1) p->setOpacity(1);
        if (selectedEvent_ && tok.hop.envelope.eventId == selectedEvent_) selectedAt = pos, selectedSeen = true;
    }
    if (selectedSeen) {
        p->setPen(QPen(palette_.selection, 2));
        p->setBrush(Qt::NoBrush);
        p->drawEllipse(selectedAt, kTokenSize * 0.85, kTokenSize * 0.85);
    }
}

bool TokenLayer::tokenAt(QPointF scenePos, double radius, TokenInfo* out, double lookBack) const
{
    const double t = now();
    refreshRoutes();
    const Token* best = nullptr;
    double bestD = radius * radius;
    // Where each token is now and where it was up to `lookBack` wall seconds ago (in animation time:
    // × pace): a click lands a few frames after the eye aimed at a moving token.
    constexpr int kLooks = 4;
    const double step = lookBack * clock_.pace() / (kLooks - 1);
    for (const Token& tok : tokens_) {
        for (int k = 0; k < (lookBack > 0 ? kLooks : 1); ++k) {
            QPointF pos;
            double opacity;
            if (!positionOf(tok, t - k * step, &pos, &opacity)) continue;
            const QPointF d = pos - scenePos;
            const double d2 = QPointF::dotProduct(d, d);
            if (d2 <= bestD) bestD = d2, best = &tok;
        }
    }
    if (!best) return false;
    if (out) {
        out->hop = best->hop;
        const std::uint16_t type = best->hop.envelope.type;
        out->typeName = type < typeNames_.size() ? typeNames_[type] : std::string("type ") + std::to_string(type);
        out->fromName = graph_.nodes[best->hop.from].name;
        out->toName = graph_.nodes[best->hop.to].name;
    }
    return true;
}

bool TokenLayer::tokenPosition(std::uint64_t eventId, QPointF* at) const
{
    const double t = now();
    refreshRoutes();
    for (const Token& tok : tokens_) {
        double opacity;
        if (tok.hop.envelope.eventId == eventId && positionOf(tok, t, at, &opacity)) return true;
    }
    return false;
}

void TokenLayer::mousePressEvent(QGraphicsSceneMouseEvent* e)
{
    // A generous target: at least kHitPixels on screen however far the view is zoomed out, and
    // wherever the token was in the last kHitLookBack seconds (tokens move; the click comes late).
    double scale = 1;
    if (e->widget())
        if (auto* view = qobject_cast<QGraphicsView*>(e->widget()->parentWidget())) scale = view->transform().m11();
    const double radius = std::max(kTokenSize, kHitPixels / std::max(scale, 1e-3));
    TokenInfo info;
    if (tokenAt(e->scenePos(), radius, &info, kHitLookBack)) {
        selectedEvent_ = info.hop.envelope.eventId;
        emit tokenClicked(info);
        e->accept();
        update();
        return;
    }
    e->ignore(); // to the node or the background beneath
}

} // namespace esui

#include "graph/GraphView.h"

#include "graph/EdgeItem.h"
#include "graph/GraphLayout.h"
#include "graph/GraphText.h"
#include "graph/NodeItem.h"
#include "graph/TokenLayer.h"
#include "graph/TokenLegend.h"

#include <QContextMenuEvent>
#include <QFontInfo>
#include <QElapsedTimer>
#include <QLabel>
#include <QMenu>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace esui {

GraphView::GraphView(QWidget* parent)
    : QGraphicsView(parent), scene_(new QGraphicsScene(this)), legend_(new TokenLegend(this)), note_(new QLabel(this))
{
    note_->setObjectName(QStringLiteral("noteBanner"));
    note_->setWordWrap(true);
    note_->setMargin(8);
    note_->setAutoFillBackground(true);
    note_->setBackgroundRole(QPalette::ToolTipBase);
    note_->setForegroundRole(QPalette::ToolTipText);
    note_->setAttribute(Qt::WA_TransparentForMouseEvents);
    note_->hide();
    // Few items, and the user may drag nodes: no spatial index to maintain; the scene rect is set by
    // the layout and grows when a node is dropped outside it.
    scene_->setItemIndexMethod(QGraphicsScene::NoIndex);
    setScene(scene_);
    setRenderHint(QPainter::Antialiasing);
    setDragMode(ScrollHandDrag); // a press on a node selects it; a press on the background pans
    setTransformationAnchor(AnchorUnderMouse);
    setViewportUpdateMode(SmartViewportUpdate);
    setOptimizationFlags(DontSavePainterState);
    setBackgroundBrush(palette().base());
    connect(scene_, &QGraphicsScene::selectionChanged, this, [this] {
        NodeItem* n = selectedNode();
        emit nodeSelected(n ? n->index() : -1);
    });
}

// The scene is a child QObject, deleted by ~QWidget after this destructor has run; clearing it then
// emits selectionChanged, whose handler must not reach a GraphView that is no longer one.
GraphView::~GraphView() { disconnect(scene_, nullptr, this, nullptr); }

void GraphView::setGraph(const ServiceGraph& graph, const std::vector<es::NodePosition>& saved)
{
    tokens_ = nullptr; // the scene owns it and is about to delete it
    beforePresentation_.clear(); // positions of the graph that is going
    edgesBeforePresentation_.clear();
    scene_->clear();
    nodes_.clear();
    edges_.clear();
    graph_ = graph;
    for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
        auto* item = new NodeItem(static_cast<int>(i), graph.nodes[i]);
        item->setOnUserMoved([this](NodeItem*) {
            scene_->setSceneRect(scene_->sceneRect() | contentRect().adjusted(-30, -30, 30, 30));
            if (!userZoomed_) setSceneRect(sceneRect() | scene_->sceneRect()); // a node moved out stays reachable
            emit layoutEdited();
        });
        scene_->addItem(item);
        item->setVisible(!graph.nodes[i].idle); // a broker nothing uses in the sync style
        nodes_.push_back(item);
    }
    for (const GraphEdge& e : graph.edges) {
        auto* item = new EdgeItem(e, EdgeRoute{});
        scene_->addItem(item);
        edges_.push_back(item);
        item->attach(nodes_.value(e.from), nodes_.value(e.to));
    }
    legend_->setTypeNames({}); // the next snapshot brings the new scenario's types
    legend_->setShowsCalls(std::any_of(graph.edges.begin(), graph.edges.end(), [](const GraphEdge& e) { return e.kind == EdgeKind::Call; }));
    legend_->setShowsMessages(graph.edges.empty() || std::any_of(graph.edges.begin(), graph.edges.end(), [](const GraphEdge& e) { return e.kind != EdgeKind::Call; }));
    tokens_ = new TokenLayer(graph, nodes_, edges_);
    tokens_->setAnimationPace(animationPace_);
    scene_->addItem(tokens_);
    connect(tokens_, &TokenLayer::tokenClicked, this, &GraphView::tokenClicked);
    place(saved);
    if (presentation_) compactColumns(); // another lesson or variant while presenting
    userZoomed_ = false;
    lastSimTime_ = 0;
    fit();
}

void GraphView::place(const std::vector<es::NodePosition>& saved)
{
    QVector<QSizeF> sizes;
    for (const GraphNode& n : graph_.nodes) sizes.push_back(NodeItem::sizeFor(n));
    const GraphLayout layout = layoutGraph(graph_, sizes, saved);
    // Nodes first (their edges re-route straight as they move), then dot's splines where it has them.
    for (int i = 0; i < nodes_.size(); ++i) nodes_[i]->setPos(layout.centres.value(i));
    for (int i = 0; i < edges_.size(); ++i) edges_[i]->setRoute(layout.edges.value(i));
    scene_->setSceneRect(contentRect().adjusted(-30, -30, 30, 30));
}

void GraphView::resetLayout()
{
    if (nodes_.isEmpty()) return;
    place({});
    if (!userZoomed_) fit();
    emit layoutEdited();
}

void GraphView::setAnimationPace(double pace)
{
    animationPace_ = pace;
    if (tokens_) tokens_->setAnimationPace(pace);
}

// The nodes and edges (not the token layer, which claims the whole plane).
QRectF GraphView::contentRect() const
{
    QRectF r;
    for (const NodeItem* n : nodes_)
        if (n->isVisible()) r |= n->sceneBoundingRect();
    for (const EdgeItem* e : edges_) r |= e->sceneBoundingRect();
    return r;
}

std::vector<es::NodePosition> GraphView::positions() const
{
    std::vector<es::NodePosition> out;
    // A hidden (idle) broker has no place of its own: saving one would move it in the events style.
    for (const NodeItem* n : nodes_)
        // A dead-letter node is the window's own, not the file's: the layout places it beside its owner.
        if (n->isVisible() && graph_.nodes[static_cast<std::size_t>(n->index())].kind != NodeKind::DeadLetters)
            out.push_back(es::NodePosition{n->name().toStdString(), n->pos().x(), n->pos().y()});
    return out;
}

void GraphView::updateFrom(const Snapshot& s)
{
    const bool restarted = s.simTime < lastSimTime_;
    lastSimTime_ = s.simTime;
    for (int i = 0; i < nodes_.size() && i < static_cast<int>(s.nodes.size()); ++i) {
        if (restarted) nodes_[i]->resetScale();
        nodes_[i]->setFigures(s.nodes[static_cast<std::size_t>(i)]);
    }
    if (s.edges.size() == static_cast<std::size_t>(edges_.size()))
        for (int i = 0; i < edges_.size(); ++i) {
            edges_[i]->setCut(s.edges[static_cast<std::size_t>(i)].cut);
            edges_[i]->setCircuit(s.edges[static_cast<std::size_t>(i)].circuit);
            const EdgeFlow& ef = s.edges[static_cast<std::size_t>(i)];
            QStringList faults;
            auto pct = [](float share) { return QStringLiteral("%1%").arg(static_cast<double>(share) * 100, 0, 'g', 3); };
            if (ef.dropShare > 0) faults << QStringLiteral("drop ") + pct(ef.dropShare);
            if (ef.duplicateShare > 0) faults << QStringLiteral("duplicate ") + pct(ef.duplicateShare);
            if (ef.delayShare > 0) faults << QStringLiteral("delay ") + pct(ef.delayShare);
            edges_[i]->setLinkFault(faults.join(QStringLiteral(" · ")));
        }
    if (tokens_) tokens_->ingest(s);
    if (legend_->typeNames().size() != static_cast<qsizetype>(s.typeNames.size())) {
        legend_->setTypeNames(s.typeNames);
        placeLegend();
        if (!userZoomed_) fit(); // the legend's height is the graph's to give up
    }
}

NodeItem* GraphView::selectedNode() const
{
    for (QGraphicsItem* item : scene_->selectedItems())
        if (auto* n = dynamic_cast<NodeItem*>(item)) return n;
    return nullptr;
}

void GraphView::fit()
{
    if (scene_->items().isEmpty()) return;
    // Fit into the part of the view the legend leaves free (it runs along the bottom).
    const QRectF scene = scene_->sceneRect();
    const double below = legend_->isVisible() ? legend_->height() + 8 : 0;
    const double above = note_->isHidden() ? 0 : note_->height() + 8;
    const double w = viewport()->width() - 8, h = viewport()->height() - 8 - below - above;
    if (scene.width() <= 0 || scene.height() <= 0 || w <= 0 || h <= 0) return;
    // Never blow a small graph up past 1.5× (the text would look oversized), except on a projector.
    const double k = std::min({w / scene.width(), h / scene.height(), presentation_ ? 3.0 : 1.5});
    setTransform(QTransform::fromScale(k, k));
    // The graph's centre goes to the middle of the free part, not of the view. A view whose scene fits
    // whole cannot scroll, so centerOn() alone would be ignored and the graph centred under the
    // legend: the view's own scene rect is the part of the scene the viewport shows (a pixel
    // smaller, so no scroll bar appears from rounding), which always holds the graph.
    const QPointF centre = scene.center() + QPointF(0, (below - above) / 2 / k);
    const QSizeF port((viewport()->width() - 2) / k, (viewport()->height() - 2) / k);
    setSceneRect(QRectF(centre - QPointF(port.width() / 2, port.height() / 2), port) | scene);
    centerOn(centre);
}

void GraphView::contextMenuEvent(QContextMenuEvent* e)
{
    QMenu menu(this);
    int node = -1, edge = -1;
    for (QGraphicsItem* item : items(e->pos()))
        if (auto* n = dynamic_cast<NodeItem*>(item); n && n->isVisible()) {
            node = n->index();
            break;
        }
    if (node < 0) { // an edge is a thin line: a few pixels around the pointer
        const QRect around(e->pos() - QPoint(6, 6), QSize(12, 12));
        for (QGraphicsItem* item : items(around))
            if (auto* ed = dynamic_cast<EdgeItem*>(item)) {
                edge = static_cast<int>(edges_.indexOf(ed));
                break;
            }
    }
    if (node >= 0) emit nodeMenuRequested(node, &menu);
    else if (edge >= 0) emit edgeMenuRequested(edge, &menu);
    if (menu.isEmpty()) return QGraphicsView::contextMenuEvent(e);
    menu.exec(e->globalPos());
}

void GraphView::wheelEvent(QWheelEvent* e)
{
    const double factor = std::pow(1.0015, e->angleDelta().y());
    const double next = transform().m11() * factor;
    if (next < 0.1 || next > 8) return;
    scale(factor, factor);
    userZoomed_ = true;
    setSceneRect(QRectF()); // zoomed by hand: the whole scene scrolls, as it is
    e->accept();
}

void GraphView::resizeEvent(QResizeEvent* e)
{
    QGraphicsView::resizeEvent(e);
    placeLegend();
    placeNote();
    if (presentation_) compactColumns(); // whether the width limits the fit depends on the view's shape
    if (!userZoomed_) fit();
}

void GraphView::setNote(const QString& text)
{
    if (text == note_->text() && note_->isHidden() == text.isEmpty()) return;
    note_->setText(text);
    note_->setVisible(!text.isEmpty());
    placeNote();
    if (!userZoomed_) fit();
}

void GraphView::placeNote()
{
    const int w = viewport()->width() - 16;
    note_->setFixedWidth(std::max(100, w));
    // An empty label has no height for a width (-1): it is hidden then, and sized when it gets text.
    if (const int h = note_->heightForWidth(note_->width()); h > 0) note_->setFixedHeight(h);
    note_->move(8, 8);
}

void GraphView::setPresentation(bool on)
{
    if (on == presentation_) return;
    presentation_ = on;
    // Larger text in every node and badge, and the columns closer: on a projector the graph's width
    // is the screen's, and a rank gap of an inch is width the text cannot have.
    graphtext::setPresenting(on);
    if (on) compactColumns();
    else restoreColumns();
    for (NodeItem* n : nodes_) n->update();
    for (EdgeItem* e : edges_) e->update();
    QFont legendFont = font();
    if (on) legendFont.setPixelSize(15); // the key to the tokens, readable from the back too
    legend_->setFont(legendFont);
    QFont f = font();
    if (on) f.setPixelSize(22);
    f.setBold(on);
    note_->setFont(f);
    placeNote();
    userZoomed_ = false;
    fit();
}

void GraphView::compactColumns()
{
    // From where the nodes were before presenting (a resize while presenting starts over from there).
    if (beforePresentation_.size() != nodes_.size()) {
        beforePresentation_.clear();
        edgesBeforePresentation_.clear();
        for (NodeItem* n : nodes_) beforePresentation_.push_back(n->pos());
        for (EdgeItem* e : edges_) edgesBeforePresentation_.push_back(e->drawn());
    } else {
        for (int i = 0; i < nodes_.size(); ++i) nodes_[i]->setPos(beforePresentation_[i]);
    }
    for (NodeItem* n : nodes_) n->setPresenting(false);
    squeeze();
    // Narrower nodes only where the width keeps the text under kPresentationTextPx (a long pipeline);
    // a short one keeps every word, and larger.
    const QRectF c = contentRect().adjusted(-30, -30, 30, 30);
    const double w = viewport()->width() - 8, h = viewport()->height() - legend_->height() - 16;
    const double k = c.width() > 0 && c.height() > 0 && h > 0 ? std::min(w / c.width(), h / c.height()) : 1;
    const bool widthBound = c.height() > 0 && h > 0 && c.width() / c.height() > w / h;
    if (widthBound && QFontInfo(graphtext::font(graphtext::smallestFactor())).pixelSize() * k < kPresentationTextPx) {
        for (int i = 0; i < nodes_.size(); ++i) nodes_[i]->setPos(beforePresentation_[i]);
        for (NodeItem* n : nodes_) n->setPresenting(true);
        squeeze();
    }
}

void GraphView::squeeze()
{
    // Columns: visible nodes whose centres are within a few units of each other's x, left to right.
    struct Column { double x = 0, width = 0; QVector<NodeItem*> nodes; };
    QVector<NodeItem*> order;
    for (NodeItem* n : nodes_) if (n->isVisible()) order.push_back(n);
    std::sort(order.begin(), order.end(), [](const NodeItem* a, const NodeItem* b) { return a->pos().x() < b->pos().x(); });
    QVector<Column> columns;
    for (NodeItem* n : order) {
        if (columns.isEmpty() || n->pos().x() - columns.back().x > kColumnTolerance) columns.push_back({n->pos().x(), 0, {}});
        columns.back().width = std::max(columns.back().width, n->size().width());
        columns.back().nodes.push_back(n);
    }
    // Each column moves left so that its gap to the previous one is at most kPresentationGap.
    double shift = 0;
    for (int i = 1; i < columns.size(); ++i) {
        const double gap = (columns[i].x - columns[i - 1].x) - (columns[i].width + columns[i - 1].width) / 2;
        shift += std::max(0.0, gap - kPresentationGap);
        for (NodeItem* n : columns[i].nodes) n->setPos(n->pos() - QPointF(shift, 0));
    }
    // Rows closer too: the largest squeeze towards the middle that leaves kPresentationGap / 3
    // between any two nodes that share some width (a projector is wide and not tall).
    double k = 0.2;
    double top = 1e300, bottom = -1e300;
    for (const NodeItem* n : order) top = std::min(top, n->pos().y()), bottom = std::max(bottom, n->pos().y());
    for (int i = 0; i < order.size(); ++i)
        for (int j = i + 1; j < order.size(); ++j) {
            const NodeItem* a = order[i];
            const NodeItem* b = order[j];
            if (std::abs(a->pos().x() - b->pos().x()) >= (a->size().width() + b->size().width()) / 2) continue;
            const double apart = std::abs(a->pos().y() - b->pos().y());
            const double need = (a->size().height() + b->size().height()) / 2 + kPresentationGap / 3;
            k = apart > 0 ? std::max(k, need / apart) : 1;
        }
    k = std::min(k, 1.0);
    const double middle = (top + bottom) / 2;
    for (NodeItem* n : order) n->setPos(n->pos().x(), middle + (n->pos().y() - middle) * k);
    for (EdgeItem* e : edges_) e->reroute();
    scene_->setSceneRect(contentRect().adjusted(-30, -30, 30, 30));
}

void GraphView::restoreColumns()
{
    for (NodeItem* n : nodes_) n->setPresenting(false);
    if (beforePresentation_.size() != nodes_.size()) return; // another graph since
    for (int i = 0; i < nodes_.size(); ++i) nodes_[i]->setPos(beforePresentation_[i]);
    for (int i = 0; i < edges_.size() && i < edgesBeforePresentation_.size(); ++i) edges_[i]->restoreDrawn(edgesBeforePresentation_[i]);
    beforePresentation_.clear();
    edgesBeforePresentation_.clear();
    scene_->setSceneRect(contentRect().adjusted(-30, -30, 30, 30));
}

void GraphView::placeLegend()
{
    legend_->setMaxWidth(viewport()->width() - 16);
    legend_->move(8, viewport()->height() - legend_->height() - 8);
}

void GraphView::changeEvent(QEvent* e)
{
    QGraphicsView::changeEvent(e);
    // The system switched between light and dark: every colour here derives from the palette.
    if (e->type() == QEvent::PaletteChange) {
        setBackgroundBrush(palette().base());
        if (tokens_) tokens_->refreshPalette();
        scene_->update();
        legend_->update();
    }
}

void GraphView::paintEvent(QPaintEvent* e)
{
    QElapsedTimer t;
    t.start();
    QGraphicsView::paintEvent(e);
    lastPaintMs_ = static_cast<double>(t.nsecsElapsed()) / 1e6;
    ++framesPainted_;
    meanPaintMs_ = meanPaintMs_ == 0 ? lastPaintMs_ : 0.9 * meanPaintMs_ + 0.1 * lastPaintMs_;
}

} // namespace esui

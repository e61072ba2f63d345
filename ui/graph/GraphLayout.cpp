#include "graph/GraphLayout.h"

#include <graphviz/gvc.h>

#include <QLineF>

#include <algorithm>
#include <string>

namespace esui {

namespace {

// Graphviz takes sizes in inches and works in points (1/72 in), with y pointing up.
constexpr double kPointsPerInch = 72.0;

void set(void* obj, const char* name, const std::string& value)
{
    agsafeset(obj, const_cast<char*>(name), const_cast<char*>(value.c_str()), const_cast<char*>(""));
}

GraphLayout columnLayout(const ServiceGraph& g, const QVector<QSizeF>& sizes)
{
    // Longest path from a source, bounded so a cycle cannot loop forever.
    QVector<int> rank(static_cast<int>(g.nodes.size()), 0);
    for (std::size_t pass = 0; pass < g.nodes.size(); ++pass)
        for (const GraphEdge& e : g.edges) rank[e.to] = std::max(rank[e.to], std::min(rank[e.from] + 1, static_cast<int>(g.nodes.size())));
    GraphLayout out;
    QVector<double> nextY(static_cast<int>(g.nodes.size()) + 1, 0);
    for (int i = 0; i < rank.size(); ++i) {
        const QPointF c(rank[i] * 220.0, nextY[rank[i]] + sizes[i].height() / 2);
        nextY[rank[i]] += sizes[i].height() + 40;
        out.centres.push_back(c);
    }
    for (const GraphEdge& e : g.edges) out.edges.push_back(EdgeRoute{{out.centres[e.from], out.centres[e.to]}, out.centres[e.to]});
    for (int i = 0; i < rank.size(); ++i) out.bounds |= QRectF(out.centres[i] - QPointF(sizes[i].width() / 2, sizes[i].height() / 2), sizes[i]);
    return out;
}

// One Graphviz context for the life of the program. Graphviz's text-size code (the pango plugin)
// remembers the last font name it measured by pointer, and that string belongs to the context: a
// context freed after one layout left the next layout comparing against freed memory (AddressSanitizer
// caught it). Layouts only ever run on the GUI thread, so sharing the context is safe.
GVC_t* graphvizContext()
{
    static GVC_t* const gvc = gvContext();
    return gvc;
}

GraphLayout dotLayout(const ServiceGraph& graph, const QVector<QSizeF>& sizes)
{
    GVC_t* gvc = graphvizContext();
    Agraph_t* g = agopen(const_cast<char*>("services"), Agdirected, nullptr);
    set(g, "rankdir", "LR");
    set(g, "nodesep", "0.5");  // inches between nodes of one rank
    set(g, "ranksep", "1.1");  // inches between ranks: room for the edges' arrow heads
    set(g, "splines", "spline");
    std::vector<Agnode_t*> nodes;
    for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
        // An idle broker (the sync style) is not drawn: it would take a rank of its own for nothing.
        if (graph.nodes[i].idle) {
            nodes.push_back(nullptr);
            continue;
        }
        std::string id = std::to_string(i); // node names only need to be unique
        Agnode_t* n = agnode(g, id.data(), 1);
        set(n, "shape", "box");
        set(n, "fixedsize", "true");
        set(n, "label", "");       // the node draws its own text: nothing for Graphviz to measure
        set(n, "width", std::to_string(sizes[static_cast<int>(i)].width() / kPointsPerInch));
        set(n, "height", std::to_string(sizes[static_cast<int>(i)].height() / kPointsPerInch));
        nodes.push_back(n);
    }
    std::vector<Agedge_t*> edges;
    for (std::size_t i = 0; i < graph.edges.size(); ++i) {
        const GraphEdge& e = graph.edges[i];
        std::string id = std::to_string(i);
        edges.push_back(agedge(g, nodes[static_cast<std::size_t>(e.from)], nodes[static_cast<std::size_t>(e.to)], id.data(), 1));
    }
    if (gvLayout(gvc, g, "dot") != 0) {
        agclose(g);
        return columnLayout(graph, sizes);
    }
    GraphLayout out;
    const double top = GD_bb(g).UR.y; // flip y: Graphviz grows upwards, Qt downwards
    auto toScene = [top](pointf p) { return QPointF(p.x, top - p.y); };
    for (Agnode_t* n : nodes) out.centres.push_back(n ? toScene(ND_coord(n)) : QPointF());
    for (std::size_t i = 0; i < edges.size(); ++i) {
        EdgeRoute r;
        const splines* spl = edges[i] ? ED_spl(edges[i]) : nullptr;
        if (spl && spl->size > 0) {
            const bezier& bz = spl->list[0];
            for (int k = 0; k < bz.size; ++k) r.bezier.push_back(toScene(bz.list[k]));
            // dot stops the curve short of the arrow head; `ep` is where the head's tip goes.
            if (!r.bezier.isEmpty()) r.head = bz.eflag ? toScene(bz.ep) : r.bezier.back();
        }
        if (r.bezier.size() < 2) {
            const GraphEdge& e = graph.edges[i];
            r.bezier = {out.centres[e.from], out.centres[e.to]};
            r.head = out.centres[e.to];
        }
        out.edges.push_back(r);
    }
    out.bounds = QRectF(QPointF(GD_bb(g).LL.x, 0), QPointF(GD_bb(g).UR.x, top - GD_bb(g).LL.y));
    gvFreeLayout(gvc, g);
    agclose(g);
    return out;
}

} // namespace

GraphLayout layoutGraph(const ServiceGraph& graph, const QVector<QSizeF>& sizes, const std::vector<es::NodePosition>& saved)
{
    GraphLayout out = dotLayout(graph, sizes);
    if (saved.empty()) return out;
    QVector<bool> moved(out.centres.size(), false);
    for (const es::NodePosition& p : saved) {
        const int i = graph.indexOf(p.name);
        if (i < 0 || i >= out.centres.size()) continue;
        const QPointF at(p.x, p.y);
        // Saved from this same layout and not moved since: dot's spline still fits.
        if (QLineF(at, out.centres[i]).length() < 0.5) continue;
        out.centres[i] = at;
        moved[i] = true;
    }
    for (int e = 0; e < out.edges.size(); ++e) {
        const GraphEdge& edge = graph.edges[static_cast<std::size_t>(e)];
        if (moved[edge.from] || moved[edge.to]) out.edges[e] = EdgeRoute{};
    }
    out.bounds = QRectF();
    for (int i = 0; i < out.centres.size(); ++i)
        out.bounds |= QRectF(out.centres[i] - QPointF(sizes[i].width() / 2, sizes[i].height() / 2), sizes[i]);
    return out;
}

} // namespace esui

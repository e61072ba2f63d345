#pragma once
// The static shape of a scenario as a graph: one node per service and per broker, and the edges a
// message can travel (publish, subscribe, consume, emit, route). Built once per scenario; the
// snapshot's per-node figures are index-aligned with `nodes`, so the view never looks names up.
#include "scenario/Scenario.h"

#include <string>
#include <vector>

namespace esui {

enum class NodeKind { Producer, Consumer, Queue, Topic, Log, Bus };
enum class EdgeKind { Publish, Subscribe, Consume, Emit, Route };

struct GraphNode {
    NodeKind kind = NodeKind::Consumer;
    std::string name;
    int partitions = 0;      // logs only
    bool alsoProduces = false; // a consumer service that is also a producer
};

struct GraphEdge {
    int from = 0, to = 0;
    EdgeKind kind = EdgeKind::Publish;
};

struct ServiceGraph {
    std::vector<GraphNode> nodes;
    std::vector<GraphEdge> edges;
    int indexOf(const std::string& name) const; // -1 if absent
};

ServiceGraph buildServiceGraph(const es::Scenario& scenario);
const char* nodeKindName(NodeKind k);

} // namespace esui

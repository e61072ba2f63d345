#pragma once
// The static shape of a scenario as a graph: one node per service and per broker, and the edges a
// message can travel (publish, subscribe, consume, emit, route) or a synchronous call takes (call:
// a service's `calls`, and in the sync style every service its events would have reached through the
// brokers, as model/calls/CallRouting resolves them). In the sync style the brokers carry nothing:
// they are marked idle and keep no edges, so the view can leave them out of the picture. Built once
// per scenario; the snapshot's per-node figures are index-aligned with `nodes`, so the view never
// looks names up.
#include "scenario/Scenario.h"

#include <string>
#include <vector>

namespace esui {

// DeadLetters: where a queue's redrive (max_receives) or a consumer's last failed attempt puts a
// message; the engine keeps it as a count of its owner, the window draws it as a node of its own.
enum class NodeKind { Producer, Consumer, Queue, Topic, Log, Bus, DeadLetters };
enum class EdgeKind { Publish, Subscribe, Consume, Emit, Route, Call, DeadLetter };

struct GraphNode {
    NodeKind kind = NodeKind::Consumer;
    std::string name;
    int partitions = 0;      // logs only
    bool alsoProduces = false; // a consumer service that is also a producer
    bool server = false;       // answers calls (its users', or other services'): it has worker threads
    bool idle = false;         // a broker nothing uses (the sync style)
    std::string caption;       // the kind as the node's header says it; empty: nodeKindName(kind)
    int deadLetters = -1;      // a queue or consumer: its dead-letter node; -1 none
    int owner = -1;            // a dead-letter node: the queue or consumer it belongs to
    // A producer that commits to its database before its events go out: 1 dual write (commit, then
    // publish), 2 transactional outbox (commit with an outbox row; a relay publishes it).
    int database = 0;
};

struct GraphEdge {
    int from = 0, to = 0;
    EdgeKind kind = EdgeKind::Publish;
};

struct ServiceGraph {
    std::vector<GraphNode> nodes;
    std::vector<GraphEdge> edges;
    bool sync = false; // the scenario's style is sync: every event hop is a call
    // The nodes the world has (services, then brokers, index-aligned with it); the dead-letter nodes
    // come after them, so every engine index is a graph index.
    std::size_t worldNodes = 0;
    int indexOf(const std::string& name) const; // -1 if absent
};

ServiceGraph buildServiceGraph(const es::Scenario& scenario);
const char* nodeKindName(NodeKind k);

} // namespace esui

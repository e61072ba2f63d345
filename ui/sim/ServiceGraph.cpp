#include "sim/ServiceGraph.h"

namespace esui {

int ServiceGraph::indexOf(const std::string& name) const
{
    for (std::size_t i = 0; i < nodes.size(); ++i)
        if (nodes[i].name == name) return static_cast<int>(i);
    return -1;
}

const char* nodeKindName(NodeKind k)
{
    switch (k) {
    case NodeKind::Producer: return "producer";
    case NodeKind::Consumer: return "consumer";
    case NodeKind::Queue: return "queue";
    case NodeKind::Topic: return "topic";
    case NodeKind::Log: return "log";
    case NodeKind::Bus: return "bus";
    }
    return "?";
}

static NodeKind brokerNodeKind(es::BrokerKind k)
{
    switch (k) {
    case es::BrokerKind::Queue: return NodeKind::Queue;
    case es::BrokerKind::Topic: return NodeKind::Topic;
    case es::BrokerKind::Log: return NodeKind::Log;
    case es::BrokerKind::Bus: return NodeKind::Bus;
    }
    return NodeKind::Queue;
}

ServiceGraph buildServiceGraph(const es::Scenario& sc)
{
    ServiceGraph g;
    // Services first, then brokers: the order is the scenario's, so the same file gives the same graph.
    for (const es::ServiceSpec& s : sc.services) {
        GraphNode n;
        n.name = s.name;
        n.kind = s.consumer ? NodeKind::Consumer : NodeKind::Producer;
        n.alsoProduces = s.consumer && s.producer;
        g.nodes.push_back(std::move(n));
    }
    for (const es::BrokerSpec& b : sc.brokers) {
        GraphNode n;
        n.name = b.name;
        n.kind = brokerNodeKind(b.kind);
        n.partitions = b.kind == es::BrokerKind::Log ? b.partitions : 0;
        g.nodes.push_back(std::move(n));
    }
    auto link = [&](const std::string& from, const std::string& to, EdgeKind kind) {
        const int a = g.indexOf(from), b = g.indexOf(to);
        if (a >= 0 && b >= 0) g.edges.push_back(GraphEdge{a, b, kind});
    };
    for (const es::ServiceSpec& s : sc.services) {
        if (s.producer) link(s.name, s.producer->to, EdgeKind::Publish);
        if (s.consumer) {
            link(s.consumer->from, s.name, EdgeKind::Consume);
            for (const es::EmitSpec& e : s.consumer->emits) link(s.name, e.to, EdgeKind::Emit);
        }
    }
    for (const es::BrokerSpec& b : sc.brokers) {
        for (const std::string& t : b.subscribe) link(t, b.name, EdgeKind::Subscribe);
        for (const es::BusRule& r : b.rules)
            for (const std::string& t : r.targets) link(b.name, t, EdgeKind::Route);
    }
    return g;
}

} // namespace esui

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
    case NodeKind::DeadLetters: return "dead letters";
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

namespace {

// The services a call from a service reaches through broker `node` in the sync style, whatever the
// request's attributes (every bus rule counts): a queue's or log's readers, the brokers subscribed to
// a topic, a bus's targets — the same reach as es::CallRouting::callees(), per caller.
void reachServices(const es::Scenario& sc, const ServiceGraph& g, int node, std::vector<int>& out, std::vector<bool>& seen)
{
    if (node < 0 || seen[static_cast<std::size_t>(node)]) return;
    seen[static_cast<std::size_t>(node)] = true;
    const std::size_t services = sc.services.size();
    if (static_cast<std::size_t>(node) < services) {
        out.push_back(node);
        return;
    }
    const std::string& name = g.nodes[static_cast<std::size_t>(node)].name;
    for (std::size_t i = 0; i < services; ++i)
        if (sc.services[i].consumer && sc.services[i].consumer->from == name) reachServices(sc, g, static_cast<int>(i), out, seen);
    for (const es::BrokerSpec& b : sc.brokers) {
        for (const std::string& t : b.subscribe)
            if (t == name) reachServices(sc, g, g.indexOf(b.name), out, seen);
        if (b.name == name)
            for (const es::BusRule& r : b.rules)
                for (const std::string& t : r.targets) reachServices(sc, g, g.indexOf(t), out, seen);
    }
}

// A consumer not on a queue dead-letters what still fails after its retries (a queue's consumers
// hand a failure back to the queue instead); it can fail when it has an error rate, reads only some
// schema versions, or a failure gives it errors or poison messages.
bool consumerCanDeadLetter(const es::Scenario& sc, const es::ServiceSpec& s)
{
    const es::ConsumerSpec& c = *s.consumer;
    const es::BrokerSpec* from = sc.findBroker(c.from);
    if (from && from->kind == es::BrokerKind::Queue) return false;
    if (c.errorRate > 0 || !c.accepts.empty() || !c.deploys.empty()) return true;
    for (const es::FailureSpec& f : sc.failures)
        if (f.kind == es::FailureKind::Poison || (f.target == s.name && f.kind == es::FailureKind::ErrorRate)) return true;
    return false;
}

// Every queue with a redrive limit and every consumer that can give up gets a node for its dead
// letters, after the world's nodes, with an edge from its owner.
void addDeadLetterNodes(const es::Scenario& sc, ServiceGraph& g)
{
    auto add = [&g](int owner) {
        GraphNode n;
        n.kind = NodeKind::DeadLetters;
        n.name = g.nodes[static_cast<std::size_t>(owner)].name + " DLQ";
        n.owner = owner;
        n.caption = g.nodes[static_cast<std::size_t>(owner)].kind == NodeKind::Queue ? "dead-letter queue" : "dead-letter topic";
        const int index = static_cast<int>(g.nodes.size());
        g.nodes[static_cast<std::size_t>(owner)].deadLetters = index;
        g.nodes.push_back(std::move(n));
        g.edges.push_back(GraphEdge{owner, index, EdgeKind::DeadLetter});
    };
    for (const es::BrokerSpec& b : sc.brokers)
        if (b.kind == es::BrokerKind::Queue && b.maxReceives > 0) add(g.indexOf(b.name));
    for (std::size_t i = 0; i < sc.services.size(); ++i)
        if (sc.services[i].consumer && consumerCanDeadLetter(sc, sc.services[i])) add(static_cast<int>(i));
}

} // namespace

ServiceGraph buildServiceGraph(const es::Scenario& sc)
{
    ServiceGraph g;
    g.sync = sc.style == es::CallStyle::Sync;
    // Services first, then brokers: the order is the scenario's, so the same file gives the same graph.
    for (const es::ServiceSpec& s : sc.services) {
        GraphNode n;
        n.name = s.name;
        // A service that only answers calls is drawn as a consumer (it reacts; it does not send).
        n.kind = s.consumer || !s.producer ? NodeKind::Consumer : NodeKind::Producer;
        n.alsoProduces = s.consumer && s.producer;
        n.server = s.producer && (g.sync || s.serves); // an entry service: its users call it
        if (s.producer && s.producer->publish == es::ProducerSpec::Publish::DualWrite) n.database = 1;
        if (s.producer && s.producer->publish == es::ProducerSpec::Publish::Outbox) n.database = 2;
        g.nodes.push_back(std::move(n));
    }
    for (const es::BrokerSpec& b : sc.brokers) {
        GraphNode n;
        n.name = b.name;
        n.kind = brokerNodeKind(b.kind);
        n.partitions = b.kind == es::BrokerKind::Log ? b.partitions : 0;
        n.idle = g.sync;
        g.nodes.push_back(std::move(n));
    }
    auto link = [&](const std::string& from, const std::string& to, EdgeKind kind) {
        const int a = g.indexOf(from), b = g.indexOf(to);
        if (a >= 0 && b >= 0) g.edges.push_back(GraphEdge{a, b, kind});
    };
    auto call = [&](int from, int to) {
        if (from == to) return;
        for (const GraphEdge& e : g.edges)
            if (e.kind == EdgeKind::Call && e.from == from && e.to == to) return; // one edge per pair
        g.edges.push_back(GraphEdge{from, to, EdgeKind::Call});
        g.nodes[static_cast<std::size_t>(to)].server = true;
    };
    for (std::size_t i = 0; i < sc.services.size(); ++i) {
        const es::ServiceSpec& s = sc.services[i];
        const int self = static_cast<int>(i);
        for (const std::string& c : s.calls) call(self, g.indexOf(c));
        if (g.sync) {
            // Where its events would have gone, it calls instead.
            std::vector<int> reached;
            std::vector<bool> seen(g.nodes.size(), false);
            if (s.producer) reachServices(sc, g, g.indexOf(s.producer->to), reached, seen);
            if (s.consumer)
                for (const es::EmitSpec& e : s.consumer->emits) reachServices(sc, g, g.indexOf(e.to), reached, seen);
            for (int t : reached) call(self, t);
            continue;
        }
        if (s.producer) link(s.name, s.producer->to, EdgeKind::Publish);
        if (s.consumer) {
            link(s.consumer->from, s.name, EdgeKind::Consume);
            es::forEachEmit(*s.consumer, [&](const es::EmitSpec& e) { link(s.name, e.to, EdgeKind::Emit); });
        }
    }
    // Say what a service is in this style: one its users call, or one that answers calls.
    for (std::size_t i = 0; i < sc.services.size(); ++i) {
        const es::ServiceSpec& s = sc.services[i];
        GraphNode& n = g.nodes[i];
        if (n.server && s.producer) n.caption = "entry service";
        else if (n.server && (g.sync || !s.consumer)) n.caption = "service";
    }
    g.worldNodes = g.nodes.size();
    if (g.sync) return g; // the brokers are idle: no broker-to-broker edges either
    for (const es::BrokerSpec& b : sc.brokers) {
        for (const std::string& t : b.subscribe) link(t, b.name, EdgeKind::Subscribe);
        for (const es::BusRule& r : b.rules)
            for (const std::string& t : r.targets) link(b.name, t, EdgeKind::Route);
    }
    addDeadLetterNodes(sc, g);
    return g;
}

} // namespace esui

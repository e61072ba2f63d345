#include "sim/SnapshotBuilder.h"

#include "model/brokers/LogGroup.h"

#include "model/services/ConsumerService.h"
#include "model/FailureInjector.h"
#include "model/brokers/LogBroker.h"
#include "model/MetricsSampler.h"
#include "model/services/Producer.h"
#include "model/brokers/QueueBroker.h"
#include "model/brokers/RouterBroker.h"
#include "model/World.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace esui {

namespace {

// The pairs the view reads counts for: every edge between two world nodes, and a call's way back
// (its responses go from the callee to the caller). A dead-letter edge's count is its owner's hop at
// one node, which always has a slot.
std::vector<es::FlowPair> flowPairs(const ServiceGraph& graph)
{
    std::vector<es::FlowPair> pairs;
    for (const GraphEdge& e : graph.edges) {
        if (e.from < 0 || e.to < 0 || static_cast<std::size_t>(e.from) >= graph.worldNodes ||
            static_cast<std::size_t>(e.to) >= graph.worldNodes)
            continue;
        const auto from = static_cast<std::uint16_t>(e.from), to = static_cast<std::uint16_t>(e.to);
        pairs.push_back({from, to});
        if (e.kind == EdgeKind::Call) pairs.push_back({to, from});
    }
    return pairs;
}

} // namespace

SnapshotBuilder::SnapshotBuilder(const ServiceGraph& graph, es::World& world)
    : graph_(graph), world_(world), bindings_(graph.nodes.size()), brokerOf_(graph.nodes.size(), nullptr),
      flow_(graph.nodes.size(), flowPairs(graph), kHopsPerSnapshot), calls_(graph, world)
{
    // The recorder's node indices are the world's (services, then brokers, in scenario order); the
    // graph is built in the same order, so the indices agree. Checked, since the view relies on it.
    if (graph.worldNodes != world.nodeCount()) throw std::logic_error("service graph and world disagree on nodes");
    world.setFlowRecorder(&flow_);
    for (std::size_t i = 0; i < graph.worldNodes; ++i) { // the dead-letter nodes after them are the window's
        const GraphNode& n = graph.nodes[i];
        Binding& b = bindings_[i];
        b.producer = world.producer(n.name);
        b.consumer = world.consumer(n.name);
        for (std::size_t c = 0; c < world.consumers().size(); ++c)
            if (world.consumers()[c].get() == b.consumer) b.consumerIndex = c;
        for (const auto& q : world.queues())
            if (q->componentName() == n.name) b.queue = q.get();
        for (const auto& l : world.logs())
            if (l->componentName() == n.name) b.log = l.get();
        for (const auto& r : world.routers())
            if (r->componentName() == n.name) b.router = r.get();
        if (n.kind != NodeKind::Producer && n.kind != NodeKind::Consumer) brokerOf_[i] = world.receiver(n.name);
    }
}

// The inspector's entities: the keys where the read model and the truth differ most first (a stale
// read model shows stock that is gone), then the lowest keys, kShownEntities at most.
void SnapshotBuilder::fillEntities(const es::ConsumerService& c, NodeFigures& f)
{
    constexpr std::size_t kShownEntities = 8;
    f.entityValues.clear();
    f.entities = 0;
    es::ServiceState* state = c.state();
    if (!state) return;
    const es::ReadModel* view = state->readModel();
    const es::EntityStore* truth = view ? &view->source() : state->store();
    if (!truth) return;
    if (!view && !truth->readModels().empty()) view = truth->readModels().front();
    f.entities = truth->entities();
    std::vector<NodeFigures::EntityValue>& out = f.entityValues;
    truth->forEach([&](std::uint64_t key, const es::EntityStore::Entity& e) {
        NodeFigures::EntityValue v{key, e.value, view ? view->value(key) : 0, view != nullptr};
        out.push_back(v);
    });
    // The watched key first, written to or not (an entity nobody wrote holds the initial value).
    if (watched_ >= 0) {
        const auto key = static_cast<std::uint64_t>(watched_);
        auto it = std::find_if(out.begin(), out.end(), [&](const NodeFigures::EntityValue& v) { return v.key == key; });
        NodeFigures::EntityValue v = it != out.end() ? *it : NodeFigures::EntityValue{key, truth->value(key), view ? view->value(key) : 0, view != nullptr};
        if (it != out.end()) out.erase(it);
        v.watched = true;
        out.insert(out.begin(), v);
    }
    const std::size_t first = watched_ >= 0 ? 1 : 0;
    auto gap = [](const NodeFigures::EntityValue& v) { return v.hasView ? std::llabs(v.view - v.value) : 0; };
    const std::size_t shown = std::min(kShownEntities + first, out.size());
    std::partial_sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.begin() + static_cast<std::ptrdiff_t>(shown), out.end(),
                      [&](const NodeFigures::EntityValue& a, const NodeFigures::EntityValue& b) {
                          return gap(a) != gap(b) ? gap(a) > gap(b) : a.key < b.key;
                      });
    out.resize(shown);
    for (NodeFigures::EntityValue& v : out) v.name = entityName(v.key);
    f.viewOf = state->readModel() ? world_.scenario().services[view->sourceService()].name : std::string();
}

// An entity is its key's position in the key space, shared by every producer with the same `keys`:
// the first producer's space with keys names it.
std::string SnapshotBuilder::entityName(std::uint64_t key) const
{
    if (key == es::kNoKey) return "(no key)";
    const es::KeyRegistry& keys = world_.keys();
    for (const es::ServiceSpec& s : world_.scenario().services)
        if (s.producer)
            if (const int id = keys.idOf(s.name); id >= 0 && key < keys.space(static_cast<std::uint16_t>(id)).size())
                return keys.space(static_cast<std::uint16_t>(id)).name(key);
    return std::to_string(key);
}

SnapshotBuilder::~SnapshotBuilder() { world_.setFlowRecorder(nullptr); }

// Producers keep no "down" flag a reader can see; the failure log says when each crashed and restarted.
bool SnapshotBuilder::producerDown(const std::string& name) const
{
    bool down = false;
    for (const es::FailureLogEntry& e : world_.failures().log())
        if (e.target == name) {
            if (e.what == "crash") down = true;
            else if (e.what == "restart") down = false;
        }
    return down;
}

void SnapshotBuilder::fill(Snapshot& out, bool previousTaken)
{
    const es::SimTime base = previousTaken ? sentUpTo_ : lastBase_;
    lastBase_ = base;
    sentUpTo_ = copyRowsAfter(world_.sampler().series(), base, out.series);
    out.simTime = es::toSeconds(world_.sim().now());
    out.simNow = world_.sim().now();
    out.eventsProcessed = world_.sim().eventsProcessed();
    out.traceDigest = world_.sim().traceDigest();
    out.nodes.resize(graph_.nodes.size());
    for (std::size_t i = 0; i < graph_.nodes.size(); ++i) fillNode(i, out.nodes[i]);
    fillEdges(out);
    const auto& consumers = world_.consumers();
    out.latency.resize(consumers.size());
    for (std::size_t i = 0; i < consumers.size(); ++i) out.latency[i].assign(consumers[i]->componentName(), consumers[i]->latency());
    calls_.fillUsers(out.users);
    out.hops.clear();
    flow_.drain(out.hops);
    if (out.typeNames.size() != world_.typeCount()) {
        out.typeNames.clear();
        for (std::size_t t = 0; t < world_.typeCount(); ++t) out.typeNames.push_back(world_.typeName(static_cast<std::uint16_t>(t)));
    }
}

void SnapshotBuilder::fillEdges(Snapshot& out)
{
    out.edges.resize(graph_.edges.size());
    for (std::size_t e = 0; e < graph_.edges.size(); ++e) {
        const GraphEdge& ge = graph_.edges[e];
        EdgeFlow& f = out.edges[e];
        for (int k = 0; k < es::kHopKinds; ++k)
            f.count[k] = flow_.count(static_cast<std::uint16_t>(ge.from), static_cast<std::uint16_t>(ge.to), static_cast<es::HopKind>(k));
        f.recentRate = flow_.recentRate(static_cast<std::uint16_t>(ge.from), static_cast<std::uint16_t>(ge.to), world_.sim().now());
        // Link faults sit on a broker's inbound link: every edge into a queue or log carries them.
        f.dropShare = f.duplicateShare = f.delayShare = 0;
        const Binding& into = bindings_[static_cast<std::size_t>(ge.to)];
        const es::LinkFaults* faults = into.queue ? &into.queue->linkFaults() : into.log ? &into.log->linkFaults() : nullptr;
        if (faults && faults->active()) {
            f.dropShare = static_cast<float>(faults->share(es::FailureKind::Drop));
            f.duplicateShare = static_cast<float>(faults->share(es::FailureKind::Duplicate));
            f.delayShare = static_cast<float>(faults->share(es::FailureKind::Delay));
        }
        if (ge.kind == EdgeKind::DeadLetter) { // the engine records a dead letter at its owner
            const auto owner = static_cast<std::uint16_t>(ge.from);
            f.count[static_cast<int>(es::HopKind::DeadLetter)] = flow_.count(owner, owner, es::HopKind::DeadLetter);
            f.cut = false;
            continue;
        }
        // A partition cuts a service off from a broker; broker-to-broker links are never cut.
        const auto from = static_cast<std::size_t>(ge.from), to = static_cast<std::size_t>(ge.to);
        if (!brokerOf_[from] && brokerOf_[to]) f.cut = world_.isPartitioned(static_cast<std::uint16_t>(from), *brokerOf_[to]);
        else if (brokerOf_[from] && !brokerOf_[to]) f.cut = world_.isPartitioned(static_cast<std::uint16_t>(to), *brokerOf_[from]);
        else f.cut = false;
        calls_.fillEdge(ge, flow_, f);
    }
}

void SnapshotBuilder::fillNode(std::size_t i, NodeFigures& f)
{
    const GraphNode& n = graph_.nodes[i];
    Binding& b = bindings_[i];
    f.kind = n.kind;
    if (f.name != n.name) f.name = n.name;
    f.up = true;
    f.partitionLag.clear();
    if (n.kind == NodeKind::DeadLetters) { // what its owner dead-lettered: the recorder counts every one
        const auto owner = static_cast<std::uint16_t>(n.owner);
        f.depth = flow_.count(owner, owner, es::HopKind::DeadLetter);
        return;
    }
    if (b.consumer) {
        const es::ConsumerService& c = *b.consumer;
        f.instances = c.instanceCount();
        f.instancesUp = 0;
        for (int k = 0; k < f.instances; ++k) f.instancesUp += c.instanceUp(k) ? 1 : 0;
        f.up = f.instancesUp > 0;
        f.workers = c.totalWorkers();
        f.inFlight = static_cast<std::uint64_t>(c.busyWorkers());
        f.inBackoff = c.workersInBackoff();
        f.failedAttempts = c.failedAttempts();
        f.lag = c.source() ? c.source()->lagMessages() : 0;
        const es::SimTime now = world_.sim().now();
        const es::SimTime oldest = c.source() ? c.source()->oldestWaitingCreated() : es::kNever;
        f.lagSeconds = oldest == es::kNever ? 0 : es::toSeconds(now - oldest);
        f.lagStatus = static_cast<int>(world_.sampler().lastLagStatus(b.consumerIndex));
        const long double busy = c.busyIntegral();
        if (now > b.lastTime && f.workers > 0) {
            // The busy share over the interval, smoothed with a 1 s (simulated) time constant: at slow
            // motion an interval is a fraction of a service time and would flicker between 0 and 1.
            const double dt = es::toSeconds(now - b.lastTime);
            const double window = static_cast<double>((busy - b.lastBusy) / (static_cast<long double>(now - b.lastTime) * f.workers));
            const double alpha = 1.0 - std::exp(-dt / 1.0);
            b.utilisation += alpha * (std::clamp(window, 0.0, 1.0) - b.utilisation);
        }
        f.utilisation = b.utilisation;
        if (es::ServiceState* state = c.state(); state && state->readModel()) {
            f.staleness = state->readModel()->stalenessSeconds(now);
            f.writesBehind = state->readModel()->behind();
        }
        fillEntities(c, f);
        f.slowFactor = c.slowFactor();
        f.slowExtra = es::toSeconds(c.slowExtra());
        b.lastBusy = busy;
        b.lastTime = now;
    }
    if (b.producer) {
        f.count = b.producer->created();
        const es::Producer& pr = *b.producer;
        f.dbWrites = pr.dbWrites();
        f.lostAfterCommit = pr.lostAfterCommit();
        f.outboxPending = pr.outboxPending();
        f.republished = pr.relayRepublished();
        const std::uint64_t losses = f.lostAfterCommit + f.republished;
        const es::SimTime now = world_.sim().now();
        if (losses > b.losses) b.lastLoss = now;
        if (losses < b.losses) b.lastLoss = -1; // a new run
        b.losses = losses;
        f.sinceLoss = b.lastLoss < 0 ? -1 : es::toSeconds(now - b.lastLoss);
        if (!b.consumer) f.up = !producerDown(n.name);
    }
    if (b.queue) {
        f.up = !b.queue->isDown();
        f.depth = b.queue->visibleCount();
        f.inFlight = b.queue->inFlightCount();
        f.deadLettered = b.queue->deadLetterCount();
        f.lag = b.queue->lagMessages();
    }
    if (b.log) {
        const es::LogBroker& l = *b.log;
        f.up = !l.isDown();
        f.depth = 0;
        f.lag = 0;
        f.partitionLag.assign(static_cast<std::size_t>(l.partitionCount()), 0);
        for (int p = 0; p < l.partitionCount(); ++p) {
            f.depth += l.logEnd(p) - l.logStart(p);
            for (int g = 0; g < l.groupCount(); ++g)
                f.partitionLag[static_cast<std::size_t>(p)] = std::max(f.partitionLag[static_cast<std::size_t>(p)], l.partitionLag(g, p));
        }
        for (int g = 0; g < l.groupCount(); ++g) f.lag += l.groupLag(g);
        // Membership is per group: drawn on the log when one group reads it (the lessons' case).
        f.partitionOwner.clear();
        f.rebalancing = false;
        if (l.groupCount() == 1) {
            const es::LogGroup& group = l.group(0);
            for (int p = 0; p < l.partitionCount(); ++p) f.partitionOwner.push_back(group.owner(p));
            f.rebalancing = group.rebalancing();
            f.eagerRebalance = group.eager();
        }
    }
    if (b.router) {
        f.up = !b.router->isDown();
        f.count = b.router->received();
    }
    calls_.fillNode(i, f);
}

} // namespace esui

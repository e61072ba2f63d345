#include "model/World.h"

#include "model/sagas/Orchestrator.h"
#include "model/sagas/SagaTracker.h"
#include "model/state/Reconciler.h"

#include "model/services/ConsumerService.h"
#include "model/FailureInjector.h"
#include "model/brokers/LogBroker.h"
#include "model/MetricsSampler.h"
#include "model/services/Producer.h"
#include "model/brokers/QueueBroker.h"
#include "model/brokers/RouterBroker.h"
#include "model/calls/CallClient.h"
#include "model/calls/CallRouting.h"
#include "model/calls/CallServer.h"
#include "model/calls/UserRequests.h"
#include "scenario/EngineLimits.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace es {

World::World(const Scenario& scenario) : scenario_(scenario)
{
    build();
}

World::~World() = default;

std::uint16_t World::intern(std::vector<std::string>& names, std::map<std::string, std::uint16_t>& index,
                            const std::string& name)
{
    auto it = index.find(name);
    if (it != index.end()) return it->second;
    if (names.size() >= UINT16_MAX) throw std::runtime_error("too many distinct names (types or attributes)");
    const auto id = static_cast<std::uint16_t>(names.size());
    names.push_back(name);
    index.emplace(name, id);
    return id;
}

std::uint16_t World::serviceIndex(const std::string& name) const
{
    for (std::size_t i = 0; i < scenario_.services.size(); ++i)
        if (scenario_.services[i].name == name) return static_cast<std::uint16_t>(i);
    return UINT16_MAX;
}

void World::build()
{
    // In the synchronous style every hop is a call: no service consumes from a broker (the brokers
    // stay, idle, so that the same failures and layout apply).
    const bool sync = scenario_.style == CallStyle::Sync;
    // Sinks first: every consumer service is one; queues nobody consumes get their own.
    std::map<std::string, int> sinkOf;
    for (const ServiceSpec& s : scenario_.services)
        if (s.consumer && !sync) {
            sinkOf[s.name] = static_cast<int>(sinkNames_.size());
            sinkNames_.push_back(s.name);
        }
    std::map<std::string, std::string> queueConsumer;
    for (const ServiceSpec& s : scenario_.services)
        if (s.consumer && !sync) queueConsumer[s.consumer->from] = s.name;
    std::map<std::string, int> queueSink;
    for (const BrokerSpec& b : scenario_.brokers) {
        if (b.kind != BrokerKind::Queue) continue;
        auto it = queueConsumer.find(b.name);
        if (it != queueConsumer.end()) {
            queueSink[b.name] = sinkOf[it->second];
        } else {
            queueSink[b.name] = static_cast<int>(sinkNames_.size());
            sinkNames_.push_back(b.name);
        }
    }
    // The loader refuses more (scenario/SinkLimit.cpp); this guards scenarios built in code.
    if (sinkNames_.size() > kMaxSinks)
        throw std::runtime_error(fmt::format("at most {} consumer groups and unconsumed queues", kMaxSinks));
    store_ = std::make_unique<EventStore>(sinkNames_.size());
    store_->traceOutcomesTo(&sim_);
    flows_ = std::make_unique<EndToEndTracker>(sim_, scenario_.services.size());
    store_->trackFlowsWith(flows_.get());
    if (!scenario_.sagas.empty()) {
        sagas_ = std::make_unique<SagaTracker>(*this, scenario_.sagas);
        flows_->observeWith(sagas_.get());
    }
    keys_ = KeyRegistry::forScenario(scenario_);

    std::map<std::string, const BrokerSpec*> brokerSpec;
    for (const BrokerSpec& b : scenario_.brokers) {
        brokerSpec[b.name] = &b;
        switch (b.kind) {
        case BrokerKind::Queue:
            queues_.push_back(std::make_unique<QueueBroker>(*this, b));
            receivers_[b.name] = queues_.back().get();
            break;
        case BrokerKind::Log:
            logs_.push_back(std::make_unique<LogBroker>(*this, b));
            receivers_[b.name] = logs_.back().get();
            break;
        case BrokerKind::Topic:
        case BrokerKind::Bus:
            routers_.push_back(std::make_unique<RouterBroker>(*this, b));
            receivers_[b.name] = routers_.back().get();
            break;
        }
    }
    for (const ServiceSpec& s : scenario_.services) {
        if (!s.consumer || sync) continue;
        const BrokerSpec* from = brokerSpec.count(s.consumer->from) ? brokerSpec[s.consumer->from] : nullptr;
        if (!from) throw std::runtime_error(fmt::format("service '{}' consumes from unknown broker '{}'", s.name, s.consumer->from));
        consumers_.push_back(std::make_unique<ConsumerService>(*this, s, sinkOf[s.name], from->delivery));
        ConsumerService* c = consumers_.back().get();
        receivers_[s.name] = c;
        if (from->kind == BrokerKind::Queue || from->kind == BrokerKind::Log) c->setSourceBroker(receivers_.at(from->name));
        if (from->kind == BrokerKind::Queue) {
            for (auto& q : queues_)
                if (q->componentName() == from->name) {
                    q->setConsumer(c, sinkOf[s.name]);
                    c->setSource(q.get());
                }
        } else if (from->kind == BrokerKind::Log) {
            for (auto& l : logs_)
                if (l->componentName() == from->name) c->setSource(l->addGroup(c, sinkOf[s.name]));
        } else if (from->kind == BrokerKind::Topic) {
            for (auto& r : routers_)
                if (r->componentName() == from->name) r->addSubscriber(c);
        } // bus: the rules name the service as a target
    }
    for (auto& q : queues_)
        if (q->sink() < 0) q->setConsumer(nullptr, queueSink[q->componentName()]);
    // State: read models find the state they project, then decisions what they read.
    for (auto& c : consumers_)
        if (c->state()) c->state()->wireProjection(*this);
    for (auto& c : consumers_)
        if (c->state()) c->state()->wireReads(*this);
    // Broker-to-broker subscriptions (a queue or log subscribed to a topic or a bus).
    for (const BrokerSpec& b : scenario_.brokers)
        for (const std::string& t : b.subscribe)
            for (auto& r : routers_)
                if (r->componentName() == t) r->addSubscriber(receivers_.at(b.name));
    for (const ServiceSpec& s : scenario_.services)
        if (s.producer) producers_.push_back(std::make_unique<Producer>(*this, s));
    for (auto& r : routers_) r->compileRules();
    buildCalls();
    failures_ = std::make_unique<FailureInjector>(*this, scenario_.failures);
    sampler_ = std::make_unique<MetricsSampler>(*this, scenario_.metrics.interval, scenario_.metrics.maxRows);
    // Last: a reconciliation job adds a component only to the runs that ask for one.
    for (auto& c : consumers_)
        if (const ServiceSpec* s = scenario_.findService(c->componentName());
            s && s->state.reconcileEvery > 0 && c->state() && c->state()->store())
            reconcilers_.push_back(std::make_unique<Reconciler>(*this, s->name, *c->state()->store(), s->state.reconcileEvery));

    // Graph node of every component a message passes (other components map to no node). Services
    // come first, so a service's index is its node; its producer and consumer share it.
    std::map<std::string, std::uint16_t> nodeByName;
    for (const ServiceSpec& s : scenario_.services) nodeByName.emplace(s.name, static_cast<std::uint16_t>(nodeByName.size()));
    for (const BrokerSpec& b : scenario_.brokers) nodeByName.emplace(b.name, static_cast<std::uint16_t>(nodeByName.size()));
    auto note = [&](const Component& c, const std::string& name) {
        if (nodeOfComponent_.size() <= c.componentIndex()) nodeOfComponent_.resize(c.componentIndex() + 1, UINT16_MAX);
        auto it = nodeByName.find(name);
        nodeOfComponent_[c.componentIndex()] = it == nodeByName.end() ? UINT16_MAX : it->second;
    };
    for (const auto& q : queues_) note(*q, q->componentName());
    for (const auto& l : logs_) note(*l, l->componentName());
    for (const auto& r : routers_) note(*r, r->componentName());
    for (const auto& c : consumers_) note(*c, c->componentName());
    std::size_t p = 0;
    for (const ServiceSpec& s : scenario_.services)
        if (s.producer) note(*producers_[p++], s.name); // producers_ follow the services' order
}

void World::buildCalls()
{
    const bool sync = scenario_.style == CallStyle::Sync;
    routing_ = std::make_unique<CallRouting>(*this, scenario_);
    const std::size_t n = scenario_.services.size();
    std::vector<bool> needsServer = routing_->callees();
    servers_.resize(n);
    clients_.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        const ServiceSpec& s = scenario_.services[i];
        const auto idx = static_cast<std::uint16_t>(i);
        const bool entry = s.producer && (sync || s.serves);
        if (entry || needsServer[i]) {
            // The same stream as the service's consumer when it replaces it (the synchronous style),
            // so both styles draw the same service times: paired runs (common random numbers).
            const std::uint64_t salt = s.consumer && !sync ? 5 : 0;
            servers_[i] = std::make_unique<CallServer>(*this, s, idx, stream(s.name, salt));
        }
        if (routing_->calls(idx))
            clients_[i] = std::make_unique<CallClient>(*this, s.name + ".calls", idx, s.callPolicy, stream(s.name, 7));
        if (entry) {
            users_.push_back(std::make_unique<UserRequests>(*this, s, idx));
            Producer* p = producer(s.name);
            p->setUsers(users_.back().get());
            if (!sync) servers_[i]->setEntryProducer(p);
        }
    }
}

void World::callTargets(std::uint16_t service, const Envelope& request, std::vector<std::uint16_t>& out) const
{
    routing_->targetsOf(service, request, out);
}

bool World::callsCut(std::uint16_t a, std::uint16_t b) const
{
    if (callCuts_.empty()) return false;
    const auto link = std::minmax(a, b);
    return std::find(callCuts_.begin(), callCuts_.end(), std::make_pair(link.first, link.second)) != callCuts_.end();
}

void World::setCallsCut(std::uint16_t a, std::uint16_t b, bool cut)
{
    const auto mm = std::minmax(a, b);
    const std::pair<std::uint16_t, std::uint16_t> link{mm.first, mm.second};
    auto it = std::find(callCuts_.begin(), callCuts_.end(), link);
    if (cut && it == callCuts_.end()) callCuts_.push_back(link);
    if (!cut && it != callCuts_.end()) callCuts_.erase(it);
}

Receiver* World::receiver(const std::string& name) const
{
    auto it = receivers_.find(name);
    if (it == receivers_.end()) throw std::runtime_error(fmt::format("unknown broker or service '{}'", name));
    return it->second;
}

Receiver* World::findReceiver(const std::string& name) const
{
    auto it = receivers_.find(name);
    return it == receivers_.end() ? nullptr : it->second;
}

void World::publish(std::uint32_t eventSlot, const std::string& target)
{
    Receiver* r = receiver(target);
    // The emitting service (envelope source) is the hop's start: service i is node i.
    if (recordsHops()) hop(store_->envelope(eventSlot), store_->envelope(eventSlot).source, nodeOf(*r), HopKind::Deliver, 1);
    r->receive(eventSlot);
}

void World::hop(const Envelope& env, std::uint16_t from, std::uint16_t to, HopKind kind, std::uint16_t attempt)
{
    if (flow_) flow_->record(sim_.now(), env, from, to, kind, attempt);
    if (journey_) journey_->onStep(JourneyStep{sim_.now(), env, from, to, stepOf(kind), attempt});
}

void World::step(const Envelope& env, std::uint16_t node, StepKind kind, std::uint64_t detail)
{
    journey_->onStep(JourneyStep{sim_.now(), env, node, node, kind, detail});
}

bool World::isPartitioned(std::uint16_t service, const Receiver& broker) const
{
    for (const auto& [s, b] : cuts_)
        if (s == service && b == broker.componentIndex()) return true;
    return false;
}

bool World::canReach(std::uint16_t service, const Receiver& broker) const
{
    if (broker.isDown()) return false;
    for (const auto& [s, b] : cuts_)
        if (s == service && b == broker.componentIndex()) return false;
    return true;
}

void World::setPartitioned(std::uint16_t service, std::uint32_t brokerComponent, bool cut)
{
    const auto link = std::make_pair(service, brokerComponent);
    auto it = std::find(cuts_.begin(), cuts_.end(), link);
    if (cut && it == cuts_.end()) cuts_.push_back(link);
    if (!cut && it != cuts_.end()) cuts_.erase(it);
}

void World::connectivityChanged()
{
    for (auto& p : producers_) p->retryPending();
    for (auto& c : consumers_) c->wake();
}

ConsumerService* World::consumer(const std::string& name) const
{
    for (const auto& c : consumers_)
        if (c->componentName() == name) return c.get();
    return nullptr;
}

Producer* World::producer(const std::string& name) const
{
    for (const auto& p : producers_)
        if (p->componentName() == name + ".producer") return p.get();
    return nullptr;
}

const Reconciler* World::reconciler(const std::string& service) const
{
    for (const auto& r : reconcilers_)
        if (r->componentName() == service + ".reconcile") return r.get();
    return nullptr;
}

void World::start()
{
    for (auto& l : logs_) l->start();
    for (auto& p : producers_) p->start();
    failures_->start();
    sampler_->start();
    for (auto& r : reconcilers_) r->start();
}

ConservationReport World::checkConservation() const
{
    ConservationReport r;
    auto fail = [&r](std::string msg) {
        r.ok = false;
        r.violations.push_back(std::move(msg));
    };
    if (store_->refErrors())
        fail(fmt::format("{} event references were released twice", store_->refErrors()));
    for (int s = 0; s < static_cast<int>(sinkCount()); ++s) {
        const SinkCounters& c = store_->sink(s);
        const EventStore::LiveFates live = store_->liveFates(s);
        const std::uint64_t accounted = c.settledApplied + c.settledDeadLettered + c.settledDropped + c.vanished +
                                        live.applied + live.deadLettered + live.dropped + live.inFlight;
        if (accounted != c.obligations)
            fail(fmt::format("{}: {} events arrived but {} are accounted for", sinkName(s), c.obligations, accounted));
        if (c.vanished)
            fail(fmt::format("{}: {} events disappeared without a fate (not applied, dead-lettered or dropped)",
                             sinkName(s), c.vanished));
    }
    std::uint64_t held = 0;
    for (const auto& [name, rcv] : receivers_) held += rcv->heldRefs();
    for (const auto& p : producers_) held += p->heldRefs();
    const std::uint64_t counted = store_->totalLiveRefs();
    if (held != counted)
        fail(fmt::format("components hold {} event copies but the event store counts {}", held, counted));
    // Every user request has exactly one outcome or is still in flight.
    for (const auto& u : users_) {
        std::uint64_t ended = u->inFlight();
        for (int o = 0; o < kRequestOutcomes; ++o) ended += u->count(static_cast<RequestOutcome>(o));
        if (ended != u->sent())
            fail(fmt::format("{}: {} user requests were sent but {} are accounted for",
                             scenario_.services[u->entryService()].name, u->sent(), ended));
    }
    // State: an entity's value is its initial value plus the deltas of its writes; a read model
    // reflects no more writes than its source made, and every write is reflected or behind.
    for (const auto& c : consumers_) {
        const ServiceState* st = c->state();
        if (!st) continue;
        if (const EntityStore* e = st->store(); e && e->valueSum() != e->deltaSum())
            fail(fmt::format("{}: its entities moved by {} but its writes add up to {}", c->componentName(),
                             static_cast<double>(e->valueSum()), static_cast<double>(e->deltaSum())));
        if (const ReadModel* m = st->readModel()) {
            if (m->writesSeen() != m->source().writes())
                fail(fmt::format("{}: saw {} writes of its source, which made {}", c->componentName(), m->writesSeen(),
                                 m->source().writes()));
            if (m->reflected() > m->writesSeen())
                fail(fmt::format("{}: reflects {} writes of the {} made", c->componentName(), m->reflected(), m->writesSeen()));
        }
    }
    // Sagas: every one started ended one way or is still in flight; none vanished.
    if (sagas_)
        for (std::size_t i = 0; i < sagas_->sagaCount(); ++i) {
            const SagaTracker::Counts& c = sagas_->counts(i);
            const std::uint64_t ended = c.completed + c.compensated + c.stuck + c.inconsistent;
            if (ended > c.started || c.inFlight() != sagas_->liveSlots(i))
                fail(fmt::format("saga {}: {} started, {} ended, {} still open in their flows", sagas_->name(i), c.started,
                                 ended, sagas_->liveSlots(i)));
        }
    // An orchestrator's sagas: each it started ended one way, was given up or lost, or is still held.
    for (const auto& c : consumers_)
        if (const Orchestrator* o = c->orchestrator()) {
            const Orchestrator::Counts& k = o->counts();
            if (k.started != k.completed + k.compensated + k.gaveUp + k.lost + o->live())
                fail(fmt::format("{}: started {} sagas, {} completed, {} compensated, {} given up, {} lost, {} held",
                                 c->componentName(), k.started, k.completed, k.compensated, k.gaveUp, k.lost, o->live()));
        }
    return r;
}

} // namespace es

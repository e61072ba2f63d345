#pragma once
// The simulated world built from a scenario: the kernel, the event store, and every component
// (producers, brokers, consumer services, the failure injector, the metrics sampler), wired by name.
// It is the one place that knows how the parts fit; the parts talk to each other through it.
#include "kernel/Simulation.h"
#include "model/FlowRecorder.h"
#include "model/journey/JourneyStep.h"
#include "model/EventStore.h"
#include "model/services/KeySpace.h"
#include "random/RandomStream.h"
#include "scenario/Scenario.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace es {

class Receiver;
class Producer;
class QueueBroker;
class LogBroker;
class RouterBroker;
class ConsumerService;
class FailureInjector;
class MetricsSampler;
class CallServer;
class CallClient;
class CallRouting;
class UserRequests;
class SagaTracker;
class Reconciler;

struct ConservationReport {
    bool ok = true;
    std::vector<std::string> violations;
};

class World {
public:
    explicit World(const Scenario& scenario);
    ~World();
    World(const World&) = delete;
    World& operator=(const World&) = delete;

    const Scenario& scenario() const { return scenario_; }
    Simulation& sim() { return sim_; }
    const Simulation& sim() const { return sim_; }
    EventStore& store() { return *store_; }
    const EventStore& store() const { return *store_; }

    RandomStream stream(std::string_view component, std::uint64_t salt = 0) const
    {
        return RandomStream::forComponent(scenario_.seed, component, salt);
    }
    std::uint64_t nextEventId() { return ++lastEventId_; }
    std::uint64_t eventsCreated() const { return lastEventId_; }
    std::uint16_t internType(const std::string& name) { return intern(typeNames_, typeIndex_, name); }
    std::uint16_t internAttributeName(const std::string& n) { return intern(attrNames_, attrIndex_, n); }
    std::uint16_t internAttributeValue(const std::string& v) { return intern(attrValues_, attrValueIndex_, v); }
    const std::string& typeName(std::uint16_t t) const { return typeNames_[t]; }
    std::size_t typeCount() const { return typeNames_.size(); }
    const std::string& attributeName(std::uint16_t a) const { return attrNames_[a]; }
    const std::string& attributeValue(std::uint16_t v) const { return attrValues_[v]; }
    std::uint16_t serviceIndex(const std::string& name) const;
    // Producers' key spaces: a key in an envelope decodes to its name and Kafka partition hash here.
    KeyRegistry& keys() { return keys_; }
    const EndToEndTracker& endToEnd() const { return *flows_; }
    EndToEndTracker& flows() { return *flows_; }
    const SagaTracker* sagas() const { return sagas_.get(); } // null without `sagas:`
    const KeyRegistry& keys() const { return keys_; }

    // Hands a copy of `eventSlot` to the broker or service called `target`.
    void publish(std::uint32_t eventSlot, const std::string& target);

    // Graph nodes: the services, then the brokers, in scenario order (a viewer's node indices). A
    // service's producer and consumer components are both its node.
    std::uint16_t nodeOf(const Component& c) const { return nodeOfComponent_[c.componentIndex()]; }
    std::size_t nodeCount() const { return scenario_.services.size() + scenario_.brokers.size(); }
    // A viewer attaches a recorder to see every hop; null (the default) records nothing.
    void setFlowRecorder(FlowRecorder* recorder) { flow_ = recorder; }
    FlowRecorder* flowRecorder() const { return flow_; }
    // Whoever wants every step of every message's journey (model/journey/); null: nobody.
    void setJourneySink(JourneySink* sink) { journey_ = sink; }
    JourneySink* journeySink() const { return journey_; }
    // Whether anyone hears hops (a viewer's recorder, a journey sink): the hop calls below look
    // their nodes up only then, so headless a hop costs a branch.
    bool recordsHops() const { return flow_ || journey_; }
    void recordHop(std::uint32_t eventSlot, const Component& from, const Component& to, HopKind kind,
                   std::uint16_t attempt = 1)
    {
        if (recordsHops()) hop(store_->envelope(eventSlot), nodeOf(from), nodeOf(to), kind, attempt);
    }
    void recordHopAt(std::uint32_t eventSlot, const Component& at, HopKind kind) { recordHop(eventSlot, at, at, kind); }
    // A call hop between two services (their indices are their nodes); `cause` is a CallCause.
    void recordCall(const Envelope& env, std::uint16_t from, std::uint16_t to, HopKind kind, std::uint16_t cause = 0)
    {
        if (recordsHops()) hop(env, from, to, kind, cause);
    }
    // A step of a journey at one node that is no hop (handled, a failed attempt, …): journey only.
    void recordStep(std::uint32_t eventSlot, const Component& at, StepKind kind, std::uint64_t detail = 0)
    {
        if (journey_) step(store_->envelope(eventSlot), nodeOf(at), kind, detail);
    }

    // Whether a service (by index) can talk to a broker now: no outage and no network partition.
    bool canReach(std::uint16_t service, const Receiver& broker) const;
    // Whether a network partition separates the service (by index) from the broker now.
    bool isPartitioned(std::uint16_t service, const Receiver& broker) const;
    void setPartitioned(std::uint16_t service, std::uint32_t brokerComponent, bool cut);
    // After an outage or a partition ends: producers flush, consumers fetch again.
    void connectivityChanged();
    Receiver* receiver(const std::string& name) const;
    Receiver* findReceiver(const std::string& name) const; // null when there is none

    // Schedules the initial events. Call once before running.
    void start();

    const std::vector<std::unique_ptr<Producer>>& producers() const { return producers_; }
    const std::vector<std::unique_ptr<ConsumerService>>& consumers() const { return consumers_; }
    const std::vector<std::unique_ptr<QueueBroker>>& queues() const { return queues_; }
    const std::vector<std::unique_ptr<LogBroker>>& logs() const { return logs_; }
    const std::vector<std::unique_ptr<RouterBroker>>& routers() const { return routers_; }
    ConsumerService* consumer(const std::string& name) const;
    Producer* producer(const std::string& name) const;
    const MetricsSampler& sampler() const { return *sampler_; }
    MetricsSampler& sampler() { return *sampler_; }
    // The reconciliation job of `service`'s write model, nullptr when it has none.
    const Reconciler* reconciler(const std::string& service) const;
    const FailureInjector& failures() const { return *failures_; }
    FailureInjector& failures() { return *failures_; } // failures injected while the run goes on

    // Synchronous calls (model/calls/). Per service index: its server (null if nobody calls it), its
    // client (null if it calls nobody); per entry service, its users.
    CallServer* server(std::uint16_t service) const { return service < servers_.size() ? servers_[service].get() : nullptr; }
    CallServer* server(const std::string& name) const { return server(serviceIndex(name)); }
    CallClient* callClient(std::uint16_t service) const { return service < clients_.size() ? clients_[service].get() : nullptr; }
    const std::vector<std::unique_ptr<CallServer>>& servers() const { return servers_; }   // indexed by service
    const std::vector<std::unique_ptr<CallClient>>& callClients() const { return clients_; } // indexed by service
    const std::vector<std::unique_ptr<UserRequests>>& users() const { return users_; }       // one per entry service
    // The servers service `service` calls while handling `request` (CallRouting).
    void callTargets(std::uint16_t service, const Envelope& request, std::vector<std::uint16_t>& out) const;
    std::uint64_t nextOperationId() { return ++lastOperationId_; }
    // A network partition between two services: calls across it hang until the caller's timeout.
    bool callsCut(std::uint16_t a, std::uint16_t b) const;
    void setCallsCut(std::uint16_t a, std::uint16_t b, bool cut);

    // Accounting sinks: one per consumer service, then one per queue nobody consumes.
    std::size_t sinkCount() const { return sinkNames_.size(); }
    const std::string& sinkName(int s) const { return sinkNames_[static_cast<std::size_t>(s)]; }

    // Checks that every obligation has exactly one fate and that the references the components hold
    // add up to the references the event store counts.
    ConservationReport checkConservation() const;

private:
    static std::uint16_t intern(std::vector<std::string>& names, std::map<std::string, std::uint16_t>& index,
                                const std::string& name);
    void build();
    void buildCalls();

    Scenario scenario_;
    Simulation sim_;
    std::unique_ptr<EventStore> store_;
    std::unique_ptr<EndToEndTracker> flows_;
    std::unique_ptr<SagaTracker> sagas_;
    KeyRegistry keys_; // built from the scenario before any producer (KeyRegistry::forScenario)
    std::uint64_t lastEventId_ = 0;
    std::vector<std::string> typeNames_, attrNames_, attrValues_;
    std::map<std::string, std::uint16_t> typeIndex_, attrIndex_, attrValueIndex_;
    std::vector<std::string> sinkNames_;

    std::vector<std::unique_ptr<Producer>> producers_;
    std::vector<std::unique_ptr<QueueBroker>> queues_;
    std::vector<std::unique_ptr<LogBroker>> logs_;
    std::vector<std::unique_ptr<RouterBroker>> routers_;
    std::vector<std::unique_ptr<ConsumerService>> consumers_;
    std::unique_ptr<FailureInjector> failures_;
    std::unique_ptr<MetricsSampler> sampler_;
    std::vector<std::unique_ptr<Reconciler>> reconcilers_;
    std::unique_ptr<CallRouting> routing_;
    std::vector<std::unique_ptr<CallServer>> servers_;
    std::vector<std::unique_ptr<CallClient>> clients_;
    std::vector<std::unique_ptr<UserRequests>> users_;
    std::vector<std::pair<std::uint16_t, std::uint16_t>> callCuts_; // service pairs, lower index first
    std::uint64_t lastOperationId_ = 0;
    std::map<std::string, Receiver*> receivers_;
    std::vector<std::pair<std::uint16_t, std::uint32_t>> cuts_; // (service, broker component) partitions
    std::vector<std::uint16_t> nodeOfComponent_;                  // kernel component index -> graph node
    FlowRecorder* flow_ = nullptr;
    JourneySink* journey_ = nullptr;
    void hop(const Envelope& env, std::uint16_t from, std::uint16_t to, HopKind kind, std::uint16_t attempt);
    void step(const Envelope& env, std::uint16_t node, StepKind kind, std::uint64_t detail);
};

} // namespace es

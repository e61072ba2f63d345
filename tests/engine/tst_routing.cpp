// Tests for routing through whole runs: topic fan-out to subscribed queues, unrouted events on a
// topic nobody subscribes to, bus rules matching on type and attributes (to services and queues),
// and follow-up events emitted by consumers, with their causation and correlation chains.
#include "model/World.h"
#include "run/RunDriver.h"
#include "run/RunSummary.h"
#include "scenario/Diagnostics.h"
#include "scenario/ScenarioLoader.h"

#include "SummaryLookup.h"

#include <QtTest>

#include <map>
#include <set>
#include <string>

namespace {

using testsupport::findGroup;
using testsupport::findBroker;
using testsupport::violations;

#define CHECK_CONSERVATION(s) QVERIFY2((s).conservationOk, qPrintable(violations(s)))

// The value of attribute `name` on an envelope, or "" if it has none.
std::string attribute(const es::World& w, const es::Envelope& env, const std::string& name)
{
    for (int i = 0; i < env.attributeCount; ++i)
        if (w.attributeName(env.attributeNames[static_cast<std::size_t>(i)]) == name)
            return w.attributeValue(env.attributeValues[static_cast<std::size_t>(i)]);
    return {};
}

} // namespace

class TestRouting : public QObject {
    Q_OBJECT

private slots:
    void topicFanOut();
    void busRulesRouteMatchingEvents();
    void emittedEventsFormCausationChains();
    void pushToPullingServiceIsNotStranded();
};

void TestRouting::topicFanOut()
{
    const es::Scenario sc = es::loadScenarioText(R"(
scenario: fanout
seed: 2
duration: 20s
services:
  src: {produces: Order, to: orders, rate: 50/s, arrivals: constant, limit: 500}
  lonelySrc: {produces: Ping, to: lonely, rate: 10/s, arrivals: constant, limit: 40}
  billing: {consumes: billingQ, service_time: 2ms}
  shipping: {consumes: shippingQ, concurrency: 2, service_time: {exponential: {mean: 10ms}}}
brokers:
  orders: {kind: topic}
  lonely: {kind: topic}
  billingQ: {kind: queue, subscribe: [orders]}
  shippingQ: {kind: queue, subscribe: [orders]}
)", "test.yaml");
    es::RunDriver d(sc);
    const es::RunSummary s = d.run();
    CHECK_CONSERVATION(s);
    const es::GroupSummary* billing = findGroup(s, "billing");
    const es::GroupSummary* shipping = findGroup(s, "shipping");
    const es::BrokerSummary* orders = findBroker(s, "orders");
    const es::BrokerSummary* lonely = findBroker(s, "lonely");
    QVERIFY(billing && shipping && orders && lonely);
    // Both groups owe, and apply, every event published to the topic.
    for (const es::GroupSummary* g : {billing, shipping}) {
        QCOMPARE(g->events, std::uint64_t{500});
        QCOMPARE(g->effects, std::uint64_t{500});
        QCOMPARE(g->duplicateEffects, std::uint64_t{0});
        QCOMPARE(g->inFlight, std::uint64_t{0});
        QCOMPARE(g->source, g == billing ? std::string("billingQ") : std::string("shippingQ"));
    }
    QCOMPARE(orders->kind, std::string("topic"));
    QCOMPARE(orders->received, std::uint64_t{500});
    QCOMPARE(orders->copiesOut, std::uint64_t{1000});
    QCOMPARE(orders->unrouted, std::uint64_t{0});
    // A topic without subscribers routes nothing: every event it gets is unrouted.
    QCOMPARE(lonely->received, std::uint64_t{40});
    QCOMPARE(lonely->copiesOut, std::uint64_t{0});
    QCOMPARE(lonely->unrouted, std::uint64_t{40});
    QCOMPARE(s.eventsCreated, std::uint64_t{540});
}

void TestRouting::busRulesRouteMatchingEvents()
{
    // Four producers with fixed attributes (one value each, except `tier`) and rules on type, on
    // attributes, and on both. euAudit, usQueue and goldQueue are queues nobody consumes, so they are
    // sinks of their own and keep every event they get (which lets the test inspect them).
    const es::Scenario sc = es::loadScenarioText(R"(
scenario: bus
seed: 8
duration: 20s
services:
  euOrders:
    produces: OrderPlaced
    to: bus
    rate: 20/s
    arrivals: constant
    limit: 100
    attributes: {region: eu, tier: [gold, silver]}
  usOrders: {produces: OrderPlaced, to: bus, rate: 10/s, arrivals: constant, limit: 50, attributes: {region: us}}
  refunds: {produces: RefundIssued, to: bus, rate: 5/s, arrivals: constant, limit: 30, attributes: {region: eu}}
  noise: {produces: Heartbeat, to: bus, rate: 5/s, arrivals: constant, limit: 20, attributes: {region: asia}}
  euHandler: {consumes: bus, service_time: 1ms}
  refundHandler: {consumes: bus, service_time: 1ms}
brokers:
  bus:
    kind: bus
    rules:
      - name: eu-orders
        match: {type: OrderPlaced, attributes: {region: eu}}
        to: [euHandler, euAudit]
      - name: refunds
        match: {type: [RefundIssued]}
        to: refundHandler
      - name: americas
        match: {attributes: {region: [us, ca]}}
        to: usQueue
      - name: gold
        match: {attributes: {tier: gold}}
        to: goldQueue
  euAudit: {kind: queue}
  usQueue: {kind: queue}
  goldQueue: {kind: queue}
)", "test.yaml");
    es::RunDriver d(sc);
    const es::RunSummary s = d.run();
    CHECK_CONSERVATION(s);
    auto events = [&](const char* name) {
        const es::GroupSummary* g = findGroup(s, name);
        return g ? g->events : std::uint64_t{999999};
    };
    QCOMPARE(events("euHandler"), std::uint64_t{100});
    QCOMPARE(findGroup(s, "euHandler")->effects, std::uint64_t{100});
    QCOMPARE(events("euAudit"), std::uint64_t{100});
    QCOMPARE(events("refundHandler"), std::uint64_t{30});
    QCOMPARE(findGroup(s, "refundHandler")->effects, std::uint64_t{30});
    QCOMPARE(events("usQueue"), std::uint64_t{50});

    // Every OrderPlaced is still held by euAudit or usQueue, so the store has all 150; the gold
    // queue must hold exactly the eu orders drawn with tier gold (both tiers do occur).
    const es::World& w = d.world();
    const es::EventStore& store = w.store();
    std::uint64_t orders = 0, gold = 0, silver = 0;
    for (std::uint32_t slot = 0; slot < store.slotCapacity(); ++slot) {
        const es::Envelope& env = store.envelope(slot);
        if (env.eventId == 0 || w.typeName(env.type) != "OrderPlaced") continue;
        ++orders;
        const std::string tier = attribute(w, env, "tier");
        if (tier == "gold") ++gold;
        if (tier == "silver") ++silver;
        QCOMPARE(tier.empty(), attribute(w, env, "region") == "us");
    }
    QCOMPARE(orders, std::uint64_t{150});
    QCOMPARE(gold + silver, std::uint64_t{100});
    QVERIFY(gold > 0 && silver > 0);
    QCOMPARE(events("goldQueue"), gold);

    const es::BrokerSummary* bus = findBroker(s, "bus");
    QVERIFY(bus);
    QCOMPARE(bus->kind, std::string("bus"));
    QCOMPARE(bus->received, std::uint64_t{200});
    QCOMPARE(bus->unrouted, std::uint64_t{20}); // the heartbeats match no rule
    QCOMPARE(bus->copiesOut, 2 * 100 + 30 + 50 + gold);
}

// packer consumes orders and emits Packed to a topic; shipper consumes Packed and emits Shipped to a
// queue nobody consumes. Archive queues on both topics keep every Order and Packed event alive, so
// all three generations can be read back from the event store and linked.
void TestRouting::emittedEventsFormCausationChains()
{
    const es::Scenario sc = es::loadScenarioText(R"(
scenario: chain
seed: 13
duration: 20s
services:
  src: {produces: Order, to: orders, rate: 50/s, arrivals: constant, limit: 300, keys: 10}
  packer:
    consumes: packQ
    concurrency: 2
    service_time: {exponential: {mean: 5ms}}
    emits: {type: Packed, to: packed}
  shipper:
    consumes: shipQ
    service_time: 3ms
    emits: [{type: Shipped, to: shipped, version: 2}]
brokers:
  orders: {kind: topic}
  packQ: {kind: queue, subscribe: [orders]}
  ordersArchive: {kind: queue, subscribe: [orders]}
  packed: {kind: topic}
  shipQ: {kind: queue, subscribe: [packed]}
  packedArchive: {kind: queue, subscribe: [packed]}
  shipped: {kind: queue}
)", "test.yaml");
    es::RunDriver d(sc);
    const es::RunSummary s = d.run();
    CHECK_CONSERVATION(s);
    const es::GroupSummary* packer = findGroup(s, "packer");
    const es::GroupSummary* shipper = findGroup(s, "shipper");
    const es::GroupSummary* shipped = findGroup(s, "shipped");
    QVERIFY(packer && shipper && shipped);
    QCOMPARE(packer->events, std::uint64_t{300});
    QCOMPARE(packer->effects, std::uint64_t{300});
    QCOMPARE(packer->emitted, packer->effects);
    QCOMPARE(shipper->events, packer->effects);
    QCOMPARE(shipper->effects, packer->effects);
    QCOMPARE(shipper->emitted, shipper->effects);
    QCOMPARE(shipped->events, shipper->effects);
    QCOMPARE(s.eventsCreated, std::uint64_t{900});

    const es::World& w = d.world();
    const es::EventStore& store = w.store();
    std::map<std::uint64_t, es::Envelope> byType[3];
    const char* names[3] = {"Order", "Packed", "Shipped"};
    for (std::uint32_t slot = 0; slot < store.slotCapacity(); ++slot) {
        const es::Envelope& env = store.envelope(slot);
        for (int k = 0; k < 3; ++k)
            if (env.eventId != 0 && w.typeName(env.type) == names[k]) byType[k][env.eventId] = env;
    }
    QCOMPARE(byType[0].size(), std::size_t{300});
    QCOMPARE(byType[1].size(), std::size_t{300});
    QCOMPARE(byType[2].size(), std::size_t{300});
    for (const auto& [id, root] : byType[0]) {
        QCOMPARE(root.correlationId, id);
        QCOMPARE(root.causationId, std::uint64_t{0});
    }
    std::set<std::uint64_t> rootsSeen, packedSeen;
    for (const auto& [id, ship] : byType[2]) {
        QCOMPARE(ship.version, std::uint16_t{2});
        QCOMPARE(ship.source, w.serviceIndex("shipper"));
        auto p = byType[1].find(ship.causationId);
        QVERIFY2(p != byType[1].end(), "a Shipped event's cause is not a Packed event");
        const es::Envelope& pack = p->second;
        QCOMPARE(pack.source, w.serviceIndex("packer"));
        auto r = byType[0].find(pack.causationId);
        QVERIFY2(r != byType[0].end(), "a Packed event's cause is not an Order");
        const es::Envelope& root = r->second;
        QCOMPARE(pack.correlationId, root.eventId);
        QCOMPARE(ship.correlationId, root.eventId);
        QCOMPARE(pack.key, root.key);
        QCOMPARE(ship.key, root.key);
        QVERIFY(root.key < 10);
        QVERIFY(root.created <= pack.created && pack.created <= ship.created);
        QVERIFY(root.eventId < pack.eventId && pack.eventId < ship.eventId);
        rootsSeen.insert(root.eventId);
        packedSeen.insert(pack.eventId);
    }
    // One chain per order: a bijection between orders, Packed and Shipped events.
    QCOMPARE(rootsSeen.size(), std::size_t{300});
    QCOMPARE(packedSeen.size(), std::size_t{300});
}

// A bus rule that targets a service which pulls from a queue would strand its copies (the service
// only reads its queue): the loader rejects it, pointing at the rule's target and naming the queue.
void TestRouting::pushToPullingServiceIsNotStranded()
{
    const std::string yaml = R"(
scenario: mixed
duration: 10s
services:
  viaBus: {produces: A, to: bus, rate: 10/s, arrivals: constant, limit: 20}
  viaQueue: {produces: B, to: q, rate: 10/s, arrivals: constant, limit: 20}
  worker: {consumes: q, service_time: 1ms}
brokers:
  q: {kind: queue}
  bus:
    kind: bus
    rules:
      - {match: {type: A}, to: worker}
)";
    QString message;
    try {
        es::loadScenarioText(yaml, "test.yaml");
    } catch (const es::ScenarioError& e) {
        message = QString::fromStdString(e.what());
    }
    QVERIFY2(message.contains(QLatin1String("test.yaml:13:32:")), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("pulls from queue 'q'")), qPrintable(message));
    // Routing the rule to the queue instead is accepted and every event gets its effect.
    std::string fixed = yaml;
    fixed.replace(fixed.find("to: worker"), 10, "to: q");
    const es::Scenario sc = es::loadScenarioText(fixed, "test.yaml");
    es::RunDriver d(sc);
    const es::RunSummary s = d.run();
    CHECK_CONSERVATION(s);
    const es::GroupSummary* g = findGroup(s, "worker");
    QVERIFY(g);
    QCOMPARE(g->events, std::uint64_t{40});
    QCOMPARE(g->effects, std::uint64_t{40});
}

QTEST_APPLESS_MAIN(TestRouting)
#include "tst_routing.moc"

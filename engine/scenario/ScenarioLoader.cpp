#include "scenario/ScenarioLoader.h"

#include "scenario/CallsReader.h"
#include "scenario/SagaReader.h"
#include "scenario/OrchestratorReader.h"
#include "scenario/StateReader.h"
#include "scenario/VersionReader.h"
#include "scenario/ChartsReader.h"
#include "scenario/KeysReader.h"
#include "scenario/LessonReader.h"

#include "scenario/DocumentChecks.h"
#include "scenario/EngineLimits.h"
#include "scenario/FailureReader.h"
#include "scenario/LayoutReader.h"
#include "scenario/Overrides.h"
#include "scenario/RoutingChecks.h"
#include "scenario/ScenarioSize.h"
#include "scenario/SinkLimit.h"
#include "scenario/Units.h"
#include "scenario/YamlReader.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>

namespace es {

Override parseOverride(const std::string& text)
{
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0)
        throw ScenarioError({Diagnostic{"--set", 0, 0,
                                        fmt::format("'{}' is not an override; expected path.to.key=value, e.g. "
                                                    "services.worker.concurrency=4", text)}});
    return Override{text.substr(0, eq), text.substr(eq + 1)};
}

namespace {

// The item of a name-or-list node that names `name` (the node itself when it is one name), so a
// message points at the very name rather than at the list.
YAML::Node itemNamed(const YAML::Node& node, const std::string& name)
{
    if (node.IsSequence())
        for (const YAML::Node& item : node)
            if (item.IsScalar() && item.Scalar() == name) return item;
    return node;
}

// A period below kMinPollInterval: the message names the key, the value and the minimum.
std::string tooShort(const std::string& what, const char* key, SimTime value)
{
    return fmt::format("{}: '{}' is {} ns, below the minimum of 1ms (a shorter period would spend the run "
                       "polling); use 1ms or more",
                       what, key, value);
}

class ScenarioReader {
public:
    ScenarioReader(DiagnosticSink& diags, std::vector<std::string> variantNames)
        : diags_(diags), variantNames_(std::move(variantNames)) {}
    Scenario read(const YAML::Node& root);

private:
    void readService(const std::string& name, const YAML::Node& node, Scenario& s);
    ProducerSpec readProducer(MapReader& r, const std::string& type);
    ConsumerSpec readConsumer(MapReader& r, const std::string& service);
    void readBroker(const std::string& name, const YAML::Node& node, Scenario& s);
    void checkReferences(const Scenario& s);
    void checkEmitCycles(const Scenario& s);

    // Counts a name into one of the engine's interned tables; past kMaxDistinctNames, reports it once
    // at `at`.
    void intern(std::set<std::string>& table, const std::string& name, const YAML::Node& at, const char* what);

    DiagnosticSink& diags_;
    const std::vector<std::string> variantNames_; // for notes that name the variants they are true in
    std::set<std::string> typeNames_, attributeNames_, attributeValues_;
    std::map<std::string, YAML::Mark> serviceMarks_, brokerMarks_;
    std::map<std::string, YAML::Node> refNodes_; // reference text -> node, for messages
    ReferenceLog failureRefs_, callRefs_, stateRefs_, sagaRefs_, orchestratorRefs_;
};

Scenario ScenarioReader::read(const YAML::Node& root)
{
    Scenario s;
    MapReader r(diags_, root, "the scenario");
    if (!r.ok()) return s;
    s.id = r.string("scenario", true).value_or("");
    s.title = r.string("title").value_or(s.id);
    s.summary = r.string("summary").value_or("");
    s.objectives = r.stringList("objectives");
    r.get("variants"); // applied before reading (see applyVariant)
    s.notes = readNotes(diags_, r.get("notes"), variantNames_);
    s.watch = readWatch(diags_, r.get("watch"));
    if (auto seed = r.integer("seed", 0, INT64_MAX)) s.seed = static_cast<std::uint64_t>(*seed);
    if (auto d = r.duration("duration")) s.duration = *d;
    if (s.duration <= 0) diags_.error(r.get("duration"), "the scenario: 'duration' must be above 0");
    readCallStyle(r, s);

    if (YAML::Node m = r.get("metrics"); m.IsDefined() && !m.IsNull()) {
        MapReader mr(diags_, m, "metrics");
        if (auto i = mr.duration("interval")) {
            if (*i < kMinPollInterval) diags_.error(mr.get("interval"), tooShort("metrics", "interval", *i));
            else s.metrics.interval = *i;
        }
        if (auto rows = mr.integer("max_rows", 16, 10'000'000)) s.metrics.maxRows = static_cast<std::size_t>(*rows);
        mr.finish();
    }
    YAML::Node brokers = r.get("brokers");
    if (!brokers.IsDefined() || brokers.IsNull()) {
        diags_.error(root, "the scenario needs 'brokers' (a mapping of broker names to their settings)");
    } else if (!brokers.IsMap()) {
        diags_.error(brokers, "'brokers' should be a mapping of broker names to their settings");
    } else {
        for (const auto& kv : brokers) readBroker(kv.first.Scalar(), kv.second, s);
    }
    YAML::Node services = r.get("services");
    if (!services.IsDefined() || services.IsNull()) {
        diags_.error(root, "the scenario needs 'services' (a mapping of service names to their settings)");
    } else if (!services.IsMap()) {
        diags_.error(services, "'services' should be a mapping of service names to their settings");
    } else {
        for (const auto& kv : services) readService(kv.first.Scalar(), kv.second, s);
    }
    if (YAML::Node f = r.get("failures"); f.IsDefined() && !f.IsNull()) {
        if (!f.IsSequence()) diags_.error(f, "'failures' should be a list of failures");
        else for (const YAML::Node& item : f) s.failures.push_back(readFailure(diags_, item, s.failures.size(), failureRefs_));
    }
    s.charts = readCharts(diags_, r.get("charts"));
    readSagas(diags_, r.get("sagas"), s, sagaRefs_);
    deriveOrchestratorEmits(diags_, s, orchestratorRefs_, refNodes_); // before the references are checked
    const YAML::Node layout = r.get("layout"); // read once the node names are known
    r.finish();
    checkReferences(s);
    checkSinkLimit(s, diags_, serviceMarks_, brokerMarks_);
    s.layout = readLayout(diags_, layout, s);
    if (diags_.empty())
        checkRoutingCycles(s, diags_, [this](const std::string& key) {
            auto it = refNodes_.find(key);
            return it != refNodes_.end() ? it->second.Mark() : YAML::Mark::null_mark();
        });
    if (diags_.empty()) checkEmitCycles(s);
    if (diags_.empty()) checkTypedEmitCycles(diags_, s, refNodes_);
    return s;
}

void ScenarioReader::intern(std::set<std::string>& table, const std::string& name, const YAML::Node& at, const char* what)
{
    if (table.size() > kMaxDistinctNames || !table.insert(name).second || table.size() <= kMaxDistinctNames) return;
    diags_.error(itemNamed(at, name), fmt::format("more than {} distinct {} in the scenario: the engine numbers them with 16 bits; "
                                 "use fewer (e.g. draw from a smaller set of values)",
                                 kMaxDistinctNames, what));
}

void ScenarioReader::readService(const std::string& name, const YAML::Node& node, Scenario& s)
{
    serviceMarks_[name] = node.Mark();
    ServiceSpec svc;
    svc.name = name;
    MapReader r(diags_, node, fmt::format("service '{}'", name));
    if (!r.ok()) return;
    if (auto type = r.string("produces")) svc.producer = readProducer(r, *type);
    if (YAML::Node c = r.get("consumes"); c.IsDefined() && !c.IsNull()) svc.consumer = readConsumer(r, name);
    readCallKeys(r, svc, callRefs_);
    readStateKeys(r, svc, stateRefs_);
    readOrchestratorKeys(r, svc, orchestratorRefs_);
    readVersionKeys(r, svc);
    if (!svc.producer && !svc.consumer && !svc.serves)
        diags_.error(node, fmt::format("service '{}' neither produces, consumes nor answers calls; add 'produces: "
                                       "EventType', 'consumes: broker', or 'service_time' for a service others call",
                                       name));
    r.finish();
    s.services.push_back(std::move(svc));
}

ProducerSpec ScenarioReader::readProducer(MapReader& r, const std::string& type)
{
    ProducerSpec p;
    p.type = type;
    intern(typeNames_, type, r.get("produces"), "event types");
    if (auto to = r.string("to", true)) {
        p.to = *to;
        refNodes_.emplace(r.what() + " to " + *to, r.get("to"));
    }
    if (auto v = r.integer("version", 1, 1000)) p.version = static_cast<int>(*v);
    if (auto proc = r.choice("arrivals", {"poisson", "constant"}))
        p.process = *proc == "constant" ? ProducerSpec::Process::Constant : ProducerSpec::Process::Poisson;
    p.rate = r.rate("rate").value_or(0);
    if (auto v = r.duration("publish_timeout")) p.publishTimeout = *v;
    if (auto m = r.choice("publish", {"direct", "dual-write", "outbox"}))
        p.publish = *m == "outbox" ? ProducerSpec::Publish::Outbox
                  : *m == "dual-write" ? ProducerSpec::Publish::DualWrite : ProducerSpec::Publish::Direct;
    if (auto d = r.distribution("db_commit")) p.dbCommit = *d;
    if (auto v = r.duration("relay_interval")) {
        if (*v < kMinPollInterval) diags_.error(r.get("relay_interval"), tooShort(r.what(), "relay_interval", *v));
        else p.relayInterval = *v;
    }
    if (auto v = r.duration("start")) p.start = *v;
    if (auto v = r.duration("stop")) p.stop = *v;
    if (auto v = r.integer("limit", 0, INT64_MAX)) p.limit = static_cast<std::uint64_t>(*v);
    if (YAML::Node k = r.get("keys"); k.IsDefined() && !k.IsNull())
        if (auto keys = readKeys(diags_, k, r.what())) p.keys = *keys;
    if (auto v = r.share("hot_key")) p.hotKeyShare = *v;
    if (p.hotKeyShare > 0 && p.keys.size() == 0) diags_.error(r.get("hot_key"), fmt::format("{}: 'hot_key' needs 'keys'", r.what()));
    if (YAML::Node ch = r.get("rate_changes"); ch.IsDefined() && !ch.IsNull()) {
        if (!ch.IsSequence()) diags_.error(ch, fmt::format("{}: 'rate_changes' should be a list of {{at, rate, ramp}}", r.what()));
        else for (const YAML::Node& item : ch) {
            MapReader cr(diags_, item, r.what() + " rate change");
            RateChange c;
            c.at = cr.duration("at", true).value_or(0);
            c.rate = cr.rate("rate", true).value_or(0);
            c.ramp = cr.duration("ramp").value_or(0);
            cr.finish();
            p.rateChanges.push_back(c);
        }
    }
    if (YAML::Node b = r.get("bursts"); b.IsDefined() && !b.IsNull()) {
        auto readBurst = [&](const YAML::Node& item) {
            MapReader br(diags_, item, r.what() + " burst");
            BurstSpec spec;
            spec.start = br.duration("at").value_or(0);
            spec.every = br.duration("every").value_or(0);
            if (spec.every != 0 && spec.every < kMinPollInterval)
                diags_.error(br.get("every"), tooShort(r.what() + " burst", "every", spec.every) + " (or 0 for one burst)");
            spec.size = static_cast<std::uint32_t>(br.integer("size", 1, 1'000'000).value_or(0));
            if (!br.has("size")) diags_.error(item, fmt::format("{} burst needs 'size' (events per burst)", r.what()));
            br.finish();
            p.bursts.push_back(spec);
        };
        if (b.IsSequence()) for (const YAML::Node& item : b) readBurst(item);
        else readBurst(b);
    }
    if (YAML::Node a = r.get("attributes"); a.IsDefined() && !a.IsNull()) {
        if (!a.IsMap()) {
            diags_.error(a, fmt::format("{}: 'attributes' should map names to a value or a list of values", r.what()));
        } else {
            MapReader ar(diags_, a, r.what() + " attributes");
            for (const auto& kv : a) {
                std::vector<std::string>& values = p.attributes[kv.first.Scalar()];
                values = ar.stringList(kv.first.Scalar());
                intern(attributeNames_, kv.first.Scalar(), kv.first, "attribute names");
                for (const std::string& v : values) intern(attributeValues_, v, kv.second, "attribute values");
            }
            if (p.attributes.size() > 4) diags_.error(a, fmt::format("{}: at most 4 attributes per event", r.what()));
        }
    }
    if (p.rate == 0 && !r.has("rate") && p.rateChanges.empty() && p.bursts.empty())
        diags_.error(r.node(), fmt::format("{} produces but has no 'rate', 'rate_changes' or 'bursts'", r.what()));
    return p;
}

ConsumerSpec ScenarioReader::readConsumer(MapReader& r, const std::string& service)
{
    ConsumerSpec c;
    YAML::Node from = r.get("consumes");
    if (from.IsScalar()) {
        c.from = from.Scalar();
        refNodes_.emplace(r.what() + " consumes " + c.from, from);
    } else {
        MapReader fr(diags_, from, r.what() + " consumes");
        c.from = fr.string("from", true).value_or("");
        refNodes_.emplace(r.what() + " consumes " + c.from, fr.get("from"));
        c.group = fr.string("group").value_or("");
        fr.finish();
    }
    if (c.group.empty()) c.group = service;
    if (auto v = r.integer("instances", 1, 10'000)) c.instances = static_cast<int>(*v);
    if (auto v = r.integer("concurrency", 1, 100'000)) c.concurrency = static_cast<int>(*v);
    if (const long long workers = static_cast<long long>(c.instances) * c.concurrency; workers > kMaxWorkersPerService)
        diags_.error(r.has("concurrency") ? r.get("concurrency") : r.get("instances"),
                     fmt::format("{}: instances × concurrency is {} workers, more than the {} a service may have "
                                 "(each is preallocated); lower 'instances' or 'concurrency'",
                                 r.what(), workers, kMaxWorkersPerService));
    if (auto d = r.distribution("service_time")) c.serviceTime = *d;
    if (auto e = r.share("errors")) c.errorRate = *e;
    if (auto e = r.share("declines")) {
        c.declines = *e;
        refNodes_.emplace(r.what() + " declines", r.get("declines"));
    }
    if (auto d = r.choice("delivery", {"at-least-once", "at-most-once"}))
        c.delivery = *d == "at-most-once" ? DeliveryMode::AtMostOnce : DeliveryMode::AtLeastOnce;
    if (auto d = r.distribution("ack_latency")) c.ackLatency = *d;
    if (YAML::Node idem = r.get("idempotent"); idem.IsDefined() && !idem.IsNull()) {
        if (idem.IsMap()) {
            MapReader ir(diags_, idem, r.what() + " idempotent");
            c.idempotent = true;
            if (auto ttl = ir.duration("ttl")) c.idempotencyTtl = *ttl;
            ir.finish();
        } else {
            c.idempotent = r.boolean("idempotent").value_or(false);
        }
    }
    if (YAML::Node retry = r.get("retries"); retry.IsDefined() && !retry.IsNull()) {
        if (retry.IsScalar()) {
            c.retry.maxRetries = static_cast<int>(r.integer("retries", 0, 1000).value_or(0));
        } else {
            MapReader rr(diags_, retry, r.what() + " retries");
            if (auto v = rr.integer("max", 0, 1000)) c.retry.maxRetries = static_cast<int>(*v);
            if (auto v = rr.duration("backoff")) c.retry.backoffBase = *v;
            if (auto v = rr.number("multiplier", 1, 100)) c.retry.backoffMultiplier = *v;
            if (auto v = rr.duration("max_backoff")) c.retry.backoffMax = *v;
            if (auto v = rr.boolean("jitter")) c.retry.jitter = *v;
            rr.finish();
        }
    }
    if (YAML::Node commit = r.get("commit"); commit.IsDefined() && !commit.IsNull()) {
        if (commit.IsScalar() && commit.Scalar() == "each") {
            c.commit = ConsumerSpec::Commit::EachMessage;
        } else if (commit.IsScalar() && units::parseDuration(commit.Scalar())) {
            c.commit = ConsumerSpec::Commit::Interval;
            c.commitInterval = *units::parseDuration(commit.Scalar());
            if (c.commitInterval < kMinPollInterval) diags_.error(commit, tooShort(r.what(), "commit", c.commitInterval));
        } else {
            diags_.error(commit, fmt::format("{}: 'commit' should be 'each' or an interval such as 5s", r.what()));
        }
    }
    for (const char* key : {"emits", "on_refusal"}) {
        YAML::Node emits = r.get(key);
        if (!emits.IsDefined() || emits.IsNull()) continue;
        std::vector<EmitSpec>& into = std::string(key) == "emits" ? c.emits : c.onRefusal;
        auto readEmit = [&](const YAML::Node& item) {
            MapReader er(diags_, item, r.what() + " " + key);
            EmitSpec e;
            e.type = er.string("type", true).value_or("");
            intern(typeNames_, e.type, er.get("type"), "event types");
            e.to = er.string("to", true).value_or("");
            refNodes_.emplace(r.what() + " emits to " + e.to, er.get("to"));
            if (auto v = er.integer("version", 1, 1000)) e.version = static_cast<int>(*v);
            e.on = er.stringList("on");
            for (const std::string& t : e.on) refNodes_.emplace(r.what() + " emits on " + t, er.get("on"));
            er.finish();
            into.push_back(e);
        };
        if (emits.IsSequence()) for (const YAML::Node& item : emits) readEmit(item);
        else readEmit(emits);
    }
    return c;
}

void ScenarioReader::readBroker(const std::string& name, const YAML::Node& node, Scenario& s)
{
    brokerMarks_[name] = node.Mark();
    BrokerSpec b;
    b.name = name;
    MapReader r(diags_, node, fmt::format("broker '{}'", name));
    if (!r.ok()) return;
    const auto kind = r.choice("kind", {"queue", "topic", "log", "bus"});
    if (!r.has("kind")) diags_.error(node, fmt::format("broker '{}' needs 'kind' (queue, topic, log or bus)", name));
    if (kind == "topic") b.kind = BrokerKind::Topic;
    else if (kind == "log") b.kind = BrokerKind::Log;
    else if (kind == "bus") b.kind = BrokerKind::Bus;
    if (auto d = r.choice("delivery", {"at-least-once", "at-most-once"}))
        b.delivery = *d == "at-most-once" ? DeliveryMode::AtMostOnce : DeliveryMode::AtLeastOnce;
    b.subscribe = r.stringList("subscribe");
    for (const std::string& t : b.subscribe) refNodes_.emplace(r.what() + " subscribes to " + t, itemNamed(r.get("subscribe"), t));
    if (b.kind == BrokerKind::Queue) {
        if (auto v = r.duration("visibility_timeout")) b.visibilityTimeout = *v;
        if (b.visibilityTimeout <= 0) diags_.error(r.get("visibility_timeout"), fmt::format("{}: 'visibility_timeout' must be above 0", r.what()));
        if (auto v = r.integer("max_receives", 0, 1000)) b.maxReceives = static_cast<int>(*v);
        b.latency = r.distribution("latency");
    }
    if (b.kind == BrokerKind::Log) {
        if (auto v = r.integer("partitions", 1, 10'000)) b.partitions = static_cast<int>(*v);
        if (auto v = r.duration("retention")) b.retention = *v;
        if (auto a = r.choice("assignor", {"range", "cooperative-sticky"}))
            b.assignor = *a == "range" ? BrokerSpec::Assignor::Range : BrokerSpec::Assignor::CooperativeSticky;
        if (auto v = r.duration("session_timeout")) b.sessionTimeout = *v;
        if (auto v = r.duration("rebalance_time")) b.rebalanceTime = *v;
    }
    if (b.kind == BrokerKind::Bus) {
        YAML::Node rules = r.get("rules");
        if (!rules.IsSequence()) {
            diags_.error(rules.IsDefined() ? rules : node, fmt::format("{} needs 'rules' (a list of {{match, to}})", r.what()));
        } else {
            for (const YAML::Node& item : rules) {
                MapReader rr(diags_, item, r.what() + " rule");
                BusRule rule;
                rule.name = rr.string("name").value_or("");
                if (YAML::Node m = rr.get("match"); m.IsDefined() && !m.IsNull()) {
                    MapReader mr(diags_, m, r.what() + " rule match");
                    rule.types = mr.stringList("type");
                    for (const std::string& t : rule.types) intern(typeNames_, t, mr.get("type"), "event types");
                    if (YAML::Node a = mr.get("attributes"); a.IsDefined() && a.IsMap()) {
                        MapReader ar(diags_, a, r.what() + " rule attributes");
                        for (const auto& kv : a) {
                            std::vector<std::string>& values = rule.attributes[kv.first.Scalar()];
                            values = ar.stringList(kv.first.Scalar());
                            intern(attributeNames_, kv.first.Scalar(), kv.first, "attribute names");
                            for (const std::string& v : values) intern(attributeValues_, v, kv.second, "attribute values");
                        }
                    }
                    mr.finish();
                }
                rule.targets = rr.stringList("to");
                if (rule.targets.empty()) diags_.error(item, fmt::format("{} rule needs 'to' (targets)", r.what()));
                for (const std::string& t : rule.targets) refNodes_.emplace(r.what() + " routes to " + t, itemNamed(rr.get("to"), t));
                rr.finish();
                b.rules.push_back(std::move(rule));
            }
        }
    }
    r.finish();
    s.brokers.push_back(std::move(b));
}

// Services whose handling of every event emits another event around a loop would run forever: each
// event begets the next. Follows where an emitted type can go (queues, logs, topic subscribers, bus
// rules that match the type — emitted events carry no attributes) and reports the first loop found.
void ScenarioReader::checkEmitCycles(const Scenario& s)
{
    // Routing loops are refused before this check runs, so brokers form a graph without cycles;
    // each broker is still visited once per emit (`seen`), as the number of paths through a
    // graph of chained topics can grow exponentially with its size.
    std::set<std::string> seen;
    std::map<std::string, std::set<std::string>> next;
    for (const ServiceSpec& v : s.services)
        if (v.consumer)
            for (const EmitSpec& e : v.consumer->emits) {
                // `on` emits only for some handled types; those loops are checked type by type
                // (checkTypedEmitCycles), since a service-level loop may never close.
                if (!e.on.empty()) continue;
                seen.clear();
                reachServices(s, e.to, e.type, next[v.name], seen);
            }
    std::map<std::string, int> state; // 0 new, 1 on the path, 2 done
    std::vector<std::string> path;
    std::function<bool(const std::string&)> visit = [&](const std::string& n) {
        state[n] = 1;
        path.push_back(n);
        for (const std::string& m : next[n]) {
            if (state[m] == 1) {
                auto from = std::find(path.begin(), path.end(), m);
                std::string loop;
                for (auto it = from; it != path.end(); ++it) loop += *it + " → ";
                loop += m;
                const ServiceSpec* svc = s.findService(m);
                const std::string key = fmt::format("service '{}' emits to {}", m, svc->consumer->emits.front().to);
                auto ref = refNodes_.find(key);
                diags_.error(ref != refNodes_.end() ? ref->second.Mark() : YAML::Mark::null_mark(),
                             fmt::format("the services {} form a loop: every event handled emits another one around "
                                         "it, so the run never settles; break the loop (emit a type that a bus rule "
                                         "filters out, or send it elsewhere)", loop));
                return true;
            }
            if (state[m] == 0 && visit(m)) return true;
        }
        path.pop_back();
        state[n] = 2;
        return false;
    };
    for (const ServiceSpec& v : s.services)
        if (state[v.name] == 0 && visit(v.name)) return;
}

void ScenarioReader::checkReferences(const Scenario& s)
{
    std::vector<std::string> brokerNames, serviceNames, allNames;
    for (const BrokerSpec& b : s.brokers) brokerNames.push_back(b.name);
    for (const ServiceSpec& v : s.services) serviceNames.push_back(v.name);
    allNames = brokerNames;
    allNames.insert(allNames.end(), serviceNames.begin(), serviceNames.end());
    auto where = [&](const std::string& key) {
        auto it = refNodes_.find(key);
        return it != refNodes_.end() ? it->second.Mark() : YAML::Mark::null_mark();
    };
    auto unknown = [&](const std::string& key, const std::string& ref, const std::vector<std::string>& pool,
                       const char* kind) {
        if (ref.empty()) return; // the missing name itself is reported where it should have been
        const std::string hint = closestMatch(ref, pool);
        diags_.error(where(key), fmt::format("{}: there is no {} called '{}'{}", key, kind, ref,
                                             hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
    };
    // Copies can be pushed into a service only if it takes push deliveries (it consumes from a topic
    // or a bus); a service that pulls from a queue or a log would never read them.
    auto checkPushTarget = [&](const std::string& key, const std::string& target) {
        const ServiceSpec* svc = s.findService(target);
        if (!svc) return;
        const BrokerSpec* from = svc->consumer ? s.findBroker(svc->consumer->from) : nullptr;
        if (!svc->consumer)
            diags_.error(where(key), fmt::format("{}: service '{}' does not consume, so it cannot receive events",
                                                 key, target));
        else if (from && (from->kind == BrokerKind::Queue || from->kind == BrokerKind::Log))
            diags_.error(where(key), fmt::format("{}: service '{}' pulls from {} '{}' and would never see events "
                                                 "sent to it directly; send them to '{}' instead",
                                                 key, target,
                                                 from->kind == BrokerKind::Queue ? "queue" : "log", from->name, from->name));
    };
    for (const ServiceSpec& v : s.services) {
        const std::string what = fmt::format("service '{}'", v.name);
        if (v.producer) checkPushTarget(what + " to " + v.producer->to, v.producer->to);
        if (v.consumer)
            forEachEmit(*v.consumer, [&](const EmitSpec& e) { checkPushTarget(what + " emits to " + e.to, e.to); });
    }
    for (const BrokerSpec& b : s.brokers)
        for (const BusRule& rule : b.rules)
            for (const std::string& t : rule.targets)
                checkPushTarget(fmt::format("broker '{}' routes to {}", b.name, t), t);
    for (const std::string& n : serviceNames)
        if (brokerMarks_.count(n))
            diags_.error(serviceMarks_[n], fmt::format("'{}' names both a service and a broker; names must be unique", n));
    auto findBroker = [&](const std::string& n) -> const BrokerSpec* { return s.findBroker(n); };
    std::map<std::string, std::string> queueConsumer;
    for (const ServiceSpec& v : s.services) {
        const std::string what = fmt::format("service '{}'", v.name);
        if (v.producer && !v.producer->to.empty() && !findBroker(v.producer->to) && !s.findService(v.producer->to))
            unknown(what + " to " + v.producer->to, v.producer->to, allNames, "broker or service");
        if (v.consumer) {
            const BrokerSpec* b = findBroker(v.consumer->from);
            const std::string key = what + " consumes " + v.consumer->from;
            if (!b) {
                unknown(key, v.consumer->from, brokerNames, "broker");
            } else if (b->kind == BrokerKind::Queue) {
                auto [it, fresh] = queueConsumer.emplace(b->name, v.name);
                if (!fresh)
                    diags_.error(where(key), fmt::format("{}: queue '{}' is already consumed by '{}'; a queue has one "
                                                         "consumer group (its instances compete) — to give both a "
                                                         "copy, publish to a topic and subscribe a queue for each",
                                                         what, b->name, it->second));
            }
            forEachEmit(*v.consumer, [&](const EmitSpec& e) {
                if (!e.to.empty() && !findBroker(e.to) && !s.findService(e.to))
                    unknown(what + " emits to " + e.to, e.to, allNames, "broker or service");
            });
        }
    }
    for (const BrokerSpec& b : s.brokers) {
        const std::string what = fmt::format("broker '{}'", b.name);
        for (const std::string& t : b.subscribe) {
            const BrokerSpec* src = findBroker(t);
            if (!src) unknown(what + " subscribes to " + t, t, brokerNames, "broker");
            else if (src->kind != BrokerKind::Topic && src->kind != BrokerKind::Bus)
                diags_.error(where(what + " subscribes to " + t),
                             fmt::format("{}: can only subscribe to a topic or a bus, and '{}' is a {}", what, t,
                                         src->kind == BrokerKind::Queue ? "queue" : "log"));
        }
        for (const BusRule& rule : b.rules)
            for (const std::string& t : rule.targets)
                if (!findBroker(t) && !s.findService(t)) unknown(what + " routes to " + t, t, allNames, "broker or service");
    }
    checkFailureTargets(diags_, s, failureRefs_);
    checkCalls(diags_, s, callRefs_);
    warnUncalledServers(diags_, s, serviceMarks_);
    checkState(diags_, s, stateRefs_);
    checkSagas(diags_, s, sagaRefs_, refNodes_);
    checkOrchestrators(diags_, s, orchestratorRefs_);
}

} // namespace


Scenario loadScenarioText(const std::string& text, const std::string& sourceName, const std::vector<Override>& overrides,
                          const std::string& variant)
{
    DiagnosticSink diags(sourceName);
    const ScenarioSizeLimits limits = scenarioSizeLimits(diags);
    if (!diags.empty() || !checkTextSize(text, limits, diags)) throw diags.toError();
    if (const std::size_t bad = firstInvalidUtf8(text); bad != std::string::npos) {
        diags.error(markAt(text, bad), "the file is not valid UTF-8 text here; save it as UTF-8");
        throw diags.toError();
    }
    for (const Override& o : overrides)
        if (firstInvalidUtf8(o.path) != std::string::npos || firstInvalidUtf8(o.value) != std::string::npos)
            diags.error(YAML::Mark::null_mark(), fmt::format("--set: the override is not valid UTF-8 text"));
    // Before the tree: an empty file, or one with too many components, costs no more than a scan.
    if (!checkDocumentShape(text, limits, diags)) throw diags.toError();
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (const YAML::ParserException& e) {
        diags.error(e.mark, fmt::format("not valid YAML: {}", e.msg));
        throw diags.toError();
    }
    reportRepeatedKeys(root, diags);
    const std::vector<std::string> variants = variantNames(root, diags);
    if (!variant.empty()) applyVariant(root, variant, variants, diags);
    for (const Override& o : overrides) {
        const std::string origin = "--set " + o.path;
        YAML::Node value = overrideValue(o.value, diags, origin);
        if (value.IsDefined()) applyOverride(root, o.path, value, diags, origin, YAML::Mark::null_mark());
    }
    if (!diags.empty()) throw diags.toError();
    if (!variant.empty()) diags.setContext(fmt::format(" (variant '{}')", variant));
    ScenarioReader reader(diags, variants);
    Scenario s = reader.read(root);
    if (!diags.empty()) throw diags.toError();
    s.sourcePath = sourceName;
    s.warnings = diags.warnings();
    s.variants = variants;
    s.variant = variant;
    // A scenario is loaded as one variant: the notes false in it are not part of it.
    std::erase_if(s.notes, [&](const NoteSpec& n) { return !n.shownIn(variant); });
    return s;
}

Scenario loadScenarioFile(const std::string& path, const std::vector<Override>& overrides, const std::string& variant)
{
    DiagnosticSink diags(path);
    const ScenarioSizeLimits limits = scenarioSizeLimits(diags);
    std::string text;
    if (!diags.empty() || !readBoundedFile(path, limits, text, diags)) throw diags.toError();
    return loadScenarioText(text, path, overrides, variant);
}

const BrokerSpec* Scenario::findBroker(const std::string& name) const
{
    for (const BrokerSpec& b : brokers)
        if (b.name == name) return &b;
    return nullptr;
}

const ServiceSpec* Scenario::findService(const std::string& name) const
{
    for (const ServiceSpec& s : services)
        if (s.name == name) return &s;
    return nullptr;
}

} // namespace es

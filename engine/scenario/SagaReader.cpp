#include "scenario/SagaReader.h"

#include "scenario/Diagnostics.h"

#include <fmt/format.h>

#include <functional>
#include <set>

namespace es {

namespace {

YAML::Mark markOf(const ReferenceLog& refs, const std::string& key)
{
    auto it = refs.find(key);
    return it != refs.end() ? it->second.Mark() : YAML::Mark::null_mark();
}

} // namespace

void reachServices(const Scenario& s, const std::string& target, const std::string& type, std::set<std::string>& out,
                   std::set<std::string>& seen)
{
    if (!seen.insert(target).second) return;
    if (s.findService(target)) {
        out.insert(target);
        return;
    }
    const BrokerSpec* b = s.findBroker(target);
    if (!b) return;
    for (const ServiceSpec& v : s.services)
        if (v.consumer && v.consumer->from == b->name) out.insert(v.name);
    for (const BrokerSpec& sub : s.brokers)
        for (const std::string& t : sub.subscribe)
            if (t == b->name) reachServices(s, sub.name, type, out, seen);
    for (const BusRule& rule : b->rules) {
        const bool typeOk = rule.types.empty() || std::count(rule.types.begin(), rule.types.end(), type);
        if (typeOk && rule.attributes.empty())
            for (const std::string& t : rule.targets) reachServices(s, t, type, out, seen);
    }
}

namespace {

bool emitsFor(const EmitSpec& e, const std::string& handled)
{
    return e.on.empty() || std::count(e.on.begin(), e.on.end(), handled);
}

} // namespace

void readSagas(DiagnosticSink& diags, const YAML::Node& node, Scenario& s, ReferenceLog& refs)
{
    if (!node.IsDefined() || node.IsNull()) return;
    if (!node.IsMap()) {
        diags.error(node, "'sagas' should map saga names to {starts, completes, compensated}, e.g. "
                          "'order: {starts: OrderPlaced, completes: OrderConfirmed, compensated: OrderCancelled}'");
        return;
    }
    for (const auto& kv : node) {
        SagaSpec g;
        g.name = kv.first.Scalar();
        const std::string what = fmt::format("saga '{}'", g.name);
        MapReader r(diags, kv.second, what);
        if (!r.ok()) continue;
        g.starts = r.string("starts", true).value_or("");
        g.completes = r.string("completes", true).value_or("");
        g.compensated = r.string("compensated", true).value_or("");
        for (const char* k : {"starts", "completes", "compensated"})
            if (r.has(k)) refs.emplace(what + " " + k, r.get(k));
        r.finish();
        s.sagas.push_back(std::move(g));
    }
}

void checkSagas(DiagnosticSink& diags, const Scenario& s, const ReferenceLog& refs, const ReferenceLog& emitRefs)
{
    std::set<std::string> produced, emitted;
    for (const ServiceSpec& v : s.services) {
        if (v.producer) produced.insert(v.producer->type);
        if (v.consumer) forEachEmit(*v.consumer, [&](const EmitSpec& e) { emitted.insert(e.type); });
    }
    std::vector<std::string> all(produced.begin(), produced.end());
    all.insert(all.end(), emitted.begin(), emitted.end());
    const std::vector<std::string> roots(produced.begin(), produced.end());
    auto hint = [](const std::string& w, const std::vector<std::string>& c) {
        const std::string m = closestMatch(w, c);
        return m.empty() ? std::string() : fmt::format(" (did you mean '{}'?)", m);
    };
    const bool sync = s.style == CallStyle::Sync;
    for (const SagaSpec& g : s.sagas) {
        const std::string what = fmt::format("saga '{}'", g.name);
        if (sync) {
            diags.error(markOf(refs, what + " starts"), fmt::format("{}: sagas run in the events style; remove 'style: sync' or the saga", what));
            continue;
        }
        if (!g.starts.empty() && !produced.count(g.starts))
            diags.error(markOf(refs, what + " starts"),
                        fmt::format("{} starts with '{}', which no producer produces{}; a saga starts with a producer's event",
                                    what, g.starts, hint(g.starts, roots)));
        for (const auto& [key, type] : {std::pair{"completes", g.completes}, std::pair{"compensated", g.compensated}})
            if (!type.empty() && !emitted.count(type))
                diags.error(markOf(refs, what + " " + key),
                            fmt::format("{} {}: no service emits an event of type '{}'{}", what, key, type, hint(type, all)));
        if (!g.completes.empty() && g.completes == g.compensated)
            diags.error(markOf(refs, what + " compensated"),
                        fmt::format("{}: 'completes' and 'compensated' are both '{}'; they are the two ends a saga can reach", what, g.completes));
    }
    for (const ServiceSpec& v : s.services) {
        if (!v.consumer) continue;
        const std::string what = fmt::format("service '{}'", v.name);
        if (sync && (v.consumer->declines > 0 || !v.consumer->onRefusal.empty()))
            diags.error(markOf(emitRefs, v.consumer->declines > 0 ? what + " declines" : what + " emits to " + v.consumer->onRefusal.front().to),
                        fmt::format("{}: 'declines' and 'on_refusal' run in the events style; remove 'style: sync' or them", what));
        forEachEmit(*v.consumer, [&](const EmitSpec& e) {
            if (e.derived) return; // an orchestrator's steps are checked as steps (scenario/OrchestratorReader)
            for (const std::string& t : e.on)
                if (!produced.count(t) && !emitted.count(t))
                    diags.error(markOf(emitRefs, what + " emits on " + t),
                                fmt::format("{} emits {} on '{}': no service produces or emits that type{}", what, e.type, t, hint(t, all)));
        });
    }
}

void checkTypedEmitCycles(DiagnosticSink& diags, const Scenario& s, const ReferenceLog& emitRefs)
{
    bool typed = false;
    for (const ServiceSpec& v : s.services)
        if (v.consumer)
            for (const EmitSpec& e : v.consumer->emits) typed = typed || !e.on.empty();
    if (!typed) return; // the service-level check covers scenarios without `on`
    // Nodes are "service|type handled"; 0 new, 1 on the path, 2 done.
    // Refusals (`on_refusal`) are followed to reach what they reach, but a loop through one is not
    // certain (a decline is a chance, a retry pattern), so only loops of plain emits are refused.
    std::map<std::string, int> state;
    std::vector<std::string> path;
    std::vector<bool> conditional; // the edge into path[i] was a refusal
    std::function<bool(const std::string&, const std::string&, bool)> visit = [&](const std::string& svc, const std::string& type,
                                                                                 bool viaRefusal) {
        const std::string node = svc + "|" + type;
        if (state[node] == 1) {
            auto from = std::find(path.begin(), path.end(), node);
            bool certain = !viaRefusal;
            for (auto i = static_cast<std::size_t>(from - path.begin()) + 1; i < path.size(); ++i) certain = certain && !conditional[i];
            if (!certain) return false;
            std::string loop;
            for (auto it = from; it != path.end(); ++it) loop += it->substr(0, it->find('|')) + " (" + it->substr(it->find('|') + 1) + ") → ";
            loop += svc + " (" + type + ")";
            const ServiceSpec* v = s.findService(svc);
            const std::string to = v && v->consumer && !v->consumer->emits.empty() ? v->consumer->emits.front().to : "";
            diags.error(markOf(emitRefs, fmt::format("service '{}' emits to {}", svc, to)),
                        fmt::format("the services {} form a loop: each of these events is handled by emitting the next, "
                                    "so the run never settles; break the loop (an 'on:' that leaves one type out, or "
                                    "send it elsewhere)", loop));
            return true;
        }
        if (state[node] == 2) return false;
        state[node] = 1;
        path.push_back(node);
        conditional.push_back(viaRefusal);
        const ServiceSpec* v = s.findService(svc);
        if (v && v->consumer)
            for (const auto* list : {&v->consumer->emits, &v->consumer->onRefusal})
                for (const EmitSpec& e : *list) {
                    if (!emitsFor(e, type)) continue;
                    std::set<std::string> reached, seen;
                    reachServices(s, e.to, e.type, reached, seen);
                    for (const std::string& m : reached)
                        if (visit(m, e.type, list == &v->consumer->onRefusal)) return true;
                }
        path.pop_back();
        conditional.pop_back();
        state[node] = 2;
        return false;
    };
    for (const ServiceSpec& v : s.services) {
        if (!v.producer) continue;
        std::set<std::string> reached, seen;
        reachServices(s, v.producer->to, v.producer->type, reached, seen);
        for (const std::string& m : reached)
            if (visit(m, v.producer->type, false)) return;
    }
}

} // namespace es

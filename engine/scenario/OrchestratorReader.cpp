#include "scenario/OrchestratorReader.h"

#include "scenario/Diagnostics.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace es {

namespace {

YAML::Mark markOf(const ReferenceLog& refs, const std::string& key)
{
    auto it = refs.find(key);
    return it != refs.end() ? it->second.Mark() : YAML::Mark::null_mark();
}

std::string hint(const std::string& w, const std::vector<std::string>& candidates)
{
    const std::string m = closestMatch(w, candidates);
    return m.empty() ? std::string() : fmt::format(" (did you mean '{}'?)", m);
}

SagaStepSpec readStep(DiagnosticSink& diags, const YAML::Node& node, const std::string& what, ReferenceLog& refs)
{
    SagaStepSpec step;
    MapReader r(diags, node, what);
    if (!r.ok()) return step;
    step.command = r.string("command", true).value_or("");
    step.to = r.string("to", true).value_or("");
    step.reply = r.string("reply", true).value_or("");
    step.failures = r.stringList("failure");
    step.undo = r.string("undo").value_or("");
    step.undone = r.string("undone").value_or("");
    for (const char* k : {"to", "reply", "failure", "undo", "undone"})
        if (r.has(k)) refs.emplace(what + " " + k, r.get(k));
    refs.emplace(what, node);
    if (!step.undo.empty() && step.undone.empty())
        diags.error(node, fmt::format("{} has 'undo: {}' but no 'undone': name the reply the compensation sends back, "
                                      "e.g. 'undone: {}Done'",
                                      what, step.undo, step.undo));
    if (step.undo.empty() && !step.undone.empty())
        diags.error(r.get("undone"), fmt::format("{} has 'undone' but no 'undo': name the command that compensates "
                                                 "the step, or remove 'undone'",
                                                 what));
    r.finish();
    return step;
}

void addUnique(std::vector<std::string>& list, const std::string& t)
{
    if (!t.empty() && std::find(list.begin(), list.end(), t) == list.end()) list.push_back(t);
}

} // namespace

void readOrchestratorKeys(MapReader& r, ServiceSpec& svc, ReferenceLog& refs)
{
    YAML::Node node = r.get("orchestrates");
    if (!node.IsDefined() || node.IsNull()) return;
    const std::string what = r.what() + " orchestrates";
    refs.emplace(r.what() + " orchestrates", node);
    if (!svc.consumer) {
        r.diags().error(node, fmt::format("{}: only a consumer orchestrates a saga; add 'consumes: BROKER' (the queue "
                                          "its saga's start event and the steps' replies come to)",
                                          r.what()));
        return;
    }
    if (!svc.consumer->emits.empty())
        r.diags().error(r.get("emits"), fmt::format("{}: an orchestrator's events come from its steps; remove 'emits' "
                                                    "(each step's 'command' is what it sends)",
                                                    r.what()));
    MapReader o(r.diags(), node, what);
    if (!o.ok()) return;
    OrchestratorSpec spec;
    spec.saga = o.string("saga", true).value_or("");
    if (o.has("saga")) refs.emplace(what + " saga", o.get("saga"));
    spec.outcomeTo = o.string("outcome_to", true).value_or("");
    if (o.has("outcome_to")) refs.emplace(what + " outcome_to", o.get("outcome_to"));
    if (auto t = o.duration("timeout")) {
        if (*t <= 0)
            o.diags().error(o.get("timeout"), fmt::format("{}: 'timeout' is how long a step waits for its reply; give a "
                                                          "duration above 0, e.g. 'timeout: 2s'",
                                                          what));
        else
            spec.timeout = *t;
    }
    if (auto n = o.integer("undo_retries", 0, 1000)) spec.undoRetries = static_cast<int>(*n);
    if (auto p = o.boolean("persisted")) spec.persisted = *p;
    if (auto d = o.distribution("db_commit")) spec.dbCommit = *d;
    if (o.has("db_commit")) refs.emplace(what + " db_commit", o.get("db_commit"));
    YAML::Node steps = o.get("steps");
    if (!steps.IsDefined() || steps.IsNull()) {
        o.diags().error(node, fmt::format("{} needs 'steps': the commands it sends in order, e.g. 'steps: [{{command: "
                                          "ReserveStock, to: inventory-q, reply: StockReserved, undo: ReleaseStock, "
                                          "undone: StockReleased}}]'",
                                          what));
    } else if (!steps.IsSequence() || steps.size() == 0) {
        o.diags().error(steps, fmt::format("{}: 'steps' should be a list of at least one step, each "
                                           "{{command, to, reply, failure, undo, undone}}",
                                           what));
    } else {
        for (std::size_t i = 0; i < steps.size(); ++i)
            spec.steps.push_back(readStep(o.diags(), steps[i], fmt::format("{} step {}", what, i + 1), refs));
    }
    o.finish();
    svc.orchestrates = std::move(spec);
}

void deriveOrchestratorEmits(DiagnosticSink& diags, Scenario& s, const ReferenceLog& refs, ReferenceLog& emitRefs)
{
    std::vector<std::string> sagaNames;
    for (const SagaSpec& g : s.sagas) sagaNames.push_back(g.name);
    for (ServiceSpec& v : s.services) {
        if (!v.orchestrates || !v.consumer) continue;
        const OrchestratorSpec& o = *v.orchestrates;
        const std::string what = fmt::format("service '{}' orchestrates", v.name);
        auto saga = std::find_if(s.sagas.begin(), s.sagas.end(), [&](const SagaSpec& g) { return g.name == o.saga; });
        if (saga == s.sagas.end()) {
            if (!o.saga.empty())
                diags.error(markOf(refs, what + " saga"),
                            fmt::format("{} saga '{}', which the top-level 'sagas:' does not define{}; add it there, e.g. "
                                        "'sagas: {{{}: {{starts: OrderPlaced, completes: OrderConfirmed, compensated: "
                                        "OrderCancelled}}}}'",
                                        what, o.saga, hint(o.saga, sagaNames), o.saga));
            continue;
        }
        std::vector<EmitSpec>& emits = v.consumer->emits;
        const std::string me = fmt::format("service '{}'", v.name);
        auto add = [&](const std::string& type, const std::string& to, std::vector<std::string> on, const std::string& stepKey) {
            if (type.empty() || to.empty()) return;
            EmitSpec e;
            e.type = type;
            e.to = to;
            e.on = std::move(on);
            e.derived = true;
            if (auto it = refs.find(stepKey); it != refs.end()) emitRefs.emplace(me + " emits to " + to, it->second);
            emits.push_back(std::move(e));
        };
        const std::size_t n = o.steps.size();
        for (std::size_t i = 0; i < n; ++i) {
            const SagaStepSpec& st = o.steps[i];
            const std::string stepWhat = fmt::format("{} step {}", what, i + 1);
            add(st.command, st.to, {i == 0 ? saga->starts : o.steps[i - 1].reply}, stepWhat + " to");
            if (st.undo.empty()) continue;
            // What starts this step's compensation: a later step's failure or undone reply (a timeout of
            // this step itself has no type; its own reply stands for it so that `on` is never empty,
            // which would mean every type).
            std::vector<std::string> on;
            for (std::size_t k = i + 1; k < n; ++k) {
                for (const std::string& f : o.steps[k].failures) addUnique(on, f);
                addUnique(on, o.steps[k].undone);
            }
            if (on.empty()) on.push_back(st.reply);
            add(st.undo, st.to, on, stepWhat + " undo");
        }
        if (n == 0) continue;
        add(saga->completes, o.outcomeTo, {o.steps.back().reply}, what + " outcome_to");
        std::vector<std::string> ends;
        for (const std::string& f : o.steps.front().failures) addUnique(ends, f);
        for (const SagaStepSpec& st : o.steps) addUnique(ends, st.undone);
        if (ends.empty())
            for (const SagaStepSpec& st : o.steps)
                for (const std::string& f : st.failures) addUnique(ends, f);
        if (ends.empty()) ends.push_back(saga->starts); // only a timeout compensates, and nothing is undone
        add(saga->compensated, o.outcomeTo, ends, what + " outcome_to");
    }
}

void checkOrchestrators(DiagnosticSink& diags, const Scenario& s, const ReferenceLog& refs)
{
    std::set<std::string> emitted;
    for (const ServiceSpec& v : s.services)
        if (v.consumer)
            forEachEmit(*v.consumer, [&](const EmitSpec& e) {
                if (!e.derived) emitted.insert(e.type);
            });
    const std::vector<std::string> emittedList(emitted.begin(), emitted.end());
    for (const ServiceSpec& v : s.services) {
        if (!v.orchestrates || !v.consumer) continue;
        const OrchestratorSpec& o = *v.orchestrates;
        const std::string what = fmt::format("service '{}' orchestrates", v.name);
        if (s.style == CallStyle::Sync) {
            diags.error(markOf(refs, what), fmt::format("{}: orchestrated sagas run in the events style; remove 'style: "
                                                        "sync' or the orchestrator",
                                                        what));
            continue;
        }
        if (!o.persisted && v.consumer->instances > 1)
            diags.error(markOf(refs, what), fmt::format("service '{}' has {} instances and keeps its sagas in memory "
                                                        "('persisted: false'): each instance would know only its own "
                                                        "sagas; use 'instances: 1' or 'persisted: true'",
                                                        v.name, v.consumer->instances));
        for (std::size_t i = 0; i < o.steps.size(); ++i) {
            const SagaStepSpec& st = o.steps[i];
            const std::string stepWhat = fmt::format("{} step {}", what, i + 1);
            auto needEmitted = [&](const std::string& type, const char* key, const char* role) {
                if (type.empty() || emitted.count(type)) return;
                diags.error(markOf(refs, stepWhat + " " + key),
                            fmt::format("{} waits for '{}' ({}), which no service emits{}; the service that handles "
                                        "'{}' should reply with it, e.g. 'emits: {{type: {}, to: {}, on: {}}}'",
                                        stepWhat, type, role, hint(type, emittedList),
                                        std::string(key) == "undone" ? st.undo : st.command, type, v.consumer->from,
                                        std::string(key) == "undone" ? st.undo : st.command));
            };
            needEmitted(st.reply, "reply", "its success");
            for (const std::string& f : st.failures) needEmitted(f, "failure", "its failure");
            needEmitted(st.undone, "undone", "its compensation's reply");
            if (st.reply == st.undone || std::count(st.failures.begin(), st.failures.end(), st.reply))
                diags.error(markOf(refs, stepWhat + " reply"),
                            fmt::format("{}: the reply '{}' also says the step failed or was undone; give each outcome "
                                        "its own event type",
                                        stepWhat, st.reply));
        }
    }
}

} // namespace es

#include "scenario/StateReader.h"

#include "scenario/Diagnostics.h"

#include <fmt/format.h>

#include <set>

namespace es {

void readStateKeys(MapReader& r, ServiceSpec& svc, ReferenceLog& refs)
{
    if (YAML::Node st = r.get("state"); st.IsDefined() && !st.IsNull()) {
        refs.emplace(r.what() + " state", st);
        MapReader sr(r.diags(), st, r.what() + " state");
        if (sr.ok()) {
            svc.state.enabled = true;
            if (auto v = sr.integer("initial", -1'000'000'000'000, 1'000'000'000'000)) svc.state.initial = *v;
            if (auto d = sr.distribution("db_commit")) svc.state.dbCommit = *d;
            if (auto every = sr.duration("reconcile")) {
                if (*every <= 0)
                    sr.diags().error(sr.get("reconcile"), fmt::format("{}: 'reconcile' is how often the reconciliation job "
                                                                      "runs; give a duration above 0, e.g. 'reconcile: 10s'",
                                                                      sr.what()));
                else
                    svc.state.reconcileEvery = *every;
            }
            YAML::Node w = sr.get("writes");
            if (!w.IsDefined() || w.IsNull()) {
                sr.diags().error(st, fmt::format("{} needs 'writes': what handling each event type adds to its "
                                                 "entity, e.g. 'writes: {{OrderAccepted: -1, StockArrived: 5}}'",
                                                 sr.what()));
            } else if (!w.IsMap()) {
                sr.diags().error(w, fmt::format("{}: 'writes' should map event types to the amount their write adds, "
                                                "e.g. {{OrderAccepted: -1}}", sr.what()));
            } else {
                MapReader wr(sr.diags(), w, sr.what() + " writes");
                for (const auto& kv : w) {
                    const std::string type = kv.first.Scalar();
                    if (auto v = wr.integer(type, -1'000'000'000, 1'000'000'000)) svc.state.writes[type] = *v;
                    refs.emplace(sr.what() + " writes " + type, kv.first);
                }
                wr.finish();
            }
            sr.finish();
        }
    }
    if (auto p = r.string("projects")) {
        svc.projects = *p;
        refs.emplace(r.what() + " projects", r.get("projects"));
    }
    if (YAML::Node rd = r.get("reads"); rd.IsDefined() && !rd.IsNull()) {
        MapReader rr(r.diags(), rd, r.what() + " reads");
        if (rr.ok()) {
            svc.reads.enabled = true;
            svc.reads.from = rr.string("from", true).value_or("");
            refs.emplace(r.what() + " reads from", rr.has("from") ? rr.get("from") : rd);
            if (auto v = rr.integer("need", -1'000'000'000'000, 1'000'000'000'000)) svc.reads.need = *v;
            svc.reads.forTypes = rr.stringList("for");
            if (rr.has("for")) refs.emplace(r.what() + " reads for", rr.get("for"));
            rr.finish();
        }
    }
}

void checkState(DiagnosticSink& diags, const Scenario& s, const ReferenceLog& refs)
{
    auto where = [&](const std::string& key) {
        auto it = refs.find(key);
        return it != refs.end() ? it->second.Mark() : YAML::Mark::null_mark();
    };
    std::set<std::string> types;
    std::vector<std::string> typeList, owners, readable;
    for (const ServiceSpec& v : s.services) {
        if (v.producer) types.insert(v.producer->type);
        if (v.consumer)
            forEachEmit(*v.consumer, [&](const EmitSpec& e) { types.insert(e.type); });
        if (v.state.enabled) owners.push_back(v.name);
        if (v.state.enabled || !v.projects.empty()) readable.push_back(v.name);
    }
    typeList.assign(types.begin(), types.end());
    for (const ServiceSpec& v : s.services) {
        const std::string what = fmt::format("service '{}'", v.name);
        const bool any = v.state.enabled || !v.projects.empty() || v.reads.enabled;
        if (!any) continue;
        const std::string first = v.state.enabled ? " state" : !v.projects.empty() ? " projects" : " reads from";
        if (!v.consumer) {
            diags.error(where(what + first), fmt::format("{}: 'state', 'projects' and 'reads' belong to a service that "
                                                         "consumes (it changes or reads state while handling events); "
                                                         "add 'consumes: broker'", what));
            continue;
        }
        if (s.style == CallStyle::Sync) {
            diags.error(where(what + first), fmt::format("{}: state and read models run in the events style; remove "
                                                         "'style: sync' or the state keys", what));
            continue;
        }
        for (const auto& [type, add] : v.state.writes) {
            if (!types.count(type)) {
                const std::string hint = closestMatch(type, typeList);
                diags.error(where(what + " state writes " + type),
                            fmt::format("{} state writes: no service produces or emits an event of type '{}'{}", what, type,
                                        hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
            } else if (add == 0) {
                diags.error(where(what + " state writes " + type),
                            fmt::format("{} state writes: {} adds 0, so it writes nothing; give the amount its write "
                                        "adds (e.g. -1 for a sale)", what, type));
            }
        }
        if (!v.projects.empty()) {
            const ServiceSpec* owner = s.findService(v.projects);
            if (!owner || !owner->state.enabled) {
                const std::string hint = closestMatch(v.projects, owners);
                diags.error(where(what + " projects"),
                            fmt::format("{} projects '{}', which is not a service with 'state'{}", what, v.projects,
                                        hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
            } else if (owner->name == v.name) {
                diags.error(where(what + " projects"), fmt::format("{} projects its own state; a read model is "
                                                                   "another service that follows it", what));
            } else if (!owner->consumer || owner->consumer->emits.empty()) {
                diags.error(where(what + " projects"),
                            fmt::format("{} projects '{}', which emits no events, so no change ever reaches the read "
                                        "model; give '{}' 'emits' that reach '{}'", what, owner->name, owner->name, v.name));
            }
        }
        for (const std::string& type : v.reads.forTypes)
            if (!types.count(type)) {
                const std::string hint = closestMatch(type, typeList);
                diags.error(where(what + " reads for"),
                            fmt::format("{} reads for '{}': no service produces or emits an event of that type{}", what,
                                        type, hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
            }
        if (v.reads.enabled && !v.reads.from.empty()) {
            const ServiceSpec* from = s.findService(v.reads.from);
            if (!from || (!from->state.enabled && from->projects.empty())) {
                const std::string hint = closestMatch(v.reads.from, readable);
                diags.error(where(what + " reads from"),
                            fmt::format("{} reads from '{}', which is neither a read model ('projects') nor a service "
                                        "with 'state'{}", what, v.reads.from,
                                        hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
            }
        }
    }
}

} // namespace es

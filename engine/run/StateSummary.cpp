#include "run/StateSummary.h"

#include "model/World.h"
#include "model/services/ConsumerService.h"
#include "model/state/Reconciler.h"

#include <algorithm>

namespace es {

void summarizeState(const World& w, RunSummary& s)
{
    const Scenario& sc = w.scenario();
    const SimTime now = w.sim().now();
    for (const auto& c : w.consumers()) {
        ServiceState* st = c->state();
        if (!st) continue;
        const std::string& name = c->componentName();
        const ServiceSpec* spec = sc.findService(name);
        if (const EntityStore* e = st->store()) {
            StateSummary ss;
            ss.service = name;
            ss.initial = e->initial();
            ss.entities = e->entities();
            ss.writes = e->writes();
            ss.oversold = e->oversold();
            ss.filledLate = e->filledLate();
            ss.owed = e->owed();
            ss.repaired = e->repaired();
            if (const Reconciler* r = w.reconciler(name)) {
                ss.reconcileEvery = toSeconds(r->every());
                ss.reconcileRuns = r->runs();
                ss.repairDelay = summarizeLatency(r->delays());
            }
            e->forEach([&ss](std::uint64_t, const EntityStore::Entity& en) { ss.valueTotal += en.value; });
            s.states.push_back(ss);
        }
        if (ReadModel* m = st->readModel()) {
            ReadModelSummary r;
            r.service = name;
            r.of = spec ? spec->projects : "";
            r.window = summarizeLatency(m->window());
            r.histogram = histogramOf(m->window());
            r.writes = m->writesSeen();
            r.reflected = m->reflected();
            r.behind = m->behind();
            r.staleness = m->stalenessSeconds(now);
            r.maxStaleness = std::max(r.window.max, r.staleness);
            s.readModels.push_back(std::move(r));
        }
        if (st->reads().enabled) {
            DecisionSummary d;
            d.service = name;
            d.from = st->reads().from;
            const ConsumerService* from = w.consumer(d.from);
            d.fromReadModel = from && from->state() && from->state()->readModel();
            d.need = st->reads().need;
            const DecisionCounts& n = st->decisions();
            d.reads = n.reads;
            d.accepted = n.accepted;
            d.refused = n.refused;
            d.acceptedWithout = n.acceptedWithout;
            d.refusedWith = n.refusedWith;
            d.ownReads = n.ownReads;
            d.ownMisses = n.ownMisses;
            s.decisions.push_back(d);
        }
    }
}

} // namespace es

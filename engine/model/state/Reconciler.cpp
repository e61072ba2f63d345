#include "model/state/Reconciler.h"

#include "model/World.h"
#include "model/state/EntityStore.h"

namespace es {

Reconciler::Reconciler(World& world, const std::string& service, EntityStore& store, SimTime every)
    : Component(world.sim(), service + ".reconcile"), store_(store), every_(every)
{
}

void Reconciler::start() { sim_.scheduleIn(every_, *this, 0); }

void Reconciler::handle(const Event&)
{
    ++runs_;
    for (SimTime d : store_.repairOversold(sim_.now()).delays) delays_.record(d);
    sim_.scheduleIn(every_, *this, 0);
}

} // namespace es

#pragma once
// A write model's reconciliation job (`state: {reconcile: 10s}`): every period it finds the oversold
// orders still owed (entities below zero) and repairs them, cancelling and refunding each
// (EntityStore::repairOversold), and records how long each anomaly lasted until it was repaired.
// A component of its own, made only when a scenario asks for one, so no other run's events change.
#include "kernel/Simulation.h"
#include "metrics/LatencyHistogram.h"

namespace es {

class EntityStore;
class World;

class Reconciler final : public Component {
public:
    Reconciler(World& world, const std::string& service, EntityStore& store, SimTime every);
    void start();
    void handle(const Event& ev) override;

    SimTime every() const { return every_; }
    std::uint64_t runs() const { return runs_; }
    const LatencyHistogram& delays() const { return delays_; } // oversell -> repair, per repaired order

private:
    EntityStore& store_;
    SimTime every_;
    std::uint64_t runs_ = 0;
    LatencyHistogram delays_;
};

} // namespace es

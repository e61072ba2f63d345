#pragma once
// Which closed-form model, if any, describes a scenario exactly: one Poisson producer at a constant
// rate into one queue, read by one consumer service with c = instances × concurrency workers,
// exponential service times (M/M/1, M/M/c), a constant one with one worker (M/D/1) or any other
// with a finite second moment and one worker (M/G/1: uniform, lognormal, Pareto with shape > 2,
// empirical; not the truncated normal), no errors, no
// follow-up events, no failures, a stable load. Then the mean time from an event's creation to its
// effect is W = Wq + mean service time, which the window draws beside the simulated mean.
#include "scenario/Scenario.h"

#include <optional>
#include <string>

namespace es {

struct TheoryReference {
    std::string model;    // "M/M/1", "M/M/4", "M/D/1", "M/G/1"
    std::string group;    // the consumer service (its series are "<group>.…")
    double lambda = 0, mu = 0;
    int servers = 1;
    double meanWait = 0;    // Wq, seconds (+infinity when unstable)
    double meanSojourn = 0; // W = Wq + 1/μ, seconds (+infinity when unstable)
    double utilisation = 0; // offered load per worker, ρ = λ / (c μ); the queue is stable below 1
    bool exponential = false; // M/M/c: the sojourn's percentiles have a closed form (QueueTheory.h)
};

// The reference when the scenario has the shape and a stable load (ρ < 1), else nullopt.
std::optional<TheoryReference> theoryFor(const Scenario& sc);
// The same model whatever the load: an unstable one (ρ ≥ 1) has infinite waits. A sweep uses it to
// find where the load tips over.
std::optional<TheoryReference> queueModelFor(const Scenario& sc);

} // namespace es

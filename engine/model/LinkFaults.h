#pragma once
// Faults on the network link into a broker: a share of the copies is lost, arrives twice, or
// arrives late (and so out of order). Brokers ask for a verdict per arriving copy, only while a
// fault is active, from their own random stream (so faults never shift other components' draws).
#include "random/Distribution.h"
#include "random/RandomStream.h"
#include "scenario/Scenario.h"

namespace es {

class LinkFaults {
public:
    enum class Verdict { Pass, Drop, Duplicate, Delay };

    explicit LinkFaults(RandomStream rng) : rng_(rng) {}

    void set(FailureKind kind, double share, const Distribution& delay)
    {
        if (kind == FailureKind::Drop) drop_ = share;
        if (kind == FailureKind::Duplicate) duplicate_ = share;
        if (kind == FailureKind::Delay) {
            delayShare_ = share;
            delay_ = delay;
        }
    }
    double share(FailureKind kind) const
    {
        return kind == FailureKind::Drop ? drop_ : kind == FailureKind::Duplicate ? duplicate_ : delayShare_;
    }
    bool active() const { return drop_ > 0 || duplicate_ > 0 || delayShare_ > 0; }

    // One uniform draw decides among the faults, so their shares add up as stated.
    Verdict judge(SimTime& delayOut)
    {
        const double u = rng_.uniform01();
        if (u < drop_) return Verdict::Drop;
        if (u < drop_ + duplicate_) return Verdict::Duplicate;
        if (u < drop_ + duplicate_ + delayShare_) {
            delayOut = delay_.sampleTime(rng_);
            return Verdict::Delay;
        }
        return Verdict::Pass;
    }

private:
    RandomStream rng_;
    double drop_ = 0, duplicate_ = 0, delayShare_ = 0;
    Distribution delay_;
};

} // namespace es

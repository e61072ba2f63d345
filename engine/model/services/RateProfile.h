#pragma once
// An arrival rate that changes over time by steps and linear ramps, and the time change that turns
// unit-rate gaps into arrival times: the next arrival after t is the s with Λ(s) − Λ(t) = gap, where
// Λ is the integral of the rate. With exponential(1) gaps this is an exact non-homogeneous Poisson
// process; with gaps of exactly 1 it is a constant-rate (deterministic) process. No thinning, so no
// wasted draws and no bound on the rate to guess.
#include "kernel/SimTime.h"
#include "scenario/Scenario.h"

#include <vector>

namespace es {

class RateProfile {
public:
    RateProfile() = default;
    RateProfile(double initialRate, const std::vector<RateChange>& changes);

    double rateAt(double t) const;
    // The rate when it never changes (one flat piece), else a negative number.
    double constantRate() const { return segments_.size() == 1 && segments_[0].slope == 0 ? segments_[0].rate0 : -1; }
    // The time (seconds) at which `mass` more expected arrivals have accumulated after `from`;
    // +infinity if the rate stays 0 forever.
    double advance(double from, double mass) const;

private:
    struct Segment {
        double start;     // seconds
        double rate0;     // rate at start
        double slope;     // rate change per second (0 for a flat piece)
    };
    std::vector<Segment> segments_; // sorted, the last one extends to infinity (and is flat)
};

} // namespace es

#pragma once
// Distributions of durations (service times, delays, inter-arrival gaps), in seconds.
// A small value type with a kind switch: sampling is on the hot path, so no virtual call and no
// allocation per draw (the empirical table is built once, at load time).
#include "kernel/SimTime.h"
#include "random/RandomStream.h"

#include <string>
#include <utility>
#include <vector>

namespace es {

class Distribution {
public:
    enum class Kind { Constant, Uniform, Exponential, Normal, LogNormal, Pareto, Empirical };

    Distribution() = default; // constant 0
    static Distribution constant(double value);
    static Distribution uniform(double lo, double hi);
    static Distribution exponential(double mean);
    // Normal(mean, sd), truncated at 0 by rejection (redrawn until >= 0), so the shape above 0 is kept.
    static Distribution normal(double mean, double sd);
    // Lognormal described the way people measure latency: its median and its 99th percentile.
    // mu = ln(median), sigma = (ln(p99) - mu) / z(0.99). Requires 0 < median <= p99.
    static Distribution lognormalMedianP99(double median, double p99);
    // Pareto type I: minimum `scale` (> 0) and tail index `shape` (> 0).
    static Distribution pareto(double scale, double shape);
    // Empirical inverse CDF from (cumulative probability, value) points, linear between points.
    // Points must be sorted by probability, start at p = 0, end at p = 1, with non-decreasing values.
    static Distribution empirical(std::vector<std::pair<double, double>> quantilePoints);

    Kind kind() const { return kind_; }
    double sample(RandomStream& rng) const;
    SimTime sampleTime(RandomStream& rng) const { return fromSeconds(sample(rng)); }
    // Analytic mean (for the truncated normal, the mean of the truncated distribution; for Pareto
    // with shape <= 1, +infinity).
    double mean() const;
    // Analytic second moment E[X²] (Pollaczek–Khinchine's M/G/1 wait needs it): +infinity for Pareto
    // with shape <= 2; NaN for the truncated normal, which has no simple closed form here.
    double secondMoment() const;
    // Analytic quantile (inverse CDF) for q in (0, 1); used in tests and in the summary.
    double quantile(double q) const;
    // The same distribution with every value multiplied by `factor` (slowdowns).
    Distribution scaled(double factor) const;
    std::string describe() const;

private:
    Kind kind_ = Kind::Constant;
    double p1_ = 0;
    double p2_ = 0;
    std::vector<std::pair<double, double>> table_;
};

// Standard normal quantile (Acklam's rational approximation refined by one Halley step); |error| < 1e-9.
double normalQuantile(double p);

} // namespace es

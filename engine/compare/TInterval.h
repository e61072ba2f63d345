#pragma once
// Confidence intervals over replications: mean ± t(1 − α/2, n − 1) · s / √n, with the t quantile
// from Boost.Math (never a hand-typed table).
#include <cstddef>
#include <vector>

namespace es {

struct Interval {
    std::size_t n = 0;
    double mean = 0;
    double stddev = 0;    // sample standard deviation (n − 1 in the denominator); NaN when n < 2
    double halfWidth = 0; // NaN when n < 2 (no spread can be estimated from one value)
    double low() const { return mean - halfWidth; }
    double high() const { return mean + halfWidth; }
};

// The quantile of Student's t distribution with `dof` degrees of freedom at probability `p`.
double studentTQuantile(double p, double dof);

// The two-sided interval of level `confidence` (0.95: the 95% interval). An empty sample gives
// n = 0 and NaN everywhere.
Interval tInterval(const std::vector<double>& sample, double confidence = 0.95);

} // namespace es

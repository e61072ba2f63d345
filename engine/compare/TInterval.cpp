#include "compare/TInterval.h"

#include <boost/math/distributions/students_t.hpp>

#include <cmath>
#include <limits>

namespace es {

double studentTQuantile(double p, double dof)
{
    const boost::math::students_t dist(dof);
    return boost::math::quantile(dist, p);
}

Interval tInterval(const std::vector<double>& sample, double confidence)
{
    constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    Interval r;
    r.n = sample.size();
    if (r.n == 0) {
        r.mean = r.stddev = r.halfWidth = kNaN;
        return r;
    }
    // Two passes (mean, then squared deviations): exact for the identical values of paired
    // base-minus-base differences, where a one-pass sum of squares could leave a tiny residue.
    double sum = 0;
    for (double v : sample) sum += v;
    r.mean = sum / static_cast<double>(r.n);
    if (r.n < 2) {
        r.stddev = r.halfWidth = kNaN;
        return r;
    }
    double ss = 0;
    for (double v : sample) ss += (v - r.mean) * (v - r.mean);
    r.stddev = std::sqrt(ss / static_cast<double>(r.n - 1));
    const double t = studentTQuantile(1 - (1 - confidence) / 2, static_cast<double>(r.n - 1));
    r.halfWidth = t * r.stddev / std::sqrt(static_cast<double>(r.n));
    return r;
}

} // namespace es

#include "metrics/LatencyWindow.h"

#include <algorithm>
#include <cmath>

namespace es {

std::vector<double> LatencyWindow::next(const LatencyHistogram& current, const std::vector<double>& qs)
{
    std::vector<double> out(qs.size(), 0.0);
    const std::uint64_t n = current.count() - previous_.count();
    if (n > 0) {
        // Rank of each quantile, as LatencyHistogram::quantileSeconds counts it (ceil(q * n), at least 1).
        std::vector<std::uint64_t> rank(qs.size());
        for (std::size_t i = 0; i < qs.size(); ++i)
            rank[i] = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::ceil(qs[i] * static_cast<double>(n))));
        std::uint64_t seen = 0;
        std::size_t done = 0;
        std::vector<bool> found(qs.size(), false);
        for (int b = 0; b < LatencyHistogram::kBucketCount && done < qs.size(); ++b) {
            const std::uint64_t c = current.bucketCount(b) - previous_.bucketCount(b);
            if (c == 0) continue;
            seen += c;
            const double mid = 0.5 * (static_cast<double>(LatencyHistogram::bucketLow(b)) +
                                      static_cast<double>(LatencyHistogram::bucketHigh(b)));
            for (std::size_t i = 0; i < qs.size(); ++i)
                if (!found[i] && seen >= rank[i]) out[i] = mid * 1e-9, found[i] = true, ++done;
        }
        // Clamped like the cumulative quantiles: never beyond the run's extremes.
        for (double& v : out) v = std::clamp(v, current.minSeconds(), current.maxSeconds());
    }
    previous_ = current;
    return out;
}

} // namespace es

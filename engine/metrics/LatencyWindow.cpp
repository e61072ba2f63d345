#include "metrics/LatencyWindow.h"

#include <algorithm>
#include <cmath>

namespace es {

std::vector<double> LatencyWindow::next(const LatencyHistogram& current, const std::vector<double>& qs)
{
    constexpr int kSub = LatencyHistogram::kSubCount;
    std::vector<double> out(qs.size(), 0.0);
    const std::uint64_t n = current.count() - previousCount_;
    if (n == 0) return out;

    // Rank of each quantile, as LatencyHistogram::quantileSeconds counts it (ceil(q * n), at least 1).
    std::vector<std::uint64_t> rank(qs.size());
    for (std::size_t i = 0; i < qs.size(); ++i)
        rank[i] = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::ceil(qs[i] * static_cast<double>(n))));
    std::vector<bool> found(qs.size(), false);
    std::uint64_t seen = 0;
    for (int m = 0; m < LatencyHistogram::kMajorCount; ++m) {
        const std::uint64_t inMajor = current.majorCount(m) - previousMajors_[static_cast<std::size_t>(m)];
        if (inMajor == 0) continue;
        bool wanted = false;
        for (std::size_t i = 0; i < qs.size(); ++i) wanted = wanted || (!found[i] && rank[i] <= seen + inMajor);
        std::uint16_t& blk = block_[static_cast<std::size_t>(m)];
        if (blk == kNoBlock) {
            blk = static_cast<std::uint16_t>(previousBuckets_.size() / kSub);
            previousBuckets_.resize(previousBuckets_.size() + kSub, 0);
        }
        std::uint64_t* previous = previousBuckets_.data() + static_cast<std::size_t>(blk) * kSub;
        for (int b = m * kSub; b < (m + 1) * kSub; ++b) {
            std::uint64_t& before = previous[b - m * kSub];
            const std::uint64_t c = current.bucketCount(b) - before;
            before = current.bucketCount(b); // the next window starts from here
            if (c == 0 || !wanted) continue;
            seen += c;
            const double mid = 0.5 * (static_cast<double>(LatencyHistogram::bucketLow(b)) +
                                      static_cast<double>(LatencyHistogram::bucketHigh(b)));
            for (std::size_t i = 0; i < qs.size(); ++i)
                if (!found[i] && seen >= rank[i]) out[i] = mid * 1e-9, found[i] = true;
        }
        if (!wanted) seen += inMajor;
        previousMajors_[static_cast<std::size_t>(m)] = current.majorCount(m);
    }
    // Clamped like the cumulative quantiles: never beyond the run's extremes.
    for (double& v : out) v = std::clamp(v, current.minSeconds(), current.maxSeconds());
    previousCount_ = current.count();
    return out;
}

} // namespace es

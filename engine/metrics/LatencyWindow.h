#pragma once
// Latency quantiles per sampling window, from a cumulative LatencyHistogram: it keeps the counts at
// the previous window's end, and a window's quantile is read off the difference. So the consumer's
// hot path records into one histogram only. A window looks at the 57 per-power-of-two counts first
// and then only at the buckets of the powers of two that changed: copying all 7,296 buckets at every
// sample was 78% of the instructions of a long M/M/1 run (one sample per simulated second).
#include "metrics/LatencyHistogram.h"

#include <array>
#include <vector>

namespace es {

class LatencyWindow {
public:
    // The q-quantiles (seconds, each in [0,1]) of the values recorded into `current` since the last
    // call, then starts a new window. Every quantile is 0 when nothing was recorded in the window.
    std::vector<double> next(const LatencyHistogram& current, const std::vector<double>& qs);

private:
    std::uint64_t previousCount_ = 0;
    std::array<std::uint64_t, LatencyHistogram::kMajorCount> previousMajors_{};
    std::vector<std::uint64_t> previousBuckets_; // kBucketCount, sized at the first window with values
};

} // namespace es

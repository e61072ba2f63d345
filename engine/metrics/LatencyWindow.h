#pragma once
// Latency quantiles per sampling window, from a cumulative LatencyHistogram: it keeps a copy of the
// counts at the previous window's end, and a window's quantile is read off the difference. So the
// consumer's hot path records into one histogram only, and a window costs one pass over the buckets.
#include "metrics/LatencyHistogram.h"

#include <vector>

namespace es {

class LatencyWindow {
public:
    // The q-quantiles (seconds, each in [0,1]) of the values recorded into `current` since the last
    // call, then starts a new window. Every quantile is 0 when nothing was recorded in the window.
    std::vector<double> next(const LatencyHistogram& current, const std::vector<double>& qs);

private:
    LatencyHistogram previous_;
};

} // namespace es

#pragma once
// A compact, plain-data copy of a LatencyHistogram for the window and for drawing: only the buckets
// that hold values, with the count, exact mean, min and max. It is what a snapshot carries per
// consumer group (a few hundred pairs instead of the histogram's 7,296 counters), and its quantiles
// follow the very rule of LatencyHistogram::quantileSeconds, so a chart drawn from it shows the same
// p50/p95/p99 as the run's summary.
#include "metrics/LatencyHistogram.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace es {

struct LatencyDistribution {
    std::string name;                 // the consumer group
    std::uint64_t count = 0;
    double meanSeconds = 0;
    std::uint64_t minNs = 0, maxNs = 0;
    // (bucket index, values in it), ascending by bucket, no zero counts.
    std::vector<std::pair<int, std::uint64_t>> buckets;

    // Replaces the contents with `h`'s (reusing the bucket vector's memory).
    void assign(const std::string& group, const LatencyHistogram& h);
    // As LatencyHistogram::quantileSeconds: the midpoint of the bucket holding the ceil(q*count)-th
    // value, clamped to [min, max]; 0 when empty.
    double quantileSeconds(double q) const;

    struct CdfPoint {
        double seconds = 0; // upper end of a bucket (clamped to the maximum)
        double share = 0;   // share of the values at or below it, 0..1
    };
    // The cumulative distribution, one point per non-empty bucket, starting at (lowest value, 0).
    std::vector<CdfPoint> cdf() const;
};

} // namespace es

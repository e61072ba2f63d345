#include "metrics/LatencyDistribution.h"

#include <algorithm>
#include <cmath>

namespace es {

namespace {
inline double nsToSeconds(long double ns) { return static_cast<double>(ns) * 1e-9; } // as LatencyHistogram
} // namespace

void LatencyDistribution::assign(const std::string& group, const LatencyHistogram& h)
{
    if (name != group) name = group;
    count = h.count();
    meanSeconds = h.meanSeconds();
    buckets.clear();
    if (count == 0) {
        minNs = maxNs = 0;
        return;
    }
    minNs = h.minValue();
    maxNs = h.maxValue();
    for (int b = LatencyHistogram::bucketOf(minNs), last = LatencyHistogram::bucketOf(maxNs); b <= last; ++b)
        if (const std::uint64_t n = h.bucketCount(b)) buckets.emplace_back(b, n);
}

double LatencyDistribution::quantileSeconds(double q) const
{
    if (count == 0) return 0.0;
    if (!(q > 0.0)) return nsToSeconds(static_cast<long double>(minNs));
    if (q >= 1.0) return nsToSeconds(static_cast<long double>(maxNs));
    const long double exactRank = std::ceil(static_cast<long double>(q) * static_cast<long double>(count));
    std::uint64_t rank = exactRank < 1.0L ? 1 : static_cast<std::uint64_t>(exactRank);
    rank = std::min(rank, count);
    std::uint64_t seen = 0;
    int bucket = buckets.empty() ? LatencyHistogram::kBucketCount - 1 : buckets.back().first;
    for (const auto& [b, n] : buckets) {
        seen += n;
        if (seen >= rank) {
            bucket = b;
            break;
        }
    }
    const std::uint64_t low = LatencyHistogram::bucketLow(bucket);
    const std::uint64_t high = LatencyHistogram::bucketHigh(bucket);
    long double mid = static_cast<long double>(low) + static_cast<long double>(high - low) / 2.0L;
    mid = std::clamp(mid, static_cast<long double>(minNs), static_cast<long double>(maxNs));
    return nsToSeconds(mid);
}

std::vector<LatencyDistribution::CdfPoint> LatencyDistribution::cdf() const
{
    std::vector<CdfPoint> out;
    if (count == 0) return out;
    out.reserve(buckets.size() + 1);
    out.push_back({nsToSeconds(static_cast<long double>(minNs)), 0.0});
    std::uint64_t seen = 0;
    for (const auto& [b, n] : buckets) {
        seen += n;
        const std::uint64_t high = std::min(LatencyHistogram::bucketHigh(b), maxNs);
        out.push_back({nsToSeconds(static_cast<long double>(high)), static_cast<double>(seen) / static_cast<double>(count)});
    }
    return out;
}

} // namespace es

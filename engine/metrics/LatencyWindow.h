#pragma once
// Latency quantiles per sampling window, from a cumulative LatencyHistogram: it keeps the counts at
// the previous window's end, and a window's quantile is read off the difference. So the consumer's
// hot path records into one histogram only. A window looks at the 57 per-power-of-two counts first
// and then only at the buckets of the powers of two that changed: copying all 7,296 buckets at every
// sample was 78% of the instructions of a long M/M/1 run (one sample per simulated second).
// The counts at the previous window's end are kept only for the powers of two that ever had values
// (128 buckets each, allocated when first needed): a copy of all 7,296 buckets was 57 KB per window,
// two windows per pipeline, so 117 MB of a model of 1,000 pipelines (bench-growth services-1000).
// Within a power of two that changed, only its groups of 16 buckets that changed are read and copied
// (the histogram counts each group), and only between the powers of two of the run's minimum and
// maximum: reading and copying all 128 buckets of every changed power of two, and testing all 57,
// was 18% of the M/M/1 benchmark's instructions (eventscape-bench-mm1, one sample a second).
#include "metrics/LatencyHistogram.h"

#include <array>
#include <span>
#include <vector>

namespace es {

// p50, p95 and p99: the quantiles of every latency series the samplers write.
inline constexpr std::array<double, 3> kWindowPercentiles{0.50, 0.95, 0.99};

class LatencyWindow {
public:
    // The q-quantiles (seconds, each in [0,1]) of the values recorded into `current` since the last
    // call, then starts a new window. Every quantile is 0 when nothing was recorded in the window.
    std::vector<double> next(const LatencyHistogram& current, const std::vector<double>& qs);
    // The same into `out` (out.size() == qs.size()), allocating nothing for up to kInlineQuantiles
    // quantiles: the sampler's per-sample path.
    void next(const LatencyHistogram& current, std::span<const double> qs, std::span<double> out);
    static constexpr std::size_t kInlineQuantiles = 8;

private:
    std::uint64_t previousCount_ = 0;
    std::array<std::uint64_t, LatencyHistogram::kMajorCount> previousMajors_{};
    static constexpr std::uint16_t kNoBlock = UINT16_MAX;
    // Per power of two: where its kSubCount previous counts start in previousBuckets_ (in blocks), or
    // kNoBlock while it has had no value (its previous counts are then all 0).
    std::array<std::uint16_t, LatencyHistogram::kMajorCount> block_ = filledBlocks();
    std::vector<std::uint64_t> previousBuckets_;
    std::vector<std::uint64_t> previousGroups_; // kGroupsPerMajor per block, as previousBuckets_
    static std::array<std::uint16_t, LatencyHistogram::kMajorCount> filledBlocks()
    {
        std::array<std::uint16_t, LatencyHistogram::kMajorCount> a{};
        a.fill(kNoBlock);
        return a;
    }
};

} // namespace es

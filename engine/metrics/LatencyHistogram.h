#pragma once
// A log-linear histogram of durations (HdrHistogram-style): values are bucketed by their power of two
// and then linearly into 2^kSubBits sub-buckets, so any quantile is within 1/2^kSubBits (about 0.8%)
// relative error, recording is O(1), and two histograms merge by adding counts (for seeds run in
// parallel). Mean, min and max are exact.
// The buckets of a power of two are allocated at its first value (about 1 KB each): durations of one
// kind span a few powers of two, and a histogram with all 57 inline was 57 KB, two per pipeline,
// 117 MB of a model of 1,000 pipelines and the cache misses that made it 9x slower per event than one
// (docs/performance.md). So recording allocates at most 57 times in a histogram's life, never after.
#include "kernel/SimTime.h"

#include <array>
#include <cstdint>
#include <vector>

namespace es {

class LatencyHistogram {
public:
    static constexpr int kSubBits = 7;                       // 128 linear sub-buckets per power of two
    static constexpr int kSubCount = 1 << kSubBits;
    static constexpr int kMajorCount = 64 - kSubBits;        // covers the whole non-negative int64 range
    static constexpr int kBucketCount = kMajorCount * kSubCount;
    // Buckets also count in groups of 16 (8 per power of two), so that a window finds the few groups
    // that changed instead of reading all 128 buckets of a power of two (metrics/LatencyWindow.h).
    static constexpr int kGroupBits = 4;
    static constexpr int kGroupSize = 1 << kGroupBits;
    static constexpr int kGroupsPerMajor = kSubCount / kGroupSize;
    static constexpr int kGroupCount = kBucketCount / kGroupSize;

    void record(SimTime value);         // negative values are clamped to 0
    void merge(const LatencyHistogram& other);
    void reset();

    std::uint64_t count() const { return count_; }
    double meanSeconds() const;         // exact (from the running sum)
    double minSeconds() const;          // 0 when empty
    double maxSeconds() const;          // 0 when empty
    std::uint64_t minValue() const { return count_ ? min_ : 0; } // exact, in the recorded unit (ns)
    std::uint64_t maxValue() const { return max_; }
    // The q-quantile (q in [0,1]) in seconds: the midpoint of the bucket holding the ceil(q*count)-th
    // value, clamped to [min, max]. 0 when empty.
    double quantileSeconds(double q) const;

    // Values recorded in one bucket (LatencyWindow diffs two histograms with it).
    std::uint64_t bucketCount(int bucket) const { return majorBuckets(bucket >> kSubBits)[bucket & (kSubCount - 1)]; }
    // Values recorded in one power of two (buckets major * kSubCount ... + kSubCount - 1): a window
    // finds what changed in 57 of these instead of 7,296 buckets.
    std::uint64_t majorCount(int major) const { return majors_[static_cast<std::size_t>(major)]; }
    // Values recorded in one group of kGroupSize buckets (group g holds buckets g * kGroupSize ...).
    std::uint64_t groupCount(int group) const { return majorGroups(group / kGroupsPerMajor)[group % kGroupsPerMajor]; }
    // The kSubCount bucket counts of one power of two, contiguous (LatencyWindow copies them in blocks),
    // and its kGroupsPerMajor group counts; all zeros for a power of two that never had a value.
    const std::uint64_t* majorBuckets(int major) const
    {
        const std::uint32_t at = offset_[static_cast<std::size_t>(major)];
        return at == kNoBlock ? kZeroBlock.data() : blocks_.data() + at;
    }
    const std::uint64_t* majorGroups(int major) const { return majorBuckets(major) + kSubCount; }

    static int bucketOf(std::uint64_t v);
    static std::uint64_t bucketLow(int bucket);   // smallest value in the bucket
    static std::uint64_t bucketHigh(int bucket);  // largest value in the bucket

private:
    // A block: the kSubCount bucket counts of one power of two, then its kGroupsPerMajor group counts.
    static constexpr std::size_t kBlockSize = kSubCount + kGroupsPerMajor;
    static constexpr std::uint32_t kNoBlock = UINT32_MAX;
    static const std::array<std::uint64_t, kBlockSize> kZeroBlock;
    std::uint32_t addBlock(int major);
    void recordInNewBlock(SimTime value); // out of line: record() stays small
    static std::array<std::uint32_t, kMajorCount> noBlocks();

    // Per power of two: where its block starts in blocks_, or kNoBlock.
    std::array<std::uint32_t, kMajorCount> offset_ = noBlocks();
    std::vector<std::uint64_t> blocks_;
    std::array<std::uint64_t, kMajorCount> majors_{};
    std::uint64_t count_ = 0;
    long double sum_ = 0;
    std::uint64_t min_ = UINT64_MAX;
    std::uint64_t max_ = 0;
};

} // namespace es

#include "metrics/LatencyHistogram.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

namespace es {

// Bucket layout (kSubBits = 7, kSubCount = 128):
//   * values 0 .. 255 are exact: bucket == value (major 0 holds 0..127, major 1 holds 128..255,
//     both with width 1);
//   * a value v >= 128 with its highest set bit at position p (p = bit_width(v) - 1) has
//     major = p - kSubBits + 1 and sub = the kSubBits bits just below the leading one; the bucket
//     index is major * kSubCount + sub and the bucket's width is 2^(major - 1).
// With s = max(0, bit_width(v) - kSubBits - 1) (the number of low bits dropped), (v >> s) is in
// [128, 256) for v >= 128 (i.e. kSubCount + sub) and equals v below that, so the bucket index is
// simply (v >> s) + s * kSubCount: no branch besides the max(), which compiles to a cmov.
// The largest non-negative int64 (2^63 - 1) lands in the very last bucket, kBucketCount - 1.

namespace {

constexpr std::uint64_t kMaxValue = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());

// The number of low bits a bucket drops (log2 of its width).
constexpr int shiftOfBucket(int bucket)
{
    return std::max(0, bucket / LatencyHistogram::kSubCount - 1);
}

// Same rounding as toSeconds() in SimTime.h: to double first, then scale.
inline double nsToSeconds(long double ns) { return static_cast<double>(ns) * 1e-9; }

} // namespace

int LatencyHistogram::bucketOf(std::uint64_t v)
{
    // Values outside the int64 range cannot come from record(); saturate so the index stays valid.
    v = std::min(v, kMaxValue);
    const int s = std::max(0, static_cast<int>(std::bit_width(v)) - kSubBits - 1);
    return static_cast<int>(v >> s) + (s << kSubBits);
}

std::uint64_t LatencyHistogram::bucketLow(int bucket)
{
    bucket = std::clamp(bucket, 0, kBucketCount - 1);
    const int s = shiftOfBucket(bucket);
    return static_cast<std::uint64_t>(bucket - (s << kSubBits)) << s;
}

std::uint64_t LatencyHistogram::bucketHigh(int bucket)
{
    bucket = std::clamp(bucket, 0, kBucketCount - 1);
    const int s = shiftOfBucket(bucket);
    // low + 2^s - 1; for the last bucket this is exactly 2^63 - 1, no overflow.
    return bucketLow(bucket) + ((std::uint64_t{1} << s) - 1);
}

void LatencyHistogram::record(SimTime value)
{
    const std::uint64_t v = static_cast<std::uint64_t>(std::max<SimTime>(value, 0));
    const int b = bucketOf(v);
    ++counts_[static_cast<std::size_t>(b)];
    ++majors_[static_cast<std::size_t>(b >> kSubBits)];
    ++groups_[static_cast<std::size_t>(b >> kGroupBits)];
    ++count_;
    sum_ += static_cast<long double>(v);
    min_ = std::min(min_, v);
    max_ = std::max(max_, v);
}

void LatencyHistogram::merge(const LatencyHistogram& other)
{
    if (other.count_ == 0) return;
    for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
    for (std::size_t i = 0; i < majors_.size(); ++i) majors_[i] += other.majors_[i];
    for (std::size_t i = 0; i < groups_.size(); ++i) groups_[i] += other.groups_[i];
    count_ += other.count_;
    sum_ += other.sum_;
    min_ = std::min(min_, other.min_);
    max_ = std::max(max_, other.max_);
}

void LatencyHistogram::reset()
{
    counts_.fill(0);
    majors_.fill(0);
    groups_.fill(0);
    count_ = 0;
    sum_ = 0;
    min_ = UINT64_MAX;
    max_ = 0;
}

double LatencyHistogram::meanSeconds() const
{
    if (count_ == 0) return 0.0;
    return nsToSeconds(sum_ / static_cast<long double>(count_));
}

double LatencyHistogram::minSeconds() const
{
    return count_ == 0 ? 0.0 : nsToSeconds(static_cast<long double>(min_));
}

double LatencyHistogram::maxSeconds() const
{
    return count_ == 0 ? 0.0 : nsToSeconds(static_cast<long double>(max_));
}

double LatencyHistogram::quantileSeconds(double q) const
{
    if (count_ == 0) return 0.0;
    if (!(q > 0.0)) return minSeconds(); // also catches NaN
    if (q >= 1.0) return maxSeconds();

    // Rank (1-based) of the wanted value in the sorted sample: ceil(q * count), in [1, count].
    const long double exactRank = std::ceil(static_cast<long double>(q) * static_cast<long double>(count_));
    std::uint64_t rank = exactRank < 1.0L ? 1 : static_cast<std::uint64_t>(exactRank);
    rank = std::min(rank, count_);

    std::uint64_t seen = 0;
    int bucket = kBucketCount - 1;
    for (int b = bucketOf(min_), last = bucketOf(max_); b <= last; ++b) {
        seen += counts_[static_cast<std::size_t>(b)];
        if (seen >= rank) {
            bucket = b;
            break;
        }
    }

    const std::uint64_t low = bucketLow(bucket);
    const std::uint64_t high = bucketHigh(bucket);
    long double mid = static_cast<long double>(low) + static_cast<long double>(high - low) / 2.0L;
    mid = std::clamp(mid, static_cast<long double>(min_), static_cast<long double>(max_));
    return nsToSeconds(mid);
}

} // namespace es

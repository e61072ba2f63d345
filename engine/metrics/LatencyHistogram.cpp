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

const std::array<std::uint64_t, LatencyHistogram::kBlockSize> LatencyHistogram::kZeroBlock{};

std::array<std::uint32_t, LatencyHistogram::kMajorCount> LatencyHistogram::noBlocks()
{
    std::array<std::uint32_t, kMajorCount> a{};
    a.fill(kNoBlock);
    return a;
}

std::uint32_t LatencyHistogram::addBlock(int major)
{
    // Room for 16 powers of two at once (17 KB of address space, touched only as blocks are used):
    // an exponential service time's values span 12 to 16 of them, and growing a block at a time
    // copied the blocks again and again (bench-growth services-1000: 9 M instructions of memcpy).
    if (blocks_.capacity() == 0) blocks_.reserve(kBlockSize * 16);
    const auto at = static_cast<std::uint32_t>(blocks_.size());
    blocks_.resize(blocks_.size() + kBlockSize, 0);
    offset_[static_cast<std::size_t>(major)] = at;
    return at;
}

__attribute__((noinline)) void LatencyHistogram::recordInNewBlock(SimTime value)
{
    addBlock(bucketOf(static_cast<std::uint64_t>(std::max<SimTime>(value, 0))) >> kSubBits);
    record(value);
}

void LatencyHistogram::record(SimTime value)
{
    const std::uint64_t v = static_cast<std::uint64_t>(std::max<SimTime>(value, 0));
    const int b = bucketOf(v);
    const int major = b >> kSubBits, sub = b & (kSubCount - 1);
    const std::uint32_t at = offset_[static_cast<std::size_t>(major)];
    // A tail call, so that the usual path saves no registers for a call it does not make.
    if (at == kNoBlock) [[unlikely]]
        return recordInNewBlock(value);
    std::uint64_t* block = blocks_.data() + at;
    ++block[sub];
    ++block[kSubCount + (sub >> kGroupBits)];
    ++majors_[static_cast<std::size_t>(major)];
    ++count_;
    sum_ += static_cast<long double>(v);
    min_ = std::min(min_, v);
    max_ = std::max(max_, v);
}

void LatencyHistogram::merge(const LatencyHistogram& other)
{
    if (other.count_ == 0) return;
    for (int m = 0; m < kMajorCount; ++m) {
        const std::uint32_t theirs = other.offset_[static_cast<std::size_t>(m)];
        if (theirs == kNoBlock) continue;
        std::uint32_t at = offset_[static_cast<std::size_t>(m)];
        if (at == kNoBlock) at = addBlock(m);
        const std::uint64_t* from = other.blocks_.data() + theirs;
        std::uint64_t* to = blocks_.data() + at;
        for (std::size_t i = 0; i < kBlockSize; ++i) to[i] += from[i];
        majors_[static_cast<std::size_t>(m)] += other.majors_[static_cast<std::size_t>(m)];
    }
    count_ += other.count_;
    sum_ += other.sum_;
    min_ = std::min(min_, other.min_);
    max_ = std::max(max_, other.max_);
}

void LatencyHistogram::reset()
{
    offset_ = noBlocks();
    blocks_.clear(); // the capacity stays: refilling allocates nothing
    majors_.fill(0);
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
        seen += bucketCount(b);
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

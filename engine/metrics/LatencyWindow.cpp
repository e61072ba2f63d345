#include "metrics/LatencyWindow.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstring>

namespace es {

std::vector<double> LatencyWindow::next(const LatencyHistogram& current, const std::vector<double>& qs)
{
    std::vector<double> out(qs.size(), 0.0);
    next(current, qs, out);
    return out;
}

void LatencyWindow::next(const LatencyHistogram& current, std::span<const double> qs, std::span<double> out)
{
    assert(out.size() == qs.size());
    constexpr int kSub = LatencyHistogram::kSubCount;
    std::fill(out.begin(), out.end(), 0.0);
    const std::uint64_t n = current.count() - previousCount_;
    if (n == 0) return;

    // Rank of each quantile, as LatencyHistogram::quantileSeconds counts it (ceil(q * n), at least 1),
    // and whether it was found; on the stack for the usual few quantiles.
    const std::size_t nq = qs.size();
    std::array<std::uint64_t, kInlineQuantiles> inlineRank{};
    std::array<std::uint8_t, kInlineQuantiles> inlineFound{};
    std::vector<std::uint64_t> heapRank;
    std::vector<std::uint8_t> heapFound;
    std::uint64_t* rank = inlineRank.data();
    std::uint8_t* found = inlineFound.data();
    if (nq > kInlineQuantiles) {
        heapRank.resize(nq);
        heapFound.resize(nq);
        rank = heapRank.data();
        found = heapFound.data();
    }
    for (std::size_t i = 0; i < nq; ++i) {
        rank[i] = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::ceil(qs[i] * static_cast<double>(n))));
        found[i] = 0;
    }
    // The smallest rank not found yet: a group of buckets is read only when it reaches that rank.
    auto smallestPending = [&] {
        std::uint64_t r = UINT64_MAX;
        for (std::size_t i = 0; i < nq; ++i)
            if (!found[i]) r = std::min(r, rank[i]);
        return r;
    };
    std::uint64_t pending = smallestPending();
    std::uint64_t seen = 0;
    constexpr int kGroup = LatencyHistogram::kGroupSize, kGroups = LatencyHistogram::kGroupsPerMajor;
    // No power of two outside the run's extremes ever had a value.
    const int lo = LatencyHistogram::bucketOf(current.minValue()) >> LatencyHistogram::kSubBits;
    const int hi = LatencyHistogram::bucketOf(current.maxValue()) >> LatencyHistogram::kSubBits;
    for (int m = lo; m <= hi; ++m) {
        const std::uint64_t majorNow = current.majorCount(m);
        if (majorNow == previousMajors_[static_cast<std::size_t>(m)]) continue;
        previousMajors_[static_cast<std::size_t>(m)] = majorNow;
        std::uint16_t& blk = block_[static_cast<std::size_t>(m)];
        if (blk == kNoBlock) {
            blk = static_cast<std::uint16_t>(previousBuckets_.size() / kSub);
            previousBuckets_.resize(previousBuckets_.size() + kSub, 0);
            previousGroups_.resize(previousGroups_.size() + kGroups, 0);
        }
        std::uint64_t* previous = previousBuckets_.data() + static_cast<std::size_t>(blk) * kSub;
        std::uint64_t* previousGroup = previousGroups_.data() + static_cast<std::size_t>(blk) * kGroups;
        const std::uint64_t* now = current.majorBuckets(m);
        const std::uint64_t* groupsNow = current.majorGroups(m);
        for (int g = 0; g < kGroups; ++g) {
            const std::uint64_t groupNow = groupsNow[g];
            const std::uint64_t inGroup = groupNow - previousGroup[g];
            if (inGroup == 0) continue; // none of its 16 buckets changed
            previousGroup[g] = groupNow;
            if (seen + inGroup < pending) {
                seen += inGroup; // no quantile falls in this group
            } else {
                // The group's buckets in order, until every new value in it was counted.
                const std::uint64_t end = seen + inGroup;
                for (int s = g * kGroup; s < (g + 1) * kGroup && seen < end; ++s) {
                    const std::uint64_t c = now[s] - previous[s];
                    if (c == 0) continue;
                    seen += c;
                    if (seen < pending) continue;
                    const int b = m * kSub + s;
                    const double mid = 0.5 * (static_cast<double>(LatencyHistogram::bucketLow(b)) +
                                              static_cast<double>(LatencyHistogram::bucketHigh(b)));
                    for (std::size_t i = 0; i < nq; ++i)
                        if (!found[i] && seen >= rank[i]) out[i] = mid * 1e-9, found[i] = 1;
                    pending = smallestPending();
                }
            }
            // The next window starts from here.
            std::memcpy(previous + g * kGroup, now + g * kGroup, sizeof(std::uint64_t) * kGroup);
        }
    }
    // Clamped like the cumulative quantiles: never beyond the run's extremes.
    for (double& v : out) v = std::clamp(v, current.minSeconds(), current.maxSeconds());
    previousCount_ = current.count();
}

} // namespace es

#pragma once
// The part of the event store's per-sink bit sets that does not fit in one 64-bit word: sinks 64 and
// up. One row per event-store slot holds, for each of the store's four masks (reached, applied,
// dead-lettered, dropped), ceil((sinks - 64) / 64) words. With at most 64 sinks it holds nothing and
// `active()` is false, so the store's fast path never comes here.
//
// Per slot, a summary word has bit w set once word w of any mask was written (at most 63 words under
// kMaxSinks). An event reaches a few sinks, so clearing a row, asking what it owes and settling it
// visit those words only: going over every word made each event cost O(sinks) (1,000 pipelines:
// 60 words cleared and 30 scanned per event).
#include "scenario/EngineLimits.h"

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace es {

class SinkBits {
public:
    static constexpr int kMasks = 4;
    // The summary word has a bit per row word: raising kMaxSinks past this needs a wider summary.
    static constexpr std::size_t kMaxSinkCount = 64 + 64 * 64;
    static_assert(kMaxSinks <= kMaxSinkCount);

    explicit SinkBits(std::size_t sinkCount = 0)
        : words_(sinkCount > 64 ? (sinkCount - 64 + 63) / 64 : 0) {}
    bool active() const { return words_ != 0; }

    // Makes room for slot `slot` (the store grows its records one at a time) and clears its row.
    void reset(std::uint32_t slot)
    {
        if (!active()) return;
        const std::size_t end = rowStart(slot) + rowSize();
        if (bits_.size() < end) bits_.resize(std::max(end, bits_.size() * 2), 0); // new rows are zero
        if (touched_.size() <= slot) touched_.resize(std::max<std::size_t>(slot + 1, touched_.size() * 2), 0);
        std::uint64_t* row = &bits_[rowStart(slot)];
        for (std::uint64_t t = touched_[slot]; t; t &= t - 1) {
            const auto w = static_cast<std::size_t>(std::countr_zero(t));
            for (int m = 0; m < kMasks; ++m) row[static_cast<std::size_t>(m) * words_ + w] = 0;
        }
        touched_[slot] = 0;
    }
    bool test(std::uint32_t slot, int mask, int sink) const { return (word(slot, mask, sink) & bitOf(sink)) != 0; }
    void set(std::uint32_t slot, int mask, int sink)
    {
        word(slot, mask, sink) |= bitOf(sink);
        touched_[slot] |= std::uint64_t{1} << (static_cast<std::size_t>(sink - 64) / 64);
    }

    struct Owed {
        bool none = true;  // no sink from 64 on was reached
        bool open = false; // one of them was reached and has no fate yet
    };
    Owed owed(std::uint32_t slot) const
    {
        Owed o;
        const std::uint64_t* row = &bits_[rowStart(slot)];
        for (std::uint64_t t = touched_[slot]; t; t &= t - 1) { // untouched words are zero: nothing owed
            const auto w = static_cast<std::size_t>(std::countr_zero(t));
            const std::uint64_t reached = row[w];
            if (reached) o.none = false;
            if (reached & ~(row[words_ + w] | row[2 * words_ + w] | row[3 * words_ + w])) o.open = true;
        }
        return o;
    }
    // Calls fn(sink) for every sink from 64 on that `slot` reached, in increasing order.
    template <class Fn> void forEachReached(std::uint32_t slot, Fn&& fn) const
    {
        const std::uint64_t* row = &bits_[rowStart(slot)];
        for (std::uint64_t t = touched_[slot]; t; t &= t - 1) { // in increasing word order
            const auto w = static_cast<std::size_t>(std::countr_zero(t));
            for (std::uint64_t m = row[w]; m; m &= m - 1) fn(static_cast<int>(64 + 64 * w) + std::countr_zero(m));
        }
    }

private:
    std::size_t rowSize() const { return kMasks * words_; }
    std::size_t rowStart(std::uint32_t slot) const { return static_cast<std::size_t>(slot) * rowSize(); }
    static std::uint64_t bitOf(int sink) { return std::uint64_t{1} << (sink & 63); }
    std::size_t index(std::uint32_t slot, int mask, int sink) const
    {
        return rowStart(slot) + static_cast<std::size_t>(mask) * words_ + static_cast<std::size_t>(sink - 64) / 64;
    }
    std::uint64_t& word(std::uint32_t slot, int mask, int sink) { return bits_[index(slot, mask, sink)]; }
    std::uint64_t word(std::uint32_t slot, int mask, int sink) const { return bits_[index(slot, mask, sink)]; }

    std::size_t words_;
    std::vector<std::uint64_t> bits_;
    std::vector<std::uint64_t> touched_; // per slot: bit w = word w of some mask may be non-zero
};

} // namespace es

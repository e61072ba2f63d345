#pragma once
// Consumer lag status in the style of Burrow (LinkedIn's lag monitor): each partition keeps a
// sliding window of the group's last offset commits (default 10) and is judged on it, and a group
// is as bad as its worst partition. The rules, in the order they are tried:
//   * OK     the current lag is zero, or any commit in the window had zero lag;
//   * STOP   the time since the last commit exceeds the span of the window (first to last commit):
//            the consumer stopped committing (crashed, or nobody owns the partition);
//   * REWIND a committed offset went back;
//   * STALL  the committed offset did not move across the window while lag stayed or grew;
//   * WARN   the offset moved but the lag never went down from one commit to the next;
//   * OK     otherwise (lag is going down).
// A window is only judged once it is full (STOP once it has two commits), so the first seconds of a
// run are OK. Pure: no clock, no engine state; the sampler feeds it.
#include "kernel/SimTime.h"

#include <cstdint>
#include <vector>

namespace es {

// Ordered by severity: the group's status is the maximum over its partitions.
enum class LagStatus : int { Ok = 0, Warn = 1, Rewind = 2, Stall = 3, Stop = 4 };

const char* lagStatusName(LagStatus s); // "OK", "WARN", "REWIND", "STALL", "STOP"
inline LagStatus worst(LagStatus a, LagStatus b) { return static_cast<int>(a) >= static_cast<int>(b) ? a : b; }

struct LagCommit {
    SimTime at = 0;
    std::uint64_t offset = 0; // the committed offset
    std::uint64_t lag = 0;    // lag in messages when it was committed
};

class LagWindow {
public:
    static constexpr std::size_t kDefaultSize = 10;
    explicit LagWindow(std::size_t size = kDefaultSize);

    void commit(SimTime at, std::uint64_t offset, std::uint64_t lag);
    // The partition's status at `now`, with its lag at `now`.
    LagStatus evaluate(SimTime now, std::uint64_t currentLag) const;

    std::size_t size() const { return count_; }
    std::size_t capacity() const { return ring_.size(); }
    // The i-th commit of the window, oldest first.
    const LagCommit& at(std::size_t i) const { return ring_[(head_ + i) % ring_.size()]; }

private:
    std::vector<LagCommit> ring_;
    std::size_t head_ = 0, count_ = 0;
};

} // namespace es

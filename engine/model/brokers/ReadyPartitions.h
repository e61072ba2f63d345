#pragma once
// The partitions one member of a consumer group may fetch from (a superset: a partition in it may
// have become busy, moved or emptied, which the taker checks and then clears). A two-level bitmap:
// finding the next partition at or after the member's cursor costs a few word scans whatever the
// partition count (10,000 partitions are 157 words under 3 summary words), where scanning every
// partition made each fetch O(partitions) and a 10,000-partition log ~100x slower.
#include <cstdint>
#include <vector>

namespace es {

class ReadyPartitions {
public:
    // Storage is sized on the first set(), so the members of a wide group that own nothing cost nothing.
    explicit ReadyPartitions(int partitions = 0) : n_(partitions) {}

    void set(int p);
    void clear(int p);
    bool test(int p) const;
    // The first partition in the set at or after `from`, going round past the last one; -1 if empty.
    int nextFrom(int from) const;

private:
    int firstAtOrAfter(int from) const; // without going round
    int n_;
    std::vector<std::uint64_t> words_;   // bit p: partition p
    std::vector<std::uint64_t> summary_; // bit w: words_[w] != 0
};

} // namespace es

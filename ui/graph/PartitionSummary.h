#pragma once
// A log with many partitions cannot show a bar per partition (10,000 bars made the node 120,000 px
// wide and the canvas empty). Past kMaxPartitionBars the node and the inspector show this summary
// instead: how many partitions lag, the worst one, and how many partitions fall in each decade of lag.
#include <array>
#include <cstdint>
#include <vector>

#include <QString>

namespace esui {

inline constexpr int kMaxPartitionBars = 24;

struct PartitionSummary {
    // Partitions by lag: 0, 1-9, 10-99, 100-999, 1,000-9,999, 10,000 and more.
    static constexpr int kBins = 6;
    std::array<int, kBins> bins{};
    int partitions = 0;
    int lagging = 0;        // lag above 0
    int worst = -1;         // the partition with the largest lag (the first of equals), -1 if none lags
    std::uint64_t maxLag = 0;
    std::uint64_t totalLag = 0;

    static PartitionSummary of(const std::vector<std::uint64_t>& lagByPartition);
    static int binOf(std::uint64_t lag);
    static QString binLabel(int bin); // "0", "1+", "10+", ... "10k+"
};

} // namespace esui

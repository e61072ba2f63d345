#include "graph/PartitionSummary.h"

namespace esui {

int PartitionSummary::binOf(std::uint64_t lag)
{
    int bin = 0;
    for (std::uint64_t bound = 1; bin < kBins - 1 && lag >= bound; bound *= 10) ++bin;
    return bin;
}

QString PartitionSummary::binLabel(int bin)
{
    static const char* const kLabels[kBins] = {"0", "1+", "10+", "100+", "1k+", "10k+"};
    return QString::fromLatin1(kLabels[bin]);
}

PartitionSummary PartitionSummary::of(const std::vector<std::uint64_t>& lagByPartition)
{
    PartitionSummary s;
    s.partitions = static_cast<int>(lagByPartition.size());
    for (std::size_t p = 0; p < lagByPartition.size(); ++p) {
        const std::uint64_t lag = lagByPartition[p];
        ++s.bins[static_cast<std::size_t>(binOf(lag))];
        s.totalLag += lag;
        if (lag == 0) continue;
        ++s.lagging;
        if (lag > s.maxLag) {
            s.maxLag = lag;
            s.worst = static_cast<int>(p);
        }
    }
    return s;
}

} // namespace esui

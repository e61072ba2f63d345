#pragma once
// The window's copy of the sampled series: one bounded SeriesBuffer per series, filled from the rows
// each snapshot carries. Rows it already has (a snapshot may repeat rows of one the window never
// took) are skipped by time; rows of another run (a restart) start it over.
#include "charts/SeriesBuffer.h"
#include "charts/SeriesRows.h"
#include "charts/SeriesSource.h"
#include "metrics/LatencyDistribution.h"

#include <limits>
#include <string>
#include <unordered_map>
#include <vector>

namespace esui {

class ChartStore : public SeriesSource {
public:
    explicit ChartStore(std::size_t capacityPerSeries = std::size_t{1} << 16);

    // Returns true when a row was added (or the store was started over).
    bool append(const SeriesRows& rows);
    void clear();

    const std::vector<std::string>& names() const { return names_; }
    // nullptr when there is no such series.
    const SeriesBuffer* series(const std::string& name) const override;
    // Time of the newest row, or -infinity when empty.
    double lastTime() const { return lastTime_; }
    std::uint64_t run() const { return run_; }

    // The latency distributions of the run so far, per consumer group (replaced whole: each snapshot
    // carries the current ones). Cleared with the series when a new run starts.
    void setDistributions(const std::vector<es::LatencyDistribution>& d) { distributions_ = d; }
    const std::vector<es::LatencyDistribution>& distributions() const { return distributions_; }
    // nullptr when the group has none.
    const es::LatencyDistribution* distribution(const std::string& group) const override;

private:
    std::size_t capacity_;
    std::uint64_t run_ = 0;
    double lastTime_ = -std::numeric_limits<double>::infinity();
    std::vector<std::string> names_;
    std::unordered_map<std::string, std::size_t> index_;
    std::vector<SeriesBuffer> buffers_;
    std::vector<es::LatencyDistribution> distributions_;
};

} // namespace esui

#pragma once
// Where a chart reads its lines from: a series by name, and a consumer group's latency
// distribution. The window's ChartStore is one; the side-by-side window's PrefixedSeries is another
// (several runs' stores, each under its own prefix), so one chart draws a line per run.
#include "charts/SeriesBuffer.h"
#include "metrics/LatencyDistribution.h"

#include <string>

namespace esui {

class SeriesSource {
public:
    virtual ~SeriesSource() = default;
    // nullptr when there is no such series.
    virtual const SeriesBuffer* series(const std::string& name) const = 0;
    // nullptr when the group has none.
    virtual const es::LatencyDistribution* distribution(const std::string& group) const = 0;
};

} // namespace esui

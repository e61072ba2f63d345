#include "charts/SeriesRows.h"

#include "metrics/TimeSeries.h"

namespace esui {

es::SimTime copyRowsAfter(const es::TimeSeriesSet& ts, es::SimTime after, SeriesRows& out)
{
    const std::size_t cols = ts.seriesCount();
    if (out.names.size() != cols) {
        out.names.clear();
        for (std::size_t c = 0; c < cols; ++c) out.names.push_back(ts.name(c));
    }
    out.times.clear();
    out.values.clear();
    // Rows are in time order and only the newest few are new: walk back from the end.
    std::size_t first = ts.rowCount();
    while (first > 0 && ts.timeAt(first - 1) > after) --first;
    es::SimTime last = after;
    for (std::size_t r = first; r < ts.rowCount(); ++r) {
        out.times.push_back(es::toSeconds(ts.timeAt(r)));
        for (std::size_t c = 0; c < cols; ++c) out.values.push_back(ts.valueAt(r, c));
        last = ts.timeAt(r);
    }
    return last;
}

} // namespace esui

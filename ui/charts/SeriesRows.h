#pragma once
// The sampled series rows that travel from the engine thread to the window inside each snapshot:
// plain data, only the rows sampled since the previous snapshot, so a frame costs a few numbers.
#include "kernel/SimTime.h"

#include <cstdint>
#include <string>
#include <vector>

namespace es {
class TimeSeriesSet;
}

namespace esui {

struct SeriesRows {
    std::uint64_t run = 0;          // which run they belong to: a restart or reseed starts a new one
    std::vector<std::string> names; // every series, in column order
    std::vector<double> times;      // seconds, one per row, increasing
    std::vector<double> values;     // row-major, names.size() per row

    std::size_t rowCount() const { return times.size(); }
};

// Replaces the rows of `out` with those of `ts` sampled strictly after `after` (and sets the names);
// returns the time of the last row copied, or `after` when there was none.
es::SimTime copyRowsAfter(const es::TimeSeriesSet& ts, es::SimTime after, SeriesRows& out);

} // namespace esui

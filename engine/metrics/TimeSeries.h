#pragma once
// Sampled time series with bounded memory, for the charts.
// One TimeSeriesSet holds a fixed list of named series sampled together at a fixed simulated
// interval. Each row is (time, value per series). When the row capacity is reached the set halves
// its resolution in place: adjacent rows are merged (time of the later row; for each series the
// maximum for gauges flagged `peak`, the later value otherwise) and the interval doubles. So a run
// of any length keeps at most `capacity` rows, and a short run keeps every sample.
#include "kernel/SimTime.h"

#include <cstddef>
#include <string>
#include <vector>

namespace es {

class TimeSeriesSet {
public:
    enum class Merge { Last, Max };

    TimeSeriesSet(SimTime interval, std::size_t capacity = 4096);

    // Declares a series before the first sample; returns its column index.
    std::size_t addSeries(std::string name, Merge merge = Merge::Last);

    SimTime interval() const { return interval_; }
    // The next simulated time at which a row is due.
    SimTime nextDue() const { return nextDue_; }
    // Appends a row at time `t` (values.size() == seriesCount()), then advances nextDue() past t.
    void appendRow(SimTime t, const std::vector<double>& values);

    std::size_t seriesCount() const { return names_.size(); }
    std::size_t rowCount() const { return times_.size(); }
    const std::string& name(std::size_t series) const { return names_[series]; }
    SimTime timeAt(std::size_t row) const { return times_[row]; }
    double valueAt(std::size_t row, std::size_t series) const { return values_[row * names_.size() + series]; }
    std::size_t capacity() const { return capacity_; }

private:
    void halve();

    SimTime interval_;
    SimTime nextDue_ = 0;
    std::size_t capacity_;
    std::vector<std::string> names_;
    std::vector<Merge> merges_;
    std::vector<SimTime> times_;
    std::vector<double> values_; // row-major
};

} // namespace es

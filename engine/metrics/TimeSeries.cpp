#include "metrics/TimeSeries.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace es {

// Choices made here (the header leaves them open):
//   * The first row is due at t = interval (not at t = 0): nextDue() starts at `interval`. With
//     rows at interval, 2*interval, ... every halving (which keeps the time of the later row of
//     each pair) leaves rows on multiples of the doubled interval, so the series stays regular.
//     A row at t = 0 would carry no information anyway (nothing has happened yet).
//   * appendRow() halves *before* computing the next due time, so nextDue() is the next multiple
//     of the interval in effect for the next row (after a halving, the doubled one).
//   * The halving happens as soon as rowCount() reaches capacity, so after appendRow() returns the
//     set holds fewer than `capacity` rows (ceil(capacity / 2) right after a halving).
//   * interval <= 0 is rejected like capacity < 2 (std::invalid_argument): the due-time arithmetic
//     divides by the interval.

namespace {

// Floor division (times are non-negative in practice, but stay correct for negative t).
SimTime floorDiv(SimTime a, SimTime b)
{
    SimTime q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}

} // namespace

TimeSeriesSet::TimeSeriesSet(SimTime interval, std::size_t capacity)
    : interval_(interval)
    , nextDue_(interval)
    , capacity_(capacity)
{
    if (interval <= 0) throw std::invalid_argument("TimeSeriesSet: interval must be positive");
    if (capacity < 2) throw std::invalid_argument("TimeSeriesSet: capacity must be at least 2");
}

std::size_t TimeSeriesSet::addSeries(std::string name, Merge merge)
{
    if (!times_.empty())
        throw std::logic_error("TimeSeriesSet: series must be declared before the first row");
    names_.push_back(std::move(name));
    merges_.push_back(merge);
    return names_.size() - 1;
}

void TimeSeriesSet::appendRow(SimTime t, const std::vector<double>& values)
{
    if (values.size() != names_.size())
        throw std::invalid_argument("TimeSeriesSet: row has " + std::to_string(values.size())
                                    + " values, expected " + std::to_string(names_.size()));

    times_.push_back(t);
    values_.insert(values_.end(), values.begin(), values.end());

    if (times_.size() >= capacity_) halve();

    // The next multiple of the (current) interval strictly after t, saturating at kNever.
    const SimTime k = floorDiv(t, interval_);
    if (k >= kNever / interval_)
        nextDue_ = kNever;
    else
        nextDue_ = (k + 1) * interval_;
}

void TimeSeriesSet::halve()
{
    const std::size_t rows = times_.size();
    const std::size_t cols = names_.size();
    const std::size_t pairs = rows / 2;

    for (std::size_t k = 0; k < pairs; ++k) {
        const std::size_t a = 2 * k;
        const std::size_t b = a + 1;
        times_[k] = times_[b];
        for (std::size_t c = 0; c < cols; ++c) {
            const double va = values_[a * cols + c];
            const double vb = values_[b * cols + c];
            values_[k * cols + c] = merges_[c] == Merge::Max ? std::max(va, vb) : vb;
        }
    }
    std::size_t kept = pairs;
    if (rows % 2 != 0) { // an odd last row is kept as it is
        times_[kept] = times_[rows - 1];
        for (std::size_t c = 0; c < cols; ++c) values_[kept * cols + c] = values_[(rows - 1) * cols + c];
        ++kept;
    }
    times_.resize(kept);
    values_.resize(kept * cols);

    interval_ = interval_ > kNever / 2 ? kNever : interval_ * 2;
}

} // namespace es

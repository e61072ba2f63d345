#include "charts/SeriesBuffer.h"

#include <algorithm>
#include <stdexcept>

namespace esui {

SeriesBuffer::SeriesBuffer(std::size_t capacity) : capacity_(capacity)
{
    if (capacity < 8) throw std::invalid_argument("SeriesBuffer: capacity must be at least 8");
    points_.reserve(std::min<std::size_t>(capacity, 1024));
}

void SeriesBuffer::append(double t, double v)
{
    if (points_.size() >= capacity_) compact();
    points_.push_back({t, v});
}

std::size_t SeriesBuffer::lowerBound(double time) const
{
    return static_cast<std::size_t>(
        std::lower_bound(points_.begin(), points_.end(), time, [](const SeriesPoint& p, double x) { return p.t < x; }) -
        points_.begin());
}

void SeriesBuffer::compact()
{
    std::size_t out = 0;
    const std::size_t n = points_.size();
    for (std::size_t i = 0; i < n; i += 4) {
        const std::size_t end = std::min(n, i + 4);
        std::size_t lo = i, hi = i;
        for (std::size_t k = i + 1; k < end; ++k) {
            if (points_[k].v < points_[lo].v) lo = k;
            if (points_[k].v > points_[hi].v) hi = k;
        }
        if (lo == hi) hi = end - 1; // a flat run: its first and last point
        const std::size_t a = std::min(lo, hi), b = std::max(lo, hi);
        points_[out++] = points_[a];
        if (b != a) points_[out++] = points_[b];
    }
    points_.resize(out);
}

} // namespace esui

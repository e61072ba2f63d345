#pragma once
// One series as the window keeps it: (time, value) points in time order, bounded. When the buffer is
// full it compacts in place: every run of four points keeps its lowest and its highest (in time
// order), so the length halves and no peak or trough is lost. A ten-hour run stays within the
// capacity and still shows its extremes.
#include <cstddef>
#include <vector>

namespace esui {

struct SeriesPoint {
    double t = 0, v = 0;
};

class SeriesBuffer {
public:
    explicit SeriesBuffer(std::size_t capacity = std::size_t{1} << 16);

    void append(double t, double v);
    void clear() { points_.clear(); }

    std::size_t size() const { return points_.size(); }
    bool empty() const { return points_.empty(); }
    std::size_t capacity() const { return capacity_; }
    const SeriesPoint& operator[](std::size_t i) const { return points_[i]; }
    const SeriesPoint& back() const { return points_.back(); }
    // The index of the first point with t >= time (size() when none).
    std::size_t lowerBound(double time) const;

private:
    void compact();

    std::size_t capacity_;
    std::vector<SeriesPoint> points_;
};

} // namespace esui

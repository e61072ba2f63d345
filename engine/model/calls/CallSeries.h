#pragma once
// The synchronous-call series the metrics sampler adds per window: per entry service the users'
// latency p50/p95/p99 of the window and the rate of each outcome; per server its busy threads and
// backlog; per dependency with a circuit breaker its state (0 closed, 1 half-open, 2 open).
#include "metrics/LatencyWindow.h"
#include "metrics/TimeSeries.h"

#include <array>
#include <cstdint>
#include <vector>

namespace es {

class World;

class CallSeries {
public:
    explicit CallSeries(const World& world) : world_(world) {}
    void addSeries(TimeSeriesSet& set);
    // Writes this window's values into row[col...], advancing col. `dt` is the window in seconds.
    void sample(std::vector<double>& row, std::size_t& col, double dt);

private:
    const World& world_;
    std::vector<LatencyWindow> windows_;
    std::vector<std::array<std::uint64_t, 5>> previous_;
    struct Breaker {
        std::uint16_t caller = 0, target = 0;
    };
    std::vector<Breaker> breakers_;
};

} // namespace es

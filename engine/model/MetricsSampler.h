#pragma once
// Samples the world's gauges at a fixed simulated interval into a bounded TimeSeriesSet: per consumer
// group throughput, latency, lag (messages and seconds), work in progress and utilisation; per queue
// depth, in flight and dead-letter size; per log group and partition the lag in messages and in
// seconds (exact: the age of the oldest record not yet committed). Observing only: its
// events stay out of the trace digest.
#include "kernel/Simulation.h"
#include "metrics/TimeSeries.h"

#include <cstdint>
#include <vector>

namespace es {

class World;

class MetricsSampler final : public Component {
public:
    MetricsSampler(World& world, SimTime interval, std::size_t maxRows);
    void start();
    void handle(const Event& ev) override;
    // Takes a final sample at the current time (end of run), if time moved since the last one.
    void finish();
    const TimeSeriesSet& series() const { return series_; }

private:
    void sample();

    World& world_;
    TimeSeriesSet series_;
    std::vector<double> row_;
    SimTime lastSample_ = 0;
    // Previous cumulative values, to turn counters into per-interval rates.
    std::vector<std::uint64_t> prevEffects_, prevLatencyCount_;
    std::vector<long double> prevLatencySum_, prevBusy_;
};

} // namespace es

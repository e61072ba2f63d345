#pragma once
// Samples the world's gauges at a fixed simulated interval into a bounded TimeSeriesSet: per consumer
// group throughput, latency (mean, and p50/p95/p99 of the window), lag (messages and seconds), work in
// progress, utilisation and lag status (Burrow's rules, see metrics/LagStatus.h); per queue
// depth, in flight and dead-letter size; per log group and partition the lag in messages and in
// seconds (exact: the age of the oldest record not yet committed), up to kMaxPartitionSeries
// partitions, beyond that their spread (min, mean, p99, max, how many lag); per producer the events
// created per second. Observing only: its events stay out of the trace digest.
#include "kernel/Simulation.h"
#include "metrics/LagStatus.h"
#include "metrics/LatencyWindow.h"
#include "metrics/TimeSeries.h"
#include "model/calls/CallSeries.h"
#include "model/state/StateSeries.h"

#include <cstdint>
#include <vector>

namespace es {

class World;
class LogBroker;
class ConsumerService;

// A log group with more partitions than this gets series of the spread across its partitions instead
// of two series per partition (documented in docs/cli-json.md, "Series").
inline constexpr int kMaxPartitionSeries = 64;

class MetricsSampler final : public Component {
public:
    MetricsSampler(World& world, SimTime interval, std::size_t maxRows);
    void start();
    void handle(const Event& ev) override;
    // Takes a final sample at the current time (end of run), if time moved since the last one.
    void finish();
    const TimeSeriesSet& series() const { return series_; }
    // A consumer's lag status at the last sample (OK before the first): what the window's badge says.
    LagStatus lastLagStatus(std::size_t consumer) const { return consumer < lastStatus_.size() ? lastStatus_[consumer] : LagStatus::Ok; }

private:
    void sample();
    double lagStatus(std::size_t consumer, SimTime now);
    void sampleSpread(const LogBroker& log, int group, SimTime now, std::size_t& col);

    World& world_;
    TimeSeriesSet series_;
    std::vector<double> row_;
    SimTime lastSample_ = 0;
    // Previous cumulative values, to turn counters into per-interval rates.
    std::vector<std::uint64_t> prevEffects_, prevLatencyCount_, prevCreated_;
    std::vector<long double> prevLatencySum_, prevBusy_;
    std::vector<std::uint64_t> prevE2eCount_;
    std::vector<long double> prevE2eSum_;
    std::vector<LatencyWindow> latencyWindows_;
    std::vector<LatencyWindow> e2eWindows_; // per producer: its flows' end-to-end times
    // Per consumer: the log group it reads (log null for a queue) and one lag window per partition
    // (one in all for a queue, whose "offset" is the count of messages the group has finished).
    struct LagSource {
        const LogBroker* log = nullptr;
        int group = 0;
        std::vector<LagWindow> windows;
    };
    std::vector<LagSource> lagSources_;
    std::vector<LagStatus> lastStatus_; // per consumer, at the last sample
    CallSeries calls_;
    StateSeries state_;
    std::vector<double> lagScratch_, ageScratch_; // sampleSpread's per-partition values
};

} // namespace es

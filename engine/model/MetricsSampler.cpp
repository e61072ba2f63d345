#include "model/MetricsSampler.h"

#include "model/services/ConsumerService.h"
#include "model/brokers/LogBroker.h"
#include "model/services/Producer.h"
#include "model/brokers/QueueBroker.h"
#include "model/World.h"

#include <algorithm>

namespace es {

using Merge = TimeSeriesSet::Merge;

MetricsSampler::MetricsSampler(World& world, SimTime interval, std::size_t maxRows)
    : Component(world.sim(), "metrics"), world_(world), series_(interval, maxRows), calls_(world), state_(world)
{
    excludeFromDigest();
}

void MetricsSampler::start()
{
    for (const auto& c : world_.consumers()) {
        const std::string& n = c->componentName();
        series_.addSeries(n + ".throughput_per_s");
        series_.addSeries(n + ".latency_mean_s");
        series_.addSeries(n + ".lag_messages", Merge::Max);
        series_.addSeries(n + ".lag_seconds", Merge::Max);
        series_.addSeries(n + ".in_progress", Merge::Max);
        series_.addSeries(n + ".utilisation");
        // A coarser (halved) window keeps the worse of two: the peak percentile, the worse status.
        series_.addSeries(n + ".latency_p50_s", Merge::Max);
        series_.addSeries(n + ".latency_p95_s", Merge::Max);
        series_.addSeries(n + ".latency_p99_s", Merge::Max);
        series_.addSeries(n + ".lag_status", Merge::Max);
    }
    for (const auto& q : world_.queues()) {
        const std::string& n = q->componentName();
        series_.addSeries(n + ".depth", Merge::Max);
        series_.addSeries(n + ".in_flight", Merge::Max);
        series_.addSeries(n + ".dlq", Merge::Max);
    }
    for (const auto& l : world_.logs())
        for (int g = 0; g < l->groupCount(); ++g) {
            const std::string group = l->componentName() + "." + l->groupConsumer(g).componentName();
            if (l->partitionCount() > kMaxPartitionSeries) {
                // Past the limit, the spread across partitions: a series each would cost memory,
                // saving and export in proportion to partitions x samples (10,000 partitions: 650 MB).
                series_.addSeries(group + ".partitions.lag_min");
                series_.addSeries(group + ".partitions.lag_mean");
                series_.addSeries(group + ".partitions.lag_p99", Merge::Max);
                series_.addSeries(group + ".partitions.lag_max", Merge::Max);
                series_.addSeries(group + ".partitions.lagging", Merge::Max);
                series_.addSeries(group + ".partitions.lag_seconds_p99", Merge::Max);
                series_.addSeries(group + ".partitions.lag_seconds_max", Merge::Max);
                continue;
            }
            for (int p = 0; p < l->partitionCount(); ++p) {
                const std::string prefix = group + ".p" + std::to_string(p);
                series_.addSeries(prefix + ".lag", Merge::Max);
                series_.addSeries(prefix + ".lag_seconds", Merge::Max);
            }
        }
    for (const auto& p : world_.producers()) {
        series_.addSeries(p->componentName() + ".produced_per_s");
        // Flows completed in the window: their mean end-to-end time (0 when none completed).
        const std::string& svc = world_.scenario().services[p->serviceIndex()].name;
        series_.addSeries(svc + ".end_to_end_mean_s");
        // Percentiles of the flows completed in the window (0 when none did), as for consumer latency.
        series_.addSeries(svc + ".end_to_end_p50_s", Merge::Max);
        series_.addSeries(svc + ".end_to_end_p95_s", Merge::Max);
        series_.addSeries(svc + ".end_to_end_p99_s", Merge::Max);
    }
    prevCreated_.assign(world_.producers().size(), 0);
    prevE2eCount_.assign(world_.producers().size(), 0);
    prevE2eSum_.assign(world_.producers().size(), 0);
    e2eWindows_.assign(world_.producers().size(), LatencyWindow{});
    series_.addSeries("events_in_system", Merge::Max);
    calls_.addSeries(series_);
    state_.addSeries(series_);
    const std::size_t nc = world_.consumers().size();
    prevEffects_.assign(nc, 0);
    prevLatencyCount_.assign(nc, 0);
    prevLatencySum_.assign(nc, 0);
    prevBusy_.assign(nc, 0);
    latencyWindows_.assign(nc, LatencyWindow{});
    lagSources_.assign(nc, LagSource{});
    lastStatus_.assign(nc, LagStatus::Ok);
    for (std::size_t i = 0; i < nc; ++i) lagSources_[i].windows.assign(1, LagWindow{});
    for (const auto& l : world_.logs())
        for (int g = 0; g < l->groupCount(); ++g)
            for (std::size_t i = 0; i < nc; ++i)
                if (world_.consumers()[i].get() == &l->groupConsumer(g)) {
                    lagSources_[i].log = l.get();
                    lagSources_[i].group = g;
                    lagSources_[i].windows.assign(static_cast<std::size_t>(l->partitionCount()), LagWindow{});
                }
    row_.resize(series_.seriesCount());
    sim_.schedule(series_.interval(), *this, 1, 0, 0, kObserverPriority);
}

void MetricsSampler::handle(const Event&)
{
    sample();
    // The next sample follows the set's (possibly coarsened) interval.
    sim_.schedule(series_.nextDue(), *this, 1, 0, 0, kObserverPriority);
}

void MetricsSampler::finish()
{
    if (sim_.now() > lastSample_) sample();
}

void MetricsSampler::sample()
{
    const SimTime now = sim_.now();
    const double dt = toSeconds(now - lastSample_);
    std::size_t col = 0;
    const auto& consumers = world_.consumers();
    for (std::size_t i = 0; i < consumers.size(); ++i) {
        ConsumerService& c = *consumers[i];
        const std::uint64_t effects = c.firstEffects();
        row_[col++] = dt > 0 ? static_cast<double>(effects - prevEffects_[i]) / dt : 0;
        prevEffects_[i] = effects;
        const LatencyHistogram& h = c.latency();
        const long double sum = static_cast<long double>(h.meanSeconds()) * h.count();
        const std::uint64_t dn = h.count() - prevLatencyCount_[i];
        row_[col++] = dn ? static_cast<double>((sum - prevLatencySum_[i]) / dn) : 0;
        prevLatencyCount_[i] = h.count();
        prevLatencySum_[i] = sum;
        const std::uint64_t lag = c.source() ? c.source()->lagMessages() : 0;
        c.noteLag(lag);
        row_[col++] = static_cast<double>(lag);
        const SimTime oldest = c.source() ? c.source()->oldestWaitingCreated() : kNever;
        const double lagSeconds = oldest == kNever ? 0 : toSeconds(now - oldest);
        c.noteLagSeconds(lagSeconds);
        row_[col++] = lagSeconds;
        row_[col++] = c.busyWorkers();
        const long double busy = c.busyIntegral();
        const long double capacity = static_cast<long double>(c.totalWorkers()) * static_cast<long double>(now - lastSample_);
        row_[col++] = capacity > 0 ? static_cast<double>((busy - prevBusy_[i]) / capacity) : 0;
        prevBusy_[i] = busy;
        latencyWindows_[i].next(h, kWindowPercentiles, std::span(row_).subspan(col, kWindowPercentiles.size()));
        col += kWindowPercentiles.size();
        row_[col++] = lagStatus(i, now);
    }
    for (const auto& q : world_.queues()) {
        row_[col++] = static_cast<double>(q->visibleCount());
        row_[col++] = static_cast<double>(q->inFlightCount());
        row_[col++] = static_cast<double>(q->deadLetterCount());
    }
    for (const auto& l : world_.logs())
        for (int g = 0; g < l->groupCount(); ++g) {
            if (l->partitionCount() > kMaxPartitionSeries) {
                sampleSpread(*l, g, now, col);
                continue;
            }
            for (int p = 0; p < l->partitionCount(); ++p) {
                row_[col++] = static_cast<double>(l->partitionLag(g, p));
                const SimTime oldest = l->oldestUnconsumedCreated(g, p);
                row_[col++] = oldest == kNever ? 0 : toSeconds(now - oldest);
            }
        }
    const auto& producers = world_.producers();
    for (std::size_t i = 0; i < producers.size(); ++i) {
        const std::uint64_t created = producers[i]->created();
        row_[col++] = dt > 0 ? static_cast<double>(created - prevCreated_[i]) / dt : 0;
        prevCreated_[i] = created;
        const LatencyHistogram& e2e = *world_.endToEnd().producer(producers[i]->serviceIndex()).latency;
        const long double sum = static_cast<long double>(e2e.meanSeconds()) * e2e.count();
        const std::uint64_t dn = e2e.count() - prevE2eCount_[i];
        row_[col++] = dn ? static_cast<double>((sum - prevE2eSum_[i]) / dn) : 0;
        prevE2eCount_[i] = e2e.count();
        prevE2eSum_[i] = sum;
        e2eWindows_[i].next(e2e, kWindowPercentiles, std::span(row_).subspan(col, kWindowPercentiles.size()));
        col += kWindowPercentiles.size();
    }
    row_[col++] = static_cast<double>(world_.store().liveEvents());
    calls_.sample(row_, col, dt);
    state_.sample(row_, col);
    series_.appendRow(now, row_);
    lastSample_ = now;
}

// Min, mean, p99 and max of the partitions' lag, how many lag at all, and p99 and max of their lag
// in seconds (p99: the value at rank ceil(0.99 n), as the latency percentiles are read).
void MetricsSampler::sampleSpread(const LogBroker& log, int g, SimTime now, std::size_t& col)
{
    const auto n = static_cast<std::size_t>(log.partitionCount());
    lagScratch_.resize(n);
    ageScratch_.resize(n);
    double sum = 0;
    std::size_t lagging = 0;
    for (std::size_t p = 0; p < n; ++p) {
        const auto lag = static_cast<double>(log.partitionLag(g, static_cast<int>(p)));
        const SimTime oldest = log.oldestUnconsumedCreated(g, static_cast<int>(p));
        lagScratch_[p] = lag;
        ageScratch_[p] = oldest == kNever ? 0 : toSeconds(now - oldest);
        sum += lag;
        lagging += lag > 0 ? 1 : 0;
    }
    const std::size_t rank = (n * 99 + 99) / 100 - 1; // ceil(0.99 n) - 1, from 0
    const auto at = [rank](std::vector<double>& v) {
        std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(rank), v.end());
        return v[rank];
    };
    const auto [lo, hi] = std::minmax_element(lagScratch_.begin(), lagScratch_.end());
    const double lagMin = *lo, lagMax = *hi;
    const double ageMax = *std::max_element(ageScratch_.begin(), ageScratch_.end());
    row_[col++] = lagMin;
    row_[col++] = sum / static_cast<double>(n);
    row_[col++] = at(lagScratch_);
    row_[col++] = lagMax;
    row_[col++] = static_cast<double>(lagging);
    row_[col++] = at(ageScratch_);
    row_[col++] = ageMax;
}

// A live consumer commits at every sample, moved or not (as Kafka's auto-commit does); a group with no
// instance up commits nothing, which is what STOP detects.
double MetricsSampler::lagStatus(std::size_t i, SimTime now)
{
    const ConsumerService& c = *world_.consumers()[i];
    bool live = false;
    for (int k = 0; k < c.instanceCount(); ++k) live = live || c.instanceUp(k);
    LagSource& src = lagSources_[i];
    LagStatus status = LagStatus::Ok;
    for (std::size_t p = 0; p < src.windows.size(); ++p) {
        std::uint64_t offset = 0, lag = 0;
        if (src.log) {
            offset = src.log->committed(src.group, static_cast<int>(p));
            lag = src.log->partitionLag(src.group, static_cast<int>(p));
        } else {
            offset = c.firstEffects();
            lag = c.source() ? c.source()->lagMessages() : 0;
        }
        if (live) src.windows[p].commit(now, offset, lag);
        status = worst(status, src.windows[p].evaluate(now, lag));
    }
    lastStatus_[i] = status;
    return static_cast<double>(static_cast<int>(status));
}

} // namespace es

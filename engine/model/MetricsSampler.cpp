#include "model/MetricsSampler.h"

#include "model/ConsumerService.h"
#include "model/LogBroker.h"
#include "model/QueueBroker.h"
#include "model/World.h"

#include <algorithm>

namespace es {

using Merge = TimeSeriesSet::Merge;

MetricsSampler::MetricsSampler(World& world, SimTime interval, std::size_t maxRows)
    : Component(world.sim(), "metrics"), world_(world), series_(interval, maxRows)
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
    }
    for (const auto& q : world_.queues()) {
        const std::string& n = q->componentName();
        series_.addSeries(n + ".depth", Merge::Max);
        series_.addSeries(n + ".in_flight", Merge::Max);
        series_.addSeries(n + ".dlq", Merge::Max);
    }
    for (const auto& l : world_.logs())
        for (int g = 0; g < l->groupCount(); ++g)
            for (int p = 0; p < l->partitionCount(); ++p) {
                const std::string prefix =
                    l->componentName() + "." + l->groupConsumer(g).componentName() + ".p" + std::to_string(p);
                series_.addSeries(prefix + ".lag", Merge::Max);
                series_.addSeries(prefix + ".lag_seconds", Merge::Max);
            }
    series_.addSeries("events_in_system", Merge::Max);
    const std::size_t nc = world_.consumers().size();
    prevEffects_.assign(nc, 0);
    prevLatencyCount_.assign(nc, 0);
    prevLatencySum_.assign(nc, 0);
    prevBusy_.assign(nc, 0);
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
        row_[col++] = oldest == kNever ? 0 : toSeconds(now - oldest);
        row_[col++] = c.busyWorkers();
        const long double busy = c.busyIntegral();
        const long double capacity = static_cast<long double>(c.totalWorkers()) * static_cast<long double>(now - lastSample_);
        row_[col++] = capacity > 0 ? static_cast<double>((busy - prevBusy_[i]) / capacity) : 0;
        prevBusy_[i] = busy;
    }
    for (const auto& q : world_.queues()) {
        row_[col++] = static_cast<double>(q->visibleCount());
        row_[col++] = static_cast<double>(q->inFlightCount());
        row_[col++] = static_cast<double>(q->deadLetterCount());
    }
    for (const auto& l : world_.logs())
        for (int g = 0; g < l->groupCount(); ++g)
            for (int p = 0; p < l->partitionCount(); ++p) {
                row_[col++] = static_cast<double>(l->partitionLag(g, p));
                const SimTime oldest = l->oldestUnconsumedCreated(g, p);
                row_[col++] = oldest == kNever ? 0 : toSeconds(now - oldest);
            }
    row_[col++] = static_cast<double>(world_.store().liveEvents());
    series_.appendRow(now, row_);
    lastSample_ = now;
}

} // namespace es

#include "model/state/StateSeries.h"

#include "model/World.h"
#include "model/sagas/SagaTracker.h"
#include "model/services/ConsumerService.h"

#include <algorithm>

namespace es {

using Merge = TimeSeriesSet::Merge;
constexpr int kMaxVersionSeries = 8;

void StateSeries::addSeries(TimeSeriesSet& set)
{
    for (const auto& c : world_.consumers()) {
        ServiceState* st = c->state();
        if (!st) continue;
        states_.push_back(st);
        const std::string& n = c->componentName();
        if (st->store()) set.addSeries(n + ".oversold", Merge::Max);
        // With a reconciliation job: the oversold orders it repaired so far, and those still owed.
        const ServiceSpec* spec = world_.scenario().findService(n);
        const bool reconciled = st->store() && spec && spec->state.reconcileEvery > 0;
        reconciled_.push_back(reconciled);
        if (reconciled) {
            set.addSeries(n + ".repaired", Merge::Max);
            set.addSeries(n + ".owed", Merge::Max);
        }
        if (st->readModel()) {
            set.addSeries(n + ".staleness_s", Merge::Max);
            set.addSeries(n + ".writes_behind", Merge::Max);
        }
        if (st->reads().enabled) {
            set.addSeries(n + ".accepted_without", Merge::Max);
            set.addSeries(n + ".refused_with", Merge::Max);
        }
    }
    // Versions: the range the scenario's producers and handlers emit (a few; capped so a typo such
    // as version 10000 cannot make thousands of series), per consumer that has version rules.
    for (const ServiceSpec& sv : world_.scenario().services) {
        if (sv.producer) {
            maxVersion_ = std::max(maxVersion_, sv.producer->version);
            for (const VersionDeploy& d : sv.producer->deploys) maxVersion_ = std::max(maxVersion_, d.version);
        }
        if (sv.consumer)
            for (const EmitSpec& e : sv.consumer->emits) maxVersion_ = std::max(maxVersion_, e.version);
    }
    maxVersion_ = std::min(maxVersion_, kMaxVersionSeries);
    for (const auto& c : world_.consumers()) {
        if (!c->readsVersions()) continue;
        versionReaders_.push_back(c.get());
        for (int v = 1; v <= maxVersion_; ++v) {
            const std::string prefix = c->componentName() + ".v" + std::to_string(v);
            set.addSeries(prefix + ".attempts", Merge::Max);
            set.addSeries(prefix + ".failed", Merge::Max);
        }
    }
    // Sagas: how many ended each way so far, and how many are in flight.
    if (const SagaTracker* t = world_.sagas())
        for (std::size_t i = 0; i < t->sagaCount(); ++i)
            for (const char* k : {".saga_completed", ".saga_compensated", ".saga_stuck", ".saga_in_flight"})
                set.addSeries(t->name(i) + k, Merge::Max);
}

void StateSeries::sample(std::vector<double>& row, std::size_t& col)
{
    const SimTime now = world_.sim().now();
    for (std::size_t i = 0; i < states_.size(); ++i) {
        ServiceState* st = states_[i];
        if (st->store()) row[col++] = static_cast<double>(st->store()->oversold());
        if (reconciled_[i]) {
            row[col++] = static_cast<double>(st->store()->repaired());
            row[col++] = static_cast<double>(st->store()->owed());
        }
        if (ReadModel* m = st->readModel()) {
            row[col++] = m->stalenessSeconds(now);
            row[col++] = static_cast<double>(m->behind());
        }
        if (st->reads().enabled) {
            row[col++] = static_cast<double>(st->decisions().acceptedWithout);
            row[col++] = static_cast<double>(st->decisions().refusedWith);
        }
    }
    for (const ConsumerService* c : versionReaders_)
        for (int v = 1; v <= maxVersion_; ++v) {
            const auto& counts = c->byVersion();
            const bool seen = static_cast<std::size_t>(v) < counts.size();
            row[col++] = seen ? static_cast<double>(counts[static_cast<std::size_t>(v)].attempts) : 0.0;
            row[col++] = seen ? static_cast<double>(counts[static_cast<std::size_t>(v)].failed) : 0.0;
        }
    if (const SagaTracker* t = world_.sagas())
        for (std::size_t i = 0; i < t->sagaCount(); ++i) {
            const SagaTracker::Counts& c = t->counts(i);
            row[col++] = static_cast<double>(c.completed);
            row[col++] = static_cast<double>(c.compensated);
            row[col++] = static_cast<double>(c.stuck);
            row[col++] = static_cast<double>(c.inFlight());
        }
}

} // namespace es

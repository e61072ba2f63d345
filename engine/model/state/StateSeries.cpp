#include "model/state/StateSeries.h"

#include "model/World.h"
#include "model/services/ConsumerService.h"

#include <algorithm>

namespace es {

using Merge = TimeSeriesSet::Merge;

void StateSeries::addSeries(TimeSeriesSet& set)
{
    for (const auto& c : world_.consumers()) {
        ServiceState* st = c->state();
        if (!st) continue;
        states_.push_back(st);
        const std::string& n = c->componentName();
        if (st->store()) set.addSeries(n + ".oversold", Merge::Max);
        if (st->readModel()) {
            set.addSeries(n + ".staleness_s", Merge::Max);
            set.addSeries(n + ".writes_behind", Merge::Max);
        }
        if (st->reads().enabled) {
            set.addSeries(n + ".accepted_without", Merge::Max);
            set.addSeries(n + ".refused_with", Merge::Max);
        }
    }
}

void StateSeries::sample(std::vector<double>& row, std::size_t& col)
{
    const SimTime now = world_.sim().now();
    for (ServiceState* st : states_) {
        if (st->store()) row[col++] = static_cast<double>(st->store()->oversold());
        if (ReadModel* m = st->readModel()) {
            row[col++] = m->stalenessSeconds(now);
            row[col++] = static_cast<double>(m->behind());
        }
        if (st->reads().enabled) {
            row[col++] = static_cast<double>(st->decisions().acceptedWithout);
            row[col++] = static_cast<double>(st->decisions().refusedWith);
        }
    }
}

} // namespace es

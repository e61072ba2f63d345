#pragma once
// The charts a run gets, from the names of its sampled series (so a scenario with no queue gets no
// queue chart): consumer lag in messages and in seconds (per group, and per partition of a log's
// groups for who asks), latency p50/p95/p99 per group and its
// distribution over the run so far, throughput in (per producer) and out (per group), queue depth and
// dead-letter size, work in flight, and the users' latency p50/p95/p99 and outcome rates when an entry
// service has users (synchronous calls). The
// window and the command line's chart export both take their list from here.
#include "charts/ChartSpec.h"

#include <QStringList>

#include <string>
#include <vector>

namespace es {
struct Scenario;
}

namespace esui {

// `idle`: components whose series stay out (the brokers of a scenario run in the synchronous style:
// nothing goes through them, and a chart of zeros would say there is a queue when there is none).
std::vector<ChartSpec> defaultCharts(const std::vector<std::string>& seriesNames,
                                     const std::vector<std::string>& idle = {});

// The components a scenario leaves idle in its style (the brokers, in the synchronous style).
std::vector<std::string> idleComponents(const es::Scenario& sc);

// The chart id for a name of the scenario format's `charts:` ("lag" is the chart "lag-messages").
QString chartIdForName(const std::string& name);
// The ids of the charts a scenario opens: its `charts:` list in order, or the format's default when
// it has none (a scenario built in code).
QStringList chosenChartIds(const es::Scenario& sc);
// Reorders `specs`: the charts named in `chosen` (ids) first, in that order, the others after them
// in catalog order. Returns how many of `specs` are chosen.
std::size_t putChosenFirst(std::vector<ChartSpec>& specs, const QStringList& chosen);

// The consumer groups that have a lag status series ("<group>.lag_status"), in series order.
std::vector<std::string> lagStatusGroups(const std::vector<std::string>& seriesNames);

} // namespace esui

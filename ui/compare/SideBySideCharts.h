#pragma once
// The side-by-side window's charts: each chart the scenario opens (its `charts:`), with one line per
// run for each of its lines on the left axis (the p50 and p95 of a latency chart left out: p99 says
// it, and a chart of twelve lines says nothing), on shared axes. The lines read from every run's own
// ChartStore through PrefixedSeries: "1/users.latency_p99_s" is run 1's "users.latency_p99_s".
#include "charts/ChartSpec.h"
#include "charts/ChartStore.h"
#include "charts/SeriesSource.h"

#include <QStringList>

#include <string>
#include <vector>

namespace es {
struct Scenario;
}

namespace esui {

class PrefixedSeries : public SeriesSource {
public:
    explicit PrefixedSeries(std::vector<const ChartStore*> stores) : stores_(std::move(stores)) {}
    const SeriesBuffer* series(const std::string& name) const override;
    const es::LatencyDistribution* distribution(const std::string& group) const override;
    static std::string name(std::size_t run, const std::string& series);

private:
    const ChartStore* storeOf(const std::string& name, std::string* rest) const;
    std::vector<const ChartStore*> stores_;
};

// The charts for runs labelled `labels` whose stores are `stores` (their names known: after the first
// rows), chosen as `scenario` (the first run's) chooses; at most `limit`.
std::vector<ChartSpec> sideBySideCharts(const es::Scenario& scenario, const std::vector<const ChartStore*>& stores,
                                        const QStringList& labels, std::size_t limit = 3);

} // namespace esui

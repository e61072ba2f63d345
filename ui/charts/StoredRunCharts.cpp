#include "charts/StoredRunCharts.h"

#include "charts/ChartMarks.h"
#include "charts/SeriesRows.h"
#include "scenario/ScenarioLoader.h"
#include "store/RunStore.h"

#include <nlohmann/json.hpp>

#include <QObject>

#include <cmath>
#include <map>
#include <optional>

namespace esui {

std::unique_ptr<ChartStore> chartStoreFromSeries(const std::vector<es::StoredSeries>& series)
{
    SeriesRows rows;
    rows.run = 1;
    std::map<double, std::size_t> rowOf; // time -> row
    for (const es::StoredSeries& s : series) {
        rows.names.push_back(s.name);
        for (double t : s.times) rowOf.emplace(t, 0);
    }
    std::size_t r = 0;
    for (auto& [t, row] : rowOf) row = r++, rows.times.push_back(t);
    const std::size_t cols = series.size();
    rows.values.assign(rows.times.size() * cols, std::nan(""));
    for (std::size_t c = 0; c < cols; ++c)
        for (std::size_t k = 0; k < series[c].times.size() && k < series[c].values.size(); ++k)
            rows.values[rowOf[series[c].times[k]] * cols + c] = series[c].values[k];
    // SeriesBuffer compacts at its capacity: give it room for every row (at least its minimum).
    auto store = std::make_unique<ChartStore>(std::max<std::size_t>(rows.times.size(), 8));
    store->append(rows);
    return store;
}

namespace {

// The variant is in the stored summary (scenario.variant), not in a column of its own.
std::string storedVariant(const es::RunRecord& run)
{
    if (run.summaryJson.empty()) return {};
    const nlohmann::json j = nlohmann::json::parse(run.summaryJson, nullptr, false);
    if (j.is_discarded() || !j.contains("scenario") || !j["scenario"].contains("variant") || !j["scenario"]["variant"].is_string())
        return {};
    return j["scenario"]["variant"].get<std::string>();
}

} // namespace

StoredRunCharts loadStoredRunCharts(es::RunStore& store, const es::RunRecord& run, QSize size, int dpi, ChartSelection which)
{
    StoredRunCharts out;
    out.store = chartStoreFromSeries(store.loadSeries(run.id));
    out.store->setDistributions(store.loadLatency(run.id));
    std::optional<es::Scenario> scenario;
    const std::string variant = storedVariant(run);
    try {
        std::vector<es::Override> overrides;
        for (const std::string& o : run.overrides) overrides.push_back(es::parseOverride(o));
        scenario = es::loadScenarioText(run.scenarioText, run.scenarioPath, overrides, variant);
        scenario->seed = run.seed;
    } catch (const std::exception& e) {
        out.warning = QObject::tr("the stored scenario does not load (%1): the charts have no failure periods or notes")
                          .arg(QString::fromStdString(e.what()).section(QLatin1Char('\n'), 0, 0));
    }
    const QString runTag = QObject::tr("run #%1").arg(run.id);
    if (scenario) {
        out.caption = captionFor(*scenario) + QStringLiteral(" · ") + runTag;
    } else {
        const QString title = QString::fromStdString(run.title.empty() ? run.scenarioId : run.title);
        out.caption = QObject::tr("%1 — variant %2, seed %3")
                          .arg(title, variant.empty() ? QObject::tr("base") : QString::fromStdString(variant))
                          .arg(run.seed) + QStringLiteral(" · ") + runTag;
    }
    out.jobs = finishedRunChartJobs(scenario ? &*scenario : nullptr, *out.store, run.simTime, out.caption, size, dpi, which);
    return out;
}

} // namespace esui

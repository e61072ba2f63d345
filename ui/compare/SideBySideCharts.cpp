#include "compare/SideBySideCharts.h"

#include "charts/ChartCatalog.h"
#include "scenario/Scenario.h"

#include <algorithm>

namespace esui {

std::string PrefixedSeries::name(std::size_t run, const std::string& series) { return std::to_string(run) + "/" + series; }

const ChartStore* PrefixedSeries::storeOf(const std::string& name, std::string* rest) const
{
    const std::size_t slash = name.find('/');
    if (slash == std::string::npos || slash == 0) return nullptr;
    std::size_t run = 0;
    for (std::size_t i = 0; i < slash; ++i) {
        if (name[i] < '0' || name[i] > '9') return nullptr;
        run = run * 10 + static_cast<std::size_t>(name[i] - '0');
    }
    if (run >= stores_.size()) return nullptr;
    *rest = name.substr(slash + 1);
    return stores_[run];
}

const SeriesBuffer* PrefixedSeries::series(const std::string& name) const
{
    std::string rest;
    const ChartStore* s = storeOf(name, &rest);
    return s ? s->series(rest) : nullptr;
}

const es::LatencyDistribution* PrefixedSeries::distribution(const std::string& group) const
{
    std::string rest;
    const ChartStore* s = storeOf(group, &rest);
    return s ? s->distribution(rest) : nullptr;
}

std::vector<ChartSpec> sideBySideCharts(const es::Scenario& scenario, const std::vector<const ChartStore*>& stores,
                                        const QStringList& labels, std::size_t limit)
{
    std::vector<ChartSpec> out;
    if (stores.empty()) return out;
    // Every series any run has: a chart shows up when one of the runs has its data.
    std::vector<std::string> names;
    for (const ChartStore* s : stores)
        for (const std::string& n : s->names())
            if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
    std::vector<ChartSpec> specs = defaultCharts(names);
    specs.erase(std::remove_if(specs.begin(), specs.end(), [](const ChartSpec& s) { return s.kind != ChartKind::Time; }),
                specs.end());
    const std::size_t chosen = putChosenFirst(specs, chosenChartIds(scenario));
    specs.resize(std::min({specs.size(), chosen > 0 ? chosen : std::size_t{2}, limit}));
    for (const ChartSpec& spec : specs) {
        ChartSpec c = spec;
        c.lines.clear();
        c.y2Title.clear();
        std::vector<const ChartLine*> kept;
        for (const ChartLine& l : spec.lines)
            if (l.axis == 0 && !l.series.ends_with("_p50_s") && !l.series.ends_with("_p95_s")) kept.push_back(&l);
        // At most about eight lines in all: the first lines of the chart, each for every run.
        const std::size_t perRun = std::max<std::size_t>(1, 8 / stores.size());
        if (kept.size() > perRun) kept.resize(perRun);
        for (const ChartLine* l : kept)
            for (std::size_t r = 0; r < stores.size(); ++r) {
                if (!stores[r]->series(l->series)) continue;
                const QString label = r < static_cast<std::size_t>(labels.size()) ? labels[static_cast<qsizetype>(r)] : QString::number(r);
                c.lines.push_back({PrefixedSeries::name(r, l->series), kept.size() > 1 ? label + QStringLiteral(" · ") + l->label : label + QStringLiteral(" ") + l->label, 0});
            }
        if (!c.lines.empty()) out.push_back(std::move(c));
    }
    return out;
}

} // namespace esui

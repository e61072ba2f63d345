#include "scenario/ChartsReader.h"

#include <fmt/format.h>

#include <algorithm>

namespace es {

namespace {

std::string validNames()
{
    std::string out;
    for (std::string_view n : kChartNames) out += (out.empty() ? "" : ", ") + std::string(n);
    return out;
}

} // namespace

std::vector<std::string> readCharts(DiagnosticSink& diags, const YAML::Node& charts)
{
    if (!charts.IsDefined() || charts.IsNull()) return kDefaultCharts;
    std::vector<YAML::Node> items;
    if (charts.IsScalar()) items.push_back(charts);
    else if (charts.IsSequence())
        for (const YAML::Node& item : charts) items.push_back(item);
    else {
        diags.error(charts, fmt::format("'charts' should be a list of chart names, e.g. charts: [lag, latency]; the charts are {}", validNames()));
        return kDefaultCharts;
    }
    const std::vector<std::string> candidates(kChartNames.begin(), kChartNames.end());
    std::vector<std::string> out;
    for (const YAML::Node& item : items) {
        if (!item.IsScalar()) {
            diags.error(item, fmt::format("charts: each entry should be a chart name, one of {}", validNames()));
            continue;
        }
        const std::string name = item.Scalar();
        if (std::find(candidates.begin(), candidates.end(), name) == candidates.end()) {
            const std::string hint = closestMatch(name, candidates);
            diags.error(item, fmt::format("charts: there is no chart called '{}'{}; the charts are {}", name,
                                          hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint), validNames()));
            continue;
        }
        if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
    }
    return out;
}

} // namespace es

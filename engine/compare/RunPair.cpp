#include "compare/RunPair.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>

namespace es {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string shown(double v, double scale)
{
    if (std::isnan(v)) return "–";
    const double x = v * scale;
    return std::fabs(x) >= 100 || x == std::floor(x) ? fmt::format("{:.0f}", x) : fmt::format("{:.4g}", x);
}

nlohmann::json numberOrNull(double v) { return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v); }

} // namespace

RunPairTable pairRuns(const PairedRun& a, const PairedRun& b, double recoveryLagSeconds)
{
    RunPairTable t;
    t.recoveryLag = recoveryLagSeconds;
    t.latencySource = latencySourceOf({a.summary, b.summary});
    const auto va = columnValues(*a.summary, t.latencySource, a.recovery);
    const auto vb = columnValues(*b.summary, t.latencySource, b.recovery);
    const std::vector<CompareColumn>& all = compareColumns();
    for (std::size_t c = 0; c < all.size(); ++c)
        if (va[c] || vb[c]) t.rows.push_back({all[c], va[c].value_or(kNaN), vb[c].value_or(kNaN)});
    return t;
}

std::string runPairToText(const RunPairTable& t, const PairedRun& a, const PairedRun& b)
{
    std::string out = fmt::format("A  {}\nB  {}\nlatency: {}; one run each: no interval (compare runs seeds)\n\n", a.label,
                                  b.label, latencySourceName(t.latencySource));
    std::size_t width = 6;
    for (const RunPairRow& r : t.rows) width = std::max(width, r.column.label.size());
    out += fmt::format("{:<{}}  {:>12}  {:>12}  {:>12}  {}\n", "figure", width, "A", "B", "B − A", "better");
    for (const RunPairRow& r : t.rows) {
        const double d = r.difference();
        std::string diff = shown(d, r.column.textScale);
        if (!std::isnan(d) && d > 0) diff = "+" + diff;
        // Which run the figure favours, by the column's direction (nothing on a tie or a missing side).
        const char* better = std::isnan(d) || d == 0                                   ? ""
                             : (d < 0) == (r.column.better == Better::Lower) ? "B"
                                                                              : "A";
        out += fmt::format("{:<{}}  {:>12}  {:>12}  {:>12}  {}\n", r.column.label, width, shown(r.a, r.column.textScale),
                           shown(r.b, r.column.textScale), diff, better);
    }
    return out;
}

nlohmann::json runPairToJson(const RunPairTable& t, const nlohmann::json& runs)
{
    nlohmann::json figures = nlohmann::json::array();
    for (const RunPairRow& r : t.rows)
        figures.push_back({{"column", r.column.key},
                           {"better", r.column.better == Better::Lower ? "lower" : "higher"},
                           {"a", numberOrNull(r.a)},
                           {"b", numberOrNull(r.b)},
                           {"difference", numberOrNull(r.difference())}});
    return {{"schema", "eventscape.compare-runs/1"},
            {"runs", runs},
            {"latency_source", latencySourceName(t.latencySource)},
            {"recovery_lag_s", t.recoveryLag},
            {"figures", figures}};
}

} // namespace es

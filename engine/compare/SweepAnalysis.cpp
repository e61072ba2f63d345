#include "compare/SweepAnalysis.h"

#include "metrics/QueueTheory.h"
#include "run/TheoryReference.h"

#include <cmath>
#include <cstdlib>
#include <limits>

namespace es {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

RowTheory theoryOf(const Scenario& sc)
{
    RowTheory t{"", kNaN, kNaN, kNaN, kNaN, kNaN};
    const std::optional<TheoryReference> r = queueModelFor(sc);
    if (!r) return t;
    t.model = r->model;
    t.utilisation = r->utilisation;
    t.meanSojourn = r->meanSojourn;
    if (r->exponential) {
        t.p50 = theory::mmcSojournQuantile(r->servers, r->lambda, r->mu, 0.50);
        t.p95 = theory::mmcSojournQuantile(r->servers, r->lambda, r->mu, 0.95);
        t.p99 = theory::mmcSojournQuantile(r->servers, r->lambda, r->mu, 0.99);
    }
    return t;
}

bool near(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(std::abs(a), std::abs(b)); }

// Where ρ reaches 1 between two points. ρ = λ / (c μ) is proportional to the swept value (a rate) or
// to its inverse (workers, a service rate): those two are solved exactly, anything else linearly.
double whereLoadIsOne(double x0, double r0, double x1, double r1)
{
    if (x0 > 0 && x1 > 0) {
        if (near(r0 * x0, r1 * x1)) return r0 * x0; // ρ = K / x
        if (near(r0 / x0, r1 / x1)) return x0 / r0; // ρ = K x
    }
    return x0 + (1 - r0) * (x1 - x0) / (r1 - r0);
}

// The first crossing of `level` by the values at the points, if there is one. `load`: ρ crossing 1
// (whereLoadIsOne); else halfway between the two points either side.
std::optional<TippingPoint> crossing(const std::vector<double>& x, const std::vector<double>& v, double level,
                                     bool load)
{
    for (std::size_t k = 1; k < x.size(); ++k) {
        const double a = v[k - 1], b = v[k];
        if (!std::isfinite(a) || !std::isfinite(b)) continue;
        if ((a >= level) == (b >= level)) continue;
        TippingPoint t;
        t.x = load ? whereLoadIsOne(x[k - 1], a, x[k], b) : (x[k - 1] + x[k]) / 2;
        t.saturatedAbove = b >= level;
        return t;
    }
    return std::nullopt;
}

} // namespace

SweepAnalysis analyseSweep(const Replications& reps, const CompareTable& table)
{
    SweepAnalysis s;
    s.key = table.sweepKey;
    s.shortKey = sweepShortKey(table.sweepKey);
    if (reps.plan().sweep) s.values = reps.plan().sweep->values;
    for (const std::string& v : s.values) s.x.push_back(std::strtod(v.c_str(), nullptr)); // "10/s" -> 10
    for (std::size_t r = 0; r < table.variants.size(); ++r) s.theory.push_back(theoryOf(reps.scenario(r)));

    std::size_t busiest = table.columns.size();
    for (std::size_t c = 0; c < table.columns.size(); ++c)
        if (table.columns[c].key == "busiest_utilisation") busiest = c;

    for (std::size_t r = 0; r < table.variants.size(); ++r) {
        SweepVariant* v = nullptr;
        for (SweepVariant& known : s.variants)
            if (known.variant == table.rowVariants[r]) v = &known;
        if (!v) {
            s.variants.push_back({table.rowVariants[r], std::vector<std::size_t>(s.values.size(), table.variants.size()),
                                  std::nullopt, std::nullopt});
            v = &s.variants.back();
        }
        for (std::size_t k = 0; k < s.values.size(); ++k)
            if (s.values[k] == table.rowPoints[r]) v->rows[k] = r;
    }
    for (SweepVariant& v : s.variants) {
        std::vector<double> rho, busy;
        for (std::size_t row : v.rows) {
            const bool has = row < table.variants.size();
            rho.push_back(has ? s.theory[row].utilisation : kNaN);
            busy.push_back(has && busiest < table.columns.size() && table.cells[row][busiest].interval.n > 0
                               ? table.cells[row][busiest].interval.mean
                               : kNaN);
        }
        v.theory = crossing(s.x, rho, 1.0, true);
        v.measured = crossing(s.x, busy, kSaturatedUtilisation, false);
    }
    return s;
}

nlohmann::json sweepToJson(const SweepAnalysis& s, const CompareTable& table)
{
    auto number = [](double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); };
    auto tip = [](const std::optional<TippingPoint>& t) {
        return t ? nlohmann::json{{"x", t->x}, {"saturated", t->saturatedAbove ? "above" : "below"}} : nlohmann::json(nullptr);
    };
    nlohmann::json j{{"key", s.key}, {"values", s.values}, {"x", s.x},
                     {"saturated_utilisation", kSaturatedUtilisation}};
    nlohmann::json variants = nlohmann::json::array();
    for (const SweepVariant& v : s.variants) {
        nlohmann::json rows = nlohmann::json::array();
        for (std::size_t k = 0; k < v.rows.size(); ++k) {
            const std::size_t r = v.rows[k];
            if (r >= table.variants.size()) continue;
            const RowTheory& t = s.theory[r];
            rows.push_back({{"value", s.values[k]},
                            {"label", table.variants[r]},
                            {"theory",
                             t.model.empty() ? nlohmann::json(nullptr)
                                             : nlohmann::json{{"model", t.model},
                                                              {"utilisation", number(t.utilisation)},
                                                              {"stable", t.utilisation < 1},
                                                              {"mean_s", number(t.meanSojourn)},
                                                              {"p50_s", number(t.p50)},
                                                              {"p95_s", number(t.p95)},
                                                              {"p99_s", number(t.p99)}}}});
        }
        variants.push_back({{"variant", v.variant},
                            {"tipping_point_theory", tip(v.theory)},
                            {"tipping_point_measured", tip(v.measured)},
                            {"points", rows}});
    }
    j["variants"] = variants;
    return j;
}

} // namespace es

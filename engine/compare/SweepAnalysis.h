#pragma once
// What a sweep's rows mean together: for each variant, its rows in the sweep's order with the swept
// value as a number (the x of its curves); where queueing theory describes a row's scenario
// (run/TheoryReference.h, any load), the offered load ρ and the closed-form latency percentiles; and
// the point where the system tips over, found two ways: in theory where ρ crosses 1 (exactly when ρ
// is proportional to the swept value or to its inverse, else linearly between the points either
// side), and measured where the busiest consumer's
// utilisation (the `busiest_utilisation` column, mean over seeds) crosses kSaturatedUtilisation,
// halfway between the two points either side: past it the workers are never idle and the backlog
// grows for as long as the run lasts.
#include "compare/CompareTable.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace es {

inline constexpr double kSaturatedUtilisation = 0.98;

struct RowTheory {
    std::string model;   // "M/M/4"; empty: no closed form for this row's scenario
    double utilisation;  // ρ = λ / (c μ); NaN without a model
    double meanSojourn;  // seconds; +infinity when ρ ≥ 1, NaN without a model
    double p50, p95, p99; // seconds, M/M/c only (else NaN); +infinity when ρ ≥ 1
};

struct TippingPoint {
    double x = 0;              // in the swept value's unit
    bool saturatedAbove = true; // the saturated side is above x (a rate sweep) or below (a concurrency sweep)
};

struct SweepVariant {
    std::string variant;
    std::vector<std::size_t> rows;     // the table's row at each point, in sweep order
    std::optional<TippingPoint> theory;   // where ρ reaches 1
    std::optional<TippingPoint> measured; // where the busiest consumer reaches kSaturatedUtilisation
};

struct SweepAnalysis {
    std::string key, shortKey;      // services.server.concurrency, concurrency
    std::vector<std::string> values; // each point's text, unit included
    std::vector<double> x;           // each point's number
    std::vector<SweepVariant> variants;
    std::vector<RowTheory> theory;   // per table row
};

// Requires a table with a sweep (table.sweepKey not empty) built from `reps`.
SweepAnalysis analyseSweep(const Replications& reps, const CompareTable& table);

// sweep.json: the points, each variant's tipping points, and each row's theory.
nlohmann::json sweepToJson(const SweepAnalysis& s, const CompareTable& table);

} // namespace es

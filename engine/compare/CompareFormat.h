#pragma once
// The comparison table as text (aligned, mean ± half-width), as JSON (table.json, `compare --json`)
// and as CSV (table.csv); layouts in docs/cli-compare.md.
#include "compare/CompareTable.h"

#include <nlohmann/json.hpp>

#include <string>

namespace es {

std::string compareToText(const CompareTable& t);
nlohmann::json compareToJson(const CompareTable& t);
std::string compareToCsv(const CompareTable& t);
// With a sweep: the curve, `variant,KEY,column,mean,ci_low,ci_high,n`, one line per row × column.
std::string compareCurveCsv(const CompareTable& t);

} // namespace es

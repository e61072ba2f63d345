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

// One cell as the text table shows it: "12.3 ± 0.45" (value × scale, few digits), "–" when no run
// has it; `signedMean` puts "+" before a positive mean (the paired differences).
std::string compareCellText(const Interval& i, double scale, bool signedMean = false);
// What the latency columns measure, in words.
const char* latencySourceMeaning(LatencySource s);

} // namespace es

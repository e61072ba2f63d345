#pragma once
// The two faces of a RunSummary: a readable text report and the documented JSON object
// (docs/cli-json.md). The JSON keys are a stable interface: add keys, never rename or remove them.
#include "run/RunSummary.h"

#include <nlohmann/json.hpp>

#include <string>

namespace es {

nlohmann::json summaryToJson(const RunSummary& s);
std::string summaryToText(const RunSummary& s);

} // namespace es

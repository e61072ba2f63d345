#pragma once
// The synchronous-call part of the summary as JSON (docs/cli-json.md, "Calls") and as text.
#include "run/RunSummary.h"

#include <nlohmann/json.hpp>

#include <string>

namespace es {

void callsToJson(const RunSummary& s, nlohmann::json& j);
void callsToText(const RunSummary& s, std::string& out);

} // namespace es

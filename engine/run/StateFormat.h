#pragma once
// The state part of the summary as JSON (docs/cli-json.md, "State") and as text.
#include "run/RunSummary.h"

#include <nlohmann/json.hpp>

#include <string>

namespace es {

void stateToJson(const RunSummary& s, nlohmann::json& j);
void stateToText(const RunSummary& s, std::string& out);

} // namespace es

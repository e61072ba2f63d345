#pragma once
// The sagas part of a run's summary (docs/cli-json.md, "Sagas"): filled from the world's saga
// tracker, and written as JSON and as text.
#include "run/RunSummary.h"

#include <nlohmann/json.hpp>

#include <string>

namespace es {

class World;
void summarizeSagas(const World& world, RunSummary& s);
void sagasToJson(const RunSummary& s, nlohmann::json& j);
void sagasToText(const RunSummary& s, std::string& out);

} // namespace es

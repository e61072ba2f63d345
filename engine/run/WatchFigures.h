#pragma once
// The figures a lesson watches (`watch:`), looked up in the run summary as --json prints it. One
// lookup serves the CLI, the window's scoreboard and the tests, so a figure on the scoreboard is the
// summary's figure by construction, never a second computation of it.
#include "scenario/Scenario.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace es {

// The value at `path` (dot-separated keys; a key may itself contain dots, the longest match wins;
// a number indexes a list), or nullptr.
const nlohmann::json* findFigure(const nlohmann::json& summary, const std::string& path);

// A figure as a number: numbers as they are, true/false as 1/0; nullopt for null (e.g. a percentile
// of no sample yet), a missing path or a non-number.
std::optional<double> figureValue(const nlohmann::json& summary, const std::string& path);

// Every `watch:` path must name one number (or null) of this scenario's summary; `summary` is one of
// the built world (its keys do not depend on time). Throws a ScenarioError at each bad entry, with
// the keys that exist where the path went wrong and the closest one.
void checkWatchFigures(const Scenario& scenario, const nlohmann::json& summary);

} // namespace es

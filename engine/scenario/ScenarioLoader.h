#pragma once
// Reads a scenario file (YAML, or JSON, which yaml-cpp reads as YAML) into a validated Scenario.
// Overrides (`--set a.b.c=value`) are applied to the document tree before it is read, so every key
// of the format can be overridden and is validated the same way. All problems are collected and
// thrown together as a ScenarioError with file, line and column.
#include "scenario/Diagnostics.h"
#include "scenario/Scenario.h"

#include <string>
#include <utility>
#include <vector>

namespace es {

struct Override {
    std::string path;  // dotted; list items by index (failures.0.at)
    std::string value; // YAML text of the new value
};

// Parses "a.b.c=value"; throws ScenarioError on text without '='.
Override parseOverride(const std::string& text);

// `variant` names one of the scenario's `variants:` (its overrides apply before `overrides`).
Scenario loadScenarioFile(const std::string& path, const std::vector<Override>& overrides = {},
                          const std::string& variant = {});
Scenario loadScenarioText(const std::string& text, const std::string& sourceName,
                          const std::vector<Override>& overrides = {}, const std::string& variant = {});

} // namespace es

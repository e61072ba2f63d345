#pragma once
// A journey told as domain-level steps ("orders → order-events  published OrderPlaced #12"), as text
// for a terminal, as JSON (docs/cli-json.md, "trace"), and step by step for the window's diagram:
// `eventscape-cli trace` and the window say the same thing in the same words.
#include "model/journey/Journey.h"

#include <nlohmann/json.hpp>

#include <string>

namespace es {

// What happened, in a few words: "published", "delivered again (attempt 2)", "attempt 1 failed".
std::string stepWhat(const Journey& journey, const JourneyStep& step);
// Where: "orders → order-events" for a hop, "email" at one node.
std::string stepWhere(const Journey& journey, const JourneyStep& step);
// "OrderPlaced #12" (v2 and a key when it has them).
std::string stepEvent(const Journey& journey, const JourneyStep& step);

// The whole journey as a table with a heading line; `runLabel` names the run ("run 12").
std::string journeyText(const Journey& journey, const std::string& runLabel);
nlohmann::ordered_json journeyJson(const Journey& journey);

} // namespace es

#pragma once
// Reads what a scenario says to a class rather than to the engine: its `notes:` (text at a simulated
// time, optionally only in some variants) and its `watch:` (the figures that carry the lesson's point,
// shown live on the window's scoreboard). The figures' existence is checked once the world exists
// (run/WatchFigures.h): only a built world knows every path of its summary.
#include "scenario/Scenario.h"
#include "scenario/YamlReader.h"

#include <string>
#include <vector>

namespace es {

// `notes: [{at, text, pause, variants}]`. `variants` (a name or a list) must name variants of the file
// or "base".
std::vector<NoteSpec> readNotes(DiagnosticSink& diags, const YAML::Node& notes, const std::vector<std::string>& variantNames);

// `watch: [PATH | {figure: PATH, label, unit, better}]`, at most kMaxWatchFigures entries.
std::vector<WatchSpec> readWatch(DiagnosticSink& diags, const YAML::Node& watch);

inline constexpr std::size_t kMaxWatchFigures = 8; // a scoreboard read from the back of a room

// The unit a figure has by its name in the summary: *_s, *_seconds and *_s.pNN are seconds, utilisation and
// *share are shares of 1, everything else counts.
FigureUnit unitOfFigure(const std::string& path);
// "producers.orders.lost_after_commit" -> "orders: lost after commit"; "groups.billing.latency_s.p99"
// -> "billing: latency p99".
std::string labelOfFigure(const std::string& path);

} // namespace es

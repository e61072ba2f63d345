#pragma once
// Refusals that protect memory, made before yaml-cpp builds the document tree (which costs 60 to
// 100 bytes of memory per byte of YAML: measured 60 on a valid 1.2 MB model, 100 on 200,000 services): a file past the byte limit is refused having read no more
// than the limit, a file with more components (services plus brokers) than the limit is refused at
// the first one past it by a streaming pass over the text, and a file that holds no document (empty,
// or only comments) is refused at 1:1. Limits are documented in docs/scenario-format.md ("Engine
// limits") and raised through the environment, so the window, the CLI and the chart export agree.
#include "scenario/YamlReader.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace es {

inline constexpr std::uint64_t kDefaultMaxScenarioBytes = 4ull << 20; // 4 MiB: lessons are a few KB
inline constexpr std::size_t kDefaultMaxComponents = 10'000;          // services plus brokers
inline constexpr const char* kMaxBytesVariable = "EVENTSCAPE_MAX_SCENARIO_BYTES";
inline constexpr const char* kMaxComponentsVariable = "EVENTSCAPE_MAX_COMPONENTS";

struct ScenarioSizeLimits {
    std::uint64_t maxBytes = kDefaultMaxScenarioBytes;
    std::size_t maxComponents = kDefaultMaxComponents;
};

// The defaults, each replaced by its environment variable when set (a whole number above 0;
// anything else is an error at the variable's name).
ScenarioSizeLimits scenarioSizeLimits(DiagnosticSink& diags);

// Reads at most limits.maxBytes + 1 bytes of `path` into `text`; false (with the error reported at
// the line and column where the limit falls) when the file is longer.
bool readBoundedFile(const std::string& path, const ScenarioSizeLimits& limits, std::string& text, DiagnosticSink& diags);

// The same limit for text already in memory.
bool checkTextSize(const std::string& text, const ScenarioSizeLimits& limits, DiagnosticSink& diags);

// Streams the text's YAML events (no tree): reports a text with no document or only a null one
// ("holds no scenario"), the first service or broker past the component limit, and a syntax error.
// False when it reported anything.
bool checkDocumentShape(const std::string& text, const ScenarioSizeLimits& limits, DiagnosticSink& diags);

} // namespace es

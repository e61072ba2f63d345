#pragma once
// eventscape-cli's exit codes (docs/cli-json.md), and how a scenario that cannot be read or built is
// reported: every subcommand says it the same way.
#include "scenario/Diagnostics.h"

#include <exception>
#include <iostream>
#include <string>

namespace cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitBadInput = 2;
inline constexpr int kExitInvariant = 3;     // a run broke conservation
inline constexpr int kExitIncomplete = 4;    // compare --from-store: some planned runs are missing or unfinished
inline constexpr int kExitInterrupted = 130; // 128 + SIGINT, as shells report a run stopped by Ctrl-C

// A scenario error already names its file, line and column; any other error gets the file's path.
inline int reportBadInput(const std::string& scenarioPath, const std::exception& e)
{
    if (dynamic_cast<const es::ScenarioError*>(&e)) std::cerr << e.what() << "\n";
    else std::cerr << scenarioPath << ": " << e.what() << "\n";
    return kExitBadInput;
}

} // namespace cli

#pragma once
// `eventscape-cli compare`: a scenario's variants × N seeds on a thread pool (engine/compare/), the
// table of means and 95% t-intervals with the paired differences to a baseline, printed as text or
// JSON and optionally exported as CSV/JSON files. See docs/cli-compare.md.
#include "StoreCommands.h"

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

namespace cli {

class LessonArguments;

class CompareCommand {
public:
    explicit CompareCommand(CLI::App& app);
    // The exit code when `compare` was chosen (0 done, 2 bad input, 3 a run violated conservation,
    // 130 interrupted), nothing otherwise.
    std::optional<int> runChosen(const LessonArguments& lessons);

private:
    int run(const std::string& scenarioPath);

    CLI::App* command_ = nullptr;
    std::string scenario_, baseline_, exportDir_, sweep_;
    std::vector<std::string> variants_, sets_;
    int seeds_ = 5;
    unsigned jobs_ = 0;
    bool json_ = false;
    RunStoreOptions store_;
};

} // namespace cli

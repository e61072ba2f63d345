#pragma once
// `eventscape-cli compare-runs A B [--store PATH] [--json]`: two stored runs' figures (the columns of
// `compare`) side by side with B − A (engine/compare/RunPair.h). A and B are given as `show` takes a
// run: a number, a uuid prefix, or 'last'. See docs/cli-compare.md, "Two stored runs".
#include <CLI/CLI.hpp>

#include <optional>
#include <string>

namespace cli {

class CompareRunsCommand {
public:
    explicit CompareRunsCommand(CLI::App& app);
    // The exit code when `compare-runs` was chosen (0 done, 2 bad input), nothing otherwise.
    std::optional<int> runChosen();

private:
    int run();

    CLI::App* command_ = nullptr;
    std::string a_, b_, storePath_, recoveryLag_;
    bool json_ = false;
};

} // namespace cli

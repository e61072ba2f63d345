#pragma once
// `eventscape-cli compare`: a scenario's variants × N seeds on a thread pool (engine/compare/), the
// table of means and 95% t-intervals with the paired differences to a baseline, printed as text or
// JSON and optionally exported as CSV/JSON files. With --from-store STORE --plan PLAN the runs are
// not run but read from a store that a plan's shards were merged into. See docs/cli-compare.md and
// docs/cli-batch.md.
#include "ComparisonOptions.h"
#include "StoreCommands.h"

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

namespace es {
struct CompareTable;
struct PlanManifest;
struct RunOutcome;
class Replications;
} // namespace es

namespace cli {

class LessonArguments;

class CompareCommand {
public:
    explicit CompareCommand(CLI::App& app);
    // The exit code when `compare` was chosen (0 done, 2 bad input, 3 a run violated conservation,
    // 4 planned runs missing from --from-store, 130 interrupted), nothing otherwise.
    std::optional<int> runChosen(const LessonArguments& lessons);

private:
    int runInProcess(const std::string& scenarioPath);
    int fromStore();
    int reopen();
    // The table of `manifest`'s runs read from the store at `storePath` (saved as a comparison when
    // `save` and every run is there).
    int tableFromStore(const es::PlanManifest& manifest, const std::string& storePath, bool save, const std::string& baseline);
    // Prints the table (text or --json) and writes --export (throws a StoreError when it cannot).
    void printAndExport(const es::Replications& reps, const es::CompareTable& table,
                        const std::vector<es::RunOutcome>& outcomes) const;

    CLI::App* command_ = nullptr;
    ComparisonOptions runs_;
    std::string baseline_, exportDir_, fromStore_, planFile_, open_;
    unsigned jobs_ = 0;
    bool json_ = false;
    RunStoreOptions store_;
};

} // namespace cli

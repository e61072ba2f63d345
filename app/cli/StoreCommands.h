#pragma once
// The run store on the command line (engine/store/): the --store, --no-store and --trace options of
// `run`, and the `runs`, `show`, `export` and `trace` subcommands (export's charts: ChartExportCommand).
#include "ChartExportCommand.h"
#include "run/RunSummary.h"

#include <CLI/CLI.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace es {
class RunDriver;
class RunStore;
class RunRecorder;
} // namespace es

namespace cli {

struct RunStoreOptions {
    std::string storePath; // empty: the per-user default
    bool noStore = false;
    bool trace = false;
    std::string runUuid; // --run-uuid: chosen by a plan (PlanCommand.h); empty: a fresh one
};

void addRunStoreOptions(CLI::App& run, RunStoreOptions& options);

// The store side of `run`: the store is opened and the run inserted (unfinished) before it starts,
// and the summary, series and failures are written when it ends.
class RunSaver {
public:
    // Opens the store and inserts the run; throws es::StoreError (the caller exits with code 2).
    RunSaver(const RunStoreOptions& options, es::RunDriver& driver, const std::vector<std::string>& overrides);
    ~RunSaver();
    // Writes the rest of the run and prints "run saved: #ID (uuid) in PATH" on stderr. Returns false
    // (after printing why on stderr) when the run could not be saved.
    bool finish(const es::RunSummary& summary);

private:
    std::unique_ptr<es::RunStore> store_;
    std::unique_ptr<es::RunRecorder> recorder_;
};

// `runs`, `show`, `export` and `trace`.
class StoreCommands {
public:
    explicit StoreCommands(CLI::App& app);
    // The exit code of the subcommand chosen on the command line, or nothing when it was another.
    std::optional<int> runChosen();

private:
    int listRuns();
    int listComparisons();
    int showRun();
    int exportRun();
    int traceJourney();

    CLI::App* runs_ = nullptr;
    CLI::App* comparisons_ = nullptr;
    CLI::App* show_ = nullptr;
    CLI::App* export_ = nullptr;
    CLI::App* trace_ = nullptr;
    std::uint64_t traceId_ = 0;
    std::string storePath_, run_, csvDir_;
    ChartExportRequest charts_;
    bool json_ = false, scenarioText_ = false;
};

} // namespace cli

#pragma once
// `eventscape-cli plan`: the runs `compare` would do with the same arguments, written as one
// `eventscape-cli run ...` command line per run (each into its own store file, a shard) for a batch
// engine to run: GNU parallel on one host or many, or a Slurm array job. Beside the jobs file, a
// plan manifest (JOBS.plan.json) names each run by the uuid its line gives it, for
// `compare --from-store` after `merge`. See docs/cli-batch.md.
#include "ComparisonOptions.h"

#include <CLI/CLI.hpp>

#include <optional>
#include <string>

namespace cli {

class LessonArguments;

class PlanCommand {
public:
    explicit PlanCommand(CLI::App& app);
    // The exit code when `plan` was chosen (0 written, 2 bad input), nothing otherwise.
    std::optional<int> runChosen(const LessonArguments& lessons);

private:
    int run(const std::string& scenarioPath);

    CLI::App* command_ = nullptr;
    ComparisonOptions runs_;
    std::string out_, shardDir_, manifest_, cli_;
};

} // namespace cli

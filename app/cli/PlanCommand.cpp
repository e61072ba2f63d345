#include "PlanCommand.h"

#include "ExitCodes.h"
#include "LessonArguments.h"
#include "ShellQuote.h"
#include "compare/PlanManifest.h"
#include "store/CsvExport.h"
#include "store/SqliteHandle.h"

#include <fmt/format.h>

#include <filesystem>
#include <iostream>

namespace fs = std::filesystem;

namespace cli {

namespace {

// This very executable, so the jobs run the build that made the plan (`--cli` for another path).
std::string runningExecutable()
{
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    return ec ? std::string("eventscape-cli") : self.string();
}

// jobs.txt -> jobs.plan.json, beside it.
std::string manifestPathFor(const std::string& jobsFile)
{
    fs::path p(jobsFile);
    p.replace_extension(".plan.json");
    return p.string();
}

} // namespace

PlanCommand::PlanCommand(CLI::App& app)
{
    command_ = app.add_subcommand("plan", "Write the runs `compare` would do as one `eventscape-cli run` command line "
                                          "each, for GNU parallel or a Slurm array job (docs/cli-batch.md)");
    runs_.addTo(*command_);
    command_->add_option("--out", out_, "The jobs file: one shell command line per run")->required();
    command_->add_option("--shards", shardDir_,
                         "Folder each job writes its store file into, shard-NNNNNN.sqlite by line (default: "
                         "'shards' beside --out, as an absolute path; a relative folder stays relative, for "
                         "hosts that do not share a file system)");
    command_->add_option("--manifest", manifest_, "The plan manifest for compare --from-store (default: "
                                                  "--out with the extension .plan.json)");
    command_->add_option("--cli", cli_, "The eventscape-cli each job line runs (default: this one's absolute path)");
}

std::optional<int> PlanCommand::runChosen(const LessonArguments& lessons)
{
    if (!command_->parsed()) return std::nullopt;
    return run(lessons.resolveScenario(runs_.scenario));
}

int PlanCommand::run(const std::string& resolved)
{
    std::error_code ec;
    // Absolute: the lines run from another folder, or on another host that has the same files.
    const std::string scenarioPath = fs::absolute(resolved, ec).lexically_normal().string();
    std::optional<es::Replications> reps;
    try {
        reps.emplace(runs_.plan(scenarioPath));
        for (std::size_t v = 0; v < reps->rows().size(); ++v)
            for (const es::Diagnostic& w : reps->scenario(v).warnings) std::cerr << w.format() << "\n";
    } catch (const std::exception& e) {
        return cli::reportBadInput(scenarioPath, e);
    }
    const std::string shardDir = shardDir_.empty() ? (fs::absolute(out_, ec).parent_path() / "shards").string() : shardDir_;
    const std::string manifestPath = manifest_.empty() ? manifestPathFor(out_) : manifest_;
    const std::string cli = cli_.empty() ? runningExecutable() : cli_;
    const es::PlanManifest manifest = es::makePlanManifest(*reps, shardDir, fs::absolute(out_, ec).string());

    std::string jobs;
    for (const es::PlannedRun& r : manifest.runs) {
        const es::PlanRow& row = reps->rows()[r.row];
        std::vector<std::string> args{cli, "run", scenarioPath};
        if (row.variant != es::kBaseVariant) args.insert(args.end(), {"--variant", row.variant});
        args.insert(args.end(), {"--seed", std::to_string(r.seed)});
        for (const std::string& s : row.sets) args.insert(args.end(), {"--set", s});
        args.insert(args.end(), {"--store", r.shard, "--run-uuid", r.runUuid});
        jobs += shellCommand(args) + "\n";
    }
    try {
        fs::create_directories(shardDir, ec);
        if (ec) throw es::StoreError(fmt::format("{}: cannot create the shards folder: {}", shardDir, ec.message()));
        es::writeTextFile(out_, jobs);
        es::writeTextFile(manifestPath, es::planToJson(manifest).dump(2) + "\n");
    } catch (const std::exception& e) {
        std::cerr << e.what() << "\n";
        return kExitBadInput;
    }
    std::cerr << fmt::format("plan {}: {} runs ({} rows × {} seeds)\n  jobs     {}\n  manifest {}\n  shards   {}/\n"
                             "run them, e.g.: parallel -j2 < {}\nthen: {} merge {}/shard-*.sqlite --into runs.sqlite && "
                             "{} compare --from-store runs.sqlite --plan {}\n",
                             manifest.planUuid, manifest.runs.size(), reps->rows().size(), reps->plan().seeds, out_,
                             manifestPath, shardDir, shellQuote(out_), shellQuote(cli), shellQuote(shardDir),
                             shellQuote(cli), shellQuote(manifestPath));
    return kExitOk;
}

} // namespace cli

#include "CompareCommand.h"

#include "ChartExportCommand.h"
#include "ExitCodes.h"
#include "LessonArguments.h"
#include "compare/CompareExport.h"
#include "compare/CompareFormat.h"
#include "compare/CompareTable.h"
#include "compare/Replications.h"
#include "run/RunDriver.h"
#include "scenario/ScenarioLoader.h"
#include "store/RunRecorder.h"
#include "store/RunStore.h"
#include "compare/PlanManifest.h"
#include "compare/StoredReplications.h"
#include "compare/ReopenedComparison.h"
#include "compare/StoredOutcomes.h"
#include "store/StoreOpen.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <unistd.h>

namespace cli {

namespace {

std::atomic<bool> g_compareStop{false};
extern "C" void onCompareInterrupt(int) { g_compareStop.store(true); }

void printProgress(const es::ReplicationProgress& p)
{
    const std::string eta = std::isnan(p.etaSeconds) ? std::string("…") : fmt::format("{:.0f} s", p.etaSeconds);
    std::fprintf(stderr, "\r  runs %zu / %zu  %3.0f%%  elapsed %.0f s  ETA %s   ", p.done, p.total, p.fraction * 100,
                 p.wallSeconds, eta.c_str());
    std::fflush(stderr);
}

} // namespace

CompareCommand::CompareCommand(CLI::App& app)
{
    command_ = app.add_subcommand("compare", "Run a scenario's variants over several seeds and compare them "
                                             "(means, 95% intervals, paired differences)");
    const std::vector<CLI::Option*> choosing = runs_.addTo(*command_, false);
    CLI::Option* jobs =
        command_->add_option("--jobs", jobs_, "Runs at once (default: the number of cores)")->check(CLI::Range(1u, 1024u));
    command_->add_option("--baseline", baseline_,
                         "Row the paired differences are taken from: a variant, or with --sweep its label "
                         "such as concurrency=4 (default: the first)");
    command_->add_option("--export", exportDir_, "Folder for table.csv, table.json and every run's series (CSV)");
    command_->add_flag("--json", json_, "Print the table as one JSON object (docs/cli-compare.md)");
    CLI::Option* store = command_->add_option("--store", store_.storePath, "Run store file (default: the per-user one)");
    command_->add_flag("--no-store", store_.noStore, "Do not save the runs (or with --from-store the comparison) in a store")
        ->excludes(store);
    CLI::Option* from = command_->add_option(
        "--from-store", fromStore_,
        "Build the table from the runs of --plan in this store (merged shards, docs/cli-batch.md) instead of running them");
    CLI::Option* plan = command_->add_option("--plan", planFile_, "The plan manifest `plan` wrote (JOBS.plan.json)");
    from->needs(plan)->excludes(store)->excludes(jobs);
    plan->needs(from);
    for (CLI::Option* o : choosing) from->excludes(o);
    CLI::Option* open = command_->add_option(
        "--open", open_,
        "Open a comparison saved in the store again (its number, a uuid prefix or 'last'; `comparisons` lists them): "
        "its table, and with --export its charts and report, from its stored runs");
    open->excludes(from)->excludes(jobs);
    for (CLI::Option* o : choosing) open->excludes(o);
}

std::optional<int> CompareCommand::runChosen(const LessonArguments& lessons)
{
    if (!command_->parsed()) return std::nullopt;
    if (!fromStore_.empty()) return fromStore();
    if (!open_.empty()) return reopen();
    if (runs_.scenario.empty()) {
        std::cerr << "compare: give a SCENARIO, or --from-store STORE --plan PLAN (see --help)\n";
        return kExitBadInput;
    }
    return runInProcess(lessons.resolveScenario(runs_.scenario));
}

void CompareCommand::printAndExport(const es::Replications& reps, const es::CompareTable& table,
                                    const std::vector<es::RunOutcome>& outcomes) const
{
    if (json_) std::cout << es::compareToJson(table).dump(2) << "\n";
    else std::cout << es::compareToText(table);
    std::cout.flush();
    if (!exportDir_.empty()) {
        const std::vector<std::string> files = es::writeCompareExport(exportDir_, reps, table, outcomes);
        const int drawn = exportComparisonReport(exportDir_, reps, table, outcomes);
        std::cerr << fmt::format("exported {} files to {} (report.html, report.pdf, charts/)\n", files.size() + static_cast<std::size_t>(drawn),
                                 exportDir_);
    }
}

int CompareCommand::runInProcess(const std::string& scenarioPath)
{
    es::ReplicationPlan plan;
    std::optional<es::Replications> reps;
    try {
        plan = runs_.plan(scenarioPath);
        plan.jobs = jobs_;
        plan.keepSeries = !exportDir_.empty();
        reps.emplace(plan);
        for (std::size_t v = 0; v < reps->rows().size(); ++v)
            for (const es::Diagnostic& w : reps->scenario(v).warnings) std::cerr << w.format() << "\n";
        // Checked before the runs, not after them: a typo must not cost the whole comparison.
        if (!baseline_.empty()) buildCompareTable(*reps, {}, baseline_);
    } catch (const std::exception& e) {
        return cli::reportBadInput(scenarioPath, e);
    }

    std::signal(SIGINT, onCompareInterrupt);
    std::signal(SIGTERM, onCompareInterrupt);
    try {
        std::unique_ptr<es::StoringObserver> saver;
        if (!store_.noStore)
            saver = std::make_unique<es::StoringObserver>(store_.storePath.empty() ? es::defaultStorePath() : store_.storePath,
                                                    *reps);
        const bool tty = isatty(STDERR_FILENO);
        if (tty)
            std::cerr << fmt::format("compare: {} runs ({} rows × {} seeds) on {} threads\n", reps->tasks().size(),
                                     reps->rows().size(), plan.seeds, reps->jobs());
        const std::vector<es::RunOutcome> outcomes =
            reps->run(&g_compareStop, saver.get(),
                      tty ? std::function<void(const es::ReplicationProgress&)>(printProgress)
                          : std::function<void(const es::ReplicationProgress&)>());
        if (tty) std::fprintf(stderr, "\r%80s\r", "");
        const es::CompareTable table = buildCompareTable(*reps, outcomes, baseline_);
        printAndExport(*reps, table, outcomes);
        if (saver && !g_compareStop.load()) {
            const es::ComparisonRecord c =
                es::saveComparison(saver->store(), *reps, table, outcomes, saver->uuids(), {{"jobs", reps->jobs()}});
            std::cerr << fmt::format("{} runs and comparison {} saved in {}\n", saver->saved(), c.uuid, saver->path());
        } else if (saver) {
            std::cerr << fmt::format("{} runs saved in {} (an interrupted comparison is not)\n", saver->saved(),
                                     saver->path());
        }
        bool violated = false;
        for (const es::RunOutcome& o : outcomes) {
            if (o.done && !o.summary.conservationOk) {
                std::cerr << fmt::format("conservation VIOLATED in {} seed {}\n",
                                         table.variants[o.task.row], o.task.seed);
                violated = true;
            }
        }
        if (violated) return kExitInvariant;
        if (g_compareStop.load()) {
            std::cerr << fmt::format("interrupted: {} of {} runs finished\n", table.runsDone, table.runsPlanned);
            return kExitInterrupted;
        }
        return kExitOk;
    } catch (const es::StoreError& e) { // names the store file itself
        std::cerr << e.what() << "\n";
        return kExitBadInput;
    } catch (const std::exception& e) {
        std::cerr << scenarioPath << ": " << e.what() << "\n";
        return kExitBadInput;
    }
}

// The runs were made elsewhere (a plan's jobs): the same table from what the store kept of them.
int CompareCommand::fromStore()
{
    es::PlanManifest manifest;
    try {
        manifest = es::readPlanManifest(planFile_);
    } catch (const std::exception& e) { // names the manifest itself
        std::cerr << e.what() << "\n";
        return kExitBadInput;
    }
    if (!std::filesystem::exists(fromStore_)) {
        std::cerr << fmt::format("--from-store {}: no such file (merge the shards into it first: "
                                 "eventscape-cli merge SHARD... --into {})\n",
                                 fromStore_, fromStore_);
        return kExitBadInput;
    }
    return tableFromStore(manifest, fromStore_, !store_.noStore, baseline_);
}

// A comparison saved earlier: its plan and its runs, from the store it was saved in.
int CompareCommand::reopen()
{
    const std::string path = store_.storePath.empty() ? es::defaultStorePath() : store_.storePath;
    es::PlanManifest manifest;
    std::string baseline = baseline_;
    try {
        if (!std::filesystem::exists(path)) throw es::StoreError(fmt::format("{}: no such run store", path));
        es::RunStore store(path);
        const std::vector<es::ComparisonRecord> all = store.listComparisons();
        const es::ComparisonRecord& c = es::findComparison(all, open_);
        manifest = es::manifestOfComparison(c);
        if (baseline.empty()) baseline = es::comparisonBaseline(c);
        std::cerr << fmt::format("comparison #{} ({}), {} runs, made {}\n", c.id, c.uuid, c.runs.size(), c.createdAt);
    } catch (const std::exception& e) {
        std::cerr << "--open " << open_ << ": " << e.what() << "\n";
        return kExitBadInput;
    }
    return tableFromStore(manifest, path, false, baseline);
}

int CompareCommand::tableFromStore(const es::PlanManifest& manifest, const std::string& storePath, bool save,
                                   const std::string& baseline)
{
    std::optional<es::Replications> reps;
    try {
        reps.emplace(manifest.replicationPlan());
        if (!baseline.empty()) buildCompareTable(*reps, {}, baseline);
    } catch (const std::exception& e) {
        return cli::reportBadInput(manifest.scenarioPath, e);
    }
    try {
        es::RunStore store(storePath);
        const es::StoredOutcomes stored = es::loadPlanOutcomes(store, *reps, manifest, !exportDir_.empty());
        const es::CompareTable table = buildCompareTable(*reps, stored.outcomes, baseline);
        printAndExport(*reps, table, stored.outcomes);
        auto lines = [](const std::vector<std::size_t>& l) {
            std::string out;
            for (std::size_t i = 0; i < l.size() && i < 20; ++i) out += (i ? "," : "") + std::to_string(l[i]);
            return l.size() > 20 ? out + ",…" : out;
        };
        if (!stored.missingLines.empty())
            std::cerr << fmt::format("{} planned runs are not in {}: lines {} of {}\n", stored.missingLines.size(),
                                     storePath, lines(stored.missingLines), manifest.jobsFile);
        if (!stored.unfinishedLines.empty())
            std::cerr << fmt::format("{} planned runs did not finish (incomplete or interrupted): lines {} of {}\n",
                                     stored.unfinishedLines.size(), lines(stored.unfinishedLines), manifest.jobsFile);
        const bool complete = stored.missingLines.empty() && stored.unfinishedLines.empty();
        if (complete && save) {
            std::map<std::size_t, std::string> uuids;
            for (std::size_t i = 0; i < manifest.runs.size(); ++i) uuids[i] = manifest.runs[i].runUuid;
            const es::ComparisonRecord c = es::saveComparison(store, *reps, table, stored.outcomes, uuids,
                                                          {{"plan", manifest.planUuid}, {"from_store", true}});
            std::cerr << fmt::format("comparison {} saved in {}\n", c.uuid, store.path());
        }
        bool violated = false;
        for (const es::RunOutcome& o : stored.outcomes)
            if (o.done && !o.summary.conservationOk) {
                std::cerr << fmt::format("conservation VIOLATED in {} seed {}\n", table.variants[o.task.row], o.task.seed);
                violated = true;
            }
        if (violated) return kExitInvariant;
        return complete ? kExitOk : kExitIncomplete;
    } catch (const es::StoreError& e) {
        std::cerr << e.what() << "\n";
        return kExitBadInput;
    } catch (const std::exception& e) {
        std::cerr << manifest.jobsFile << ": " << e.what() << "\n";
        return kExitBadInput;
    }
}

} // namespace cli

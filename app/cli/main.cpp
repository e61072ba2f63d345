// eventscape-cli: headless runs of a scenario. A thin front end over engine/run/RunDriver.
//   eventscape-cli run SCENARIO [--seed N] [--until 60s] [--set path=value ...] [--json]
//                      [--store PATH | --no-store] [--trace]
//   eventscape-cli validate SCENARIO [--set path=value ...]
//   eventscape-cli runs [--store PATH] [--json]
//   eventscape-cli show RUN [--store PATH] [--json]
//   eventscape-cli export RUN [--csv DIR] [--png DIR] [--svg DIR] [--pdf DIR] [--size WxH] [--dpi N] [--all-charts]
//                         [--store PATH]
//   eventscape-cli trace RUN ID [--store PATH] [--json]   (a run stored with --trace)
//   eventscape-cli lessons [--lessons DIR]
//   eventscape-cli compare SCENARIO [--variants a,b] [--set ...] [--seeds N] [--jobs N] [--baseline V]
//                          [--export DIR] [--json] [--store PATH | --no-store]   (CompareCommand.h)
//   eventscape-cli compare --from-store STORE --plan PLAN [--baseline V] [--export DIR] [--json]
//   eventscape-cli plan SCENARIO [compare's run options] --out jobs.txt [--shards DIR] [--cli PATH] (PlanCommand.h)
//   eventscape-cli merge SHARD... --into TARGET                                  (MergeCommand.h)
//   eventscape-cli compare-runs A B [--store PATH] [--json]                      (CompareRunsCommand.h)
// SCENARIO is a file or a lesson's name (order-placed): see LessonArguments.h.
// Exit codes: 0 done, 2 bad input or usage (or a run store that cannot be used), 3 an invariant
// (conservation) was violated, 4 compare --from-store found planned runs missing or unfinished,
// 130 interrupted (Ctrl-C / SIGTERM) with a partial summary.
#include "CompareCommand.h"
#include "CompareRunsCommand.h"
#include "ExitCodes.h"
#include "LessonArguments.h"
#include "MergeCommand.h"
#include "PlanCommand.h"
#include "StoreCommands.h"
#include "run/RunDriver.h"
#include "run/SummaryFormat.h"
#include "scenario/ScenarioLoader.h"
#include "scenario/Units.h"
#include "store/SqliteHandle.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <unistd.h>

namespace {

using cli::kExitBadInput;
using cli::kExitInterrupted;
using cli::kExitInvariant;
using cli::kExitOk;

std::atomic<bool> g_stop{false};
extern "C" void onInterrupt(int) { g_stop.store(true); }

std::vector<es::Override> parseOverrides(const std::vector<std::string>& sets)
{
    std::vector<es::Override> out;
    for (const std::string& s : sets) out.push_back(es::parseOverride(s));
    return out;
}

void printProgress(const es::RunProgress& p)
{
    const double rate = p.wallSeconds > 0 ? static_cast<double>(p.events) / p.wallSeconds : 0;
    const double simRate = p.wallSeconds > 0 ? p.simTime / p.wallSeconds : 0;
    const double eta = simRate > 0 ? (p.plannedTime - p.simTime) / simRate : 0;
    std::fprintf(stderr, "\r  sim %.1f / %.1f s  %.2f M events/s  ETA %.0f s   ", p.simTime, p.plannedTime, rate / 1e6, eta);
    std::fflush(stderr);
}

} // namespace

int main(int argc, char** argv)
{
    CLI::App app{"Eventscape: simulate event-driven systems headless"};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string(EVENTSCAPE_VERSION));
    app.fallthrough(); // --lessons is the app's, and may come after the subcommand

    std::string scenarioPath;
    std::vector<std::string> sets;
    std::uint64_t seed = 0;
    std::string until;
    std::string variant;
    bool json = false;

    CLI::App* run = app.add_subcommand("run", "Run a scenario and print its summary");
    run->add_option("scenario", scenarioPath, "Scenario file (YAML or JSON), or a lesson's name (see lessons)")->required();
    run->add_option("--seed", seed, "Run seed (default: the scenario's)");
    run->add_option("--until", until, "Simulated time to stop at, e.g. 60s (default: the scenario's duration)");
    run->add_option("--set", sets, "Override a scenario value: path.to.key=value (repeatable)");
    run->add_option("--variant", variant, "Run one of the scenario's variants (its overrides apply before --set)");
    run->add_flag("--json", json, "Print the summary as one JSON object (docs/cli-json.md)");
    cli::RunStoreOptions storeOptions;
    cli::addRunStoreOptions(*run, storeOptions);

    CLI::App* validate = app.add_subcommand("validate", "Check a scenario file without running it");
    validate->add_option("scenario", scenarioPath, "Scenario file (YAML or JSON), or a lesson's name (see lessons)")->required();
    validate->add_option("--set", sets, "Override a scenario value: path.to.key=value (repeatable)");
    validate->add_option("--variant", variant, "Check only this variant (default: the base and every variant)");

    cli::StoreCommands storeCommands(app);
    cli::CompareCommand compare(app);
    cli::PlanCommand plan(app);
    cli::MergeCommand merge(app);
    cli::CompareRunsCommand compareRuns(app);
    const cli::LessonArguments lessons(app);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int rc = app.exit(e);
        return rc == 0 ? kExitOk : kExitBadInput;
    }
    if (const std::optional<int> rc = storeCommands.runChosen()) return *rc;
    if (lessons.chosen()) return lessons.listLessons();
    if (const std::optional<int> rc = compare.runChosen(lessons)) return *rc;
    if (const std::optional<int> rc = plan.runChosen(lessons)) return *rc;
    if (const std::optional<int> rc = merge.runChosen()) return *rc;
    if (const std::optional<int> rc = compareRuns.runChosen()) return *rc;
    scenarioPath = lessons.resolveScenario(scenarioPath);

    es::Scenario scenario;
    std::optional<es::SimTime> untilTime;
    try {
        const auto overrides = parseOverrides(sets);
        scenario = es::loadScenarioFile(scenarioPath, overrides, variant);
        for (const es::Diagnostic& w : scenario.warnings) std::cerr << w.format() << "\n";
        if (run->count("--seed")) scenario.seed = seed;
        if (!until.empty()) {
            untilTime = es::units::parseDuration(until);
            if (!untilTime && es::units::durationOutOfRange(until)) {
                std::cerr << fmt::format("--until {}: out of range; a duration can be at most {}\n", until,
                                         es::units::kMaxDurationText);
                return kExitBadInput;
            }
            if (!untilTime || *untilTime <= 0) {
                std::cerr << fmt::format("--until {}: expected a duration above 0, such as 60s or 5m\n", until);
                return kExitBadInput;
            }
        }
    } catch (const std::exception& e) {
        return cli::reportBadInput(scenarioPath, e);
    }

    if (*validate) {
        // Watched figures exist only in a built world's summary, and a variant may change its shape
        // (another style names other groups): build each one (the run's first step, no more).
        auto checkBuilt = [](const es::Scenario& sc) {
            if (sc.watch.empty()) return true;
            try {
                es::RunDriver check(sc);
                return true;
            } catch (const es::ScenarioError& e) {
                std::cerr << e.what() << "\n";
                return false;
            }
        };
        // Without --variant, every variant must load too: a variant is a promise the file makes.
        int bad = checkBuilt(scenario) ? 0 : 1;
        if (variant.empty()) {
            for (const std::string& v : scenario.variants) {
                try {
                    if (!checkBuilt(es::loadScenarioFile(scenarioPath, parseOverrides(sets), v))) ++bad;
                } catch (const es::ScenarioError& e) {
                    std::cerr << e.what() << "\n";
                    ++bad;
                }
            }
        }
        if (bad) return kExitBadInput;
        std::cout << fmt::format("{}: ok ({} services, {} brokers, {} failures{})\n", scenarioPath,
                                 scenario.services.size(), scenario.brokers.size(), scenario.failures.size(),
                                 scenario.variants.empty() ? std::string()
                                 : variant.empty() ? fmt::format(", variants {} ok", fmt::join(scenario.variants, ", "))
                                                   : fmt::format(", variant {}", variant));
        return kExitOk;
    }

    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    try {
        es::RunDriver driver(scenario, untilTime);
        driver.setOverridesText(sets);
        std::unique_ptr<cli::RunSaver> saver;
        if (!storeOptions.noStore) saver = std::make_unique<cli::RunSaver>(storeOptions, driver, sets);
        const bool tty = isatty(STDERR_FILENO);
        const es::RunSummary summary = driver.run(&g_stop, tty ? std::function<void(const es::RunProgress&)>(printProgress)
                                                                : std::function<void(const es::RunProgress&)>());
        if (tty) std::fprintf(stderr, "\r%80s\r", "");
        if (json) std::cout << es::summaryToJson(summary).dump(2) << "\n";
        else std::cout << es::summaryToText(summary);
        std::cout.flush();
        const bool saved = !saver || saver->finish(summary);
        if (!summary.conservationOk) return kExitInvariant;
        if (!saved) return kExitBadInput;
        // A partial summary (printed and saved above) is not a finished run: scripts must tell them apart.
        return summary.interrupted ? kExitInterrupted : kExitOk;
    } catch (const es::StoreError& e) {
        std::cerr << e.what() << "\n";
        return kExitBadInput;
    } catch (const es::ScenarioError& e) { // e.g. a watched figure the built world does not have
        std::cerr << e.what() << "\n";
        return kExitBadInput;
    } catch (const std::exception& e) {
        std::cerr << scenarioPath << ": " << e.what() << "\n";
        return kExitBadInput;
    }
}

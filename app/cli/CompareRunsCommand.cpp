#include "CompareRunsCommand.h"

#include "ExitCodes.h"
#include "compare/RunPair.h"
#include "compare/StoredSummary.h"
#include "scenario/ScenarioLoader.h"
#include "scenario/Units.h"
#include "store/RunStore.h"
#include "store/StoreOpen.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>
#include <iostream>

namespace cli {

namespace {

struct LoadedRun {
    es::RunRecord record;
    es::RunSummary summary;
    es::PairedRun paired;
};

// The failures the run had: its scenario as it was stored (text, variant, overrides), not the file now.
std::vector<es::FailureWindow> storedFailures(const es::RunRecord& r, const std::string& variant)
{
    std::vector<es::Override> overrides;
    for (const std::string& s : r.overrides) overrides.push_back(es::parseOverride(s));
    return es::failureWindows(es::loadScenarioText(r.scenarioText, r.scenarioPath, overrides, variant));
}

LoadedRun loadRun(es::RunStore& store, const std::string& spec, double recoveryLag)
{
    LoadedRun l;
    l.record = store.findRun(spec);
    if (!l.record.finished)
        throw es::StoreError(fmt::format("{}: run #{} is incomplete (it has no summary to compare)", store.path(), l.record.id));
    l.summary = es::comparedFiguresFromJson(nlohmann::json::parse(l.record.summaryJson, nullptr, false));
    l.paired.label = fmt::format("#{} ({}) {}{} seed {}{}", l.record.id, l.record.uuid.substr(0, 8), l.record.scenarioId,
                                 l.summary.variant.empty() ? "" : " variant " + l.summary.variant, l.record.seed,
                                 l.record.overrides.empty() ? "" : fmt::format(" --set {}", fmt::join(l.record.overrides, " ")));
    l.paired.recovery = es::recoveryAfterFailures(storedFailures(l.record, l.summary.variant),
                                                  es::worstLagOf(l.summary, store.loadSeries(l.record.id)), recoveryLag,
                                                  l.summary.simTime);
    return l;
}

} // namespace

CompareRunsCommand::CompareRunsCommand(CLI::App& app)
{
    command_ = app.add_subcommand("compare-runs", "Two stored runs' figures side by side, with their difference");
    command_->add_option("a", a_, "Run A: number, uuid prefix, or 'last'")->required();
    command_->add_option("b", b_, "Run B: number, uuid prefix, or 'last'")->required();
    command_->add_option("--store", storePath_, "Run store file (default: the per-user one, see README)");
    command_->add_option("--recovery-lag", recoveryLag_, "The lag the recovery figures use (default 1s)");
    command_->add_flag("--json", json_, "Print one JSON object (docs/cli-compare.md)");
}

std::optional<int> CompareRunsCommand::runChosen()
{
    if (!command_->parsed()) return std::nullopt;
    try {
        return run();
    } catch (const std::exception& e) { // StoreError, a stored scenario that no longer loads, bad JSON
        std::cerr << "compare-runs: " << e.what() << "\n";
        return kExitBadInput;
    }
}

int CompareRunsCommand::run()
{
    double lag = es::kDefaultRecoveryLagSeconds;
    if (!recoveryLag_.empty()) {
        const std::optional<es::SimTime> t = es::units::parseDuration(recoveryLag_);
        if (!t || *t < 0) {
            std::cerr << fmt::format("--recovery-lag {}: expected a duration such as 1s or 500ms\n", recoveryLag_);
            return kExitBadInput;
        }
        lag = es::toSeconds(*t);
    }
    const std::string path = storePath_.empty() ? es::defaultStorePath() : storePath_;
    if (!std::filesystem::exists(path)) throw es::StoreError(fmt::format("{}: no such run store", path));
    es::RunStore store(path);
    LoadedRun a = loadRun(store, a_, lag), b = loadRun(store, b_, lag);
    a.paired.summary = &a.summary;
    b.paired.summary = &b.summary;
    if (a.record.scenarioId != b.record.scenarioId)
        std::cerr << fmt::format("note: A runs {} and B runs {}: the figures may not mean the same\n", a.record.scenarioId,
                                 b.record.scenarioId);
    const es::RunPairTable table = es::pairRuns(a.paired, b.paired, lag);
    if (json_) {
        auto describe = [](const LoadedRun& l) {
            return nlohmann::json{{"id", l.record.id},           {"uuid", l.record.uuid},
                                  {"scenario_id", l.record.scenarioId}, {"variant", l.summary.variant},
                                  {"seed", l.record.seed},       {"overrides", l.record.overrides}};
        };
        std::cout << es::runPairToJson(table, nlohmann::json::array({describe(a), describe(b)})).dump(2) << "\n";
    } else {
        std::cout << es::runPairToText(table, a.paired, b.paired);
    }
    return kExitOk;
}

} // namespace cli

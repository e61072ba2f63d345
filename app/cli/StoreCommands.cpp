#include "StoreCommands.h"

#include "ExitCodes.h"
#include "run/JourneyFormat.h"
#include "run/RunDriver.h"
#include "store/CsvExport.h"
#include "store/RunRecorder.h"
#include "store/RunStore.h"
#include "store/StoreOpen.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <iostream>

namespace cli {

namespace {

std::string resolveStorePath(const std::string& given) { return given.empty() ? es::defaultStorePath() : given; }

// For the reading commands: a store that does not exist yet is not created just to be read.
bool storeExists(const std::string& path)
{
    std::error_code ec;
    return std::filesystem::exists(path, ec);
}

nlohmann::json runToJson(const es::RunRecord& r)
{
    return {{"id", r.id},
            {"uuid", r.uuid},
            {"started_at", r.startedAt},
            {"status", r.status()},
            {"finished", r.finished},
            {"scenario_id", r.scenarioId},
            {"title", r.title},
            {"scenario_path", r.scenarioPath},
            {"overrides", r.overrides},
            {"seed", r.seed},
            {"engine_version", r.engineVersion},
            {"traced", r.traced},
            {"planned_time_s", r.plannedTime},
            {"sim_time_s", r.simTime},
            {"wall_time_s", r.wallTime},
            {"events_processed", r.eventsProcessed},
            {"interrupted", r.interrupted},
            {"trace_digest", r.traceDigest},
            {"conservation_ok", r.conservationOk}};
}

} // namespace

void addRunStoreOptions(CLI::App& run, RunStoreOptions& options)
{
    CLI::Option* store = run.add_option(
        "--store", options.storePath,
        "Run store file (default: $XDG_DATA_HOME/eventscape/runs.sqlite, or ~/.local/share/eventscape/runs.sqlite)");
    CLI::Option* trace =
        run.add_flag("--trace", options.trace, "Also save every executed event (the event trace) with the run");
    CLI::Option* uuid = run.add_option("--run-uuid", options.runUuid,
                                       "The run's uuid (32 hex digits), as a plan's job line gives it; an unfinished "
                                       "run with it in the store (a killed attempt) is replaced");
    run.add_flag("--no-store", options.noStore, "Do not save the run in the run store")
        ->excludes(store)
        ->excludes(trace)
        ->excludes(uuid);
}

namespace {

// A plan's job run again (killed, requeued) writes the same uuid: its unfinished attempt gives way,
// a finished run does not (its shard is deleted to run it again).
std::unique_ptr<es::RunStore> storeForRun(const RunStoreOptions& options)
{
    auto store = std::make_unique<es::RunStore>(resolveStorePath(options.storePath));
    const std::string& uuid = options.runUuid;
    if (uuid.empty()) return store;
    if (uuid.size() != 32 || uuid.find_first_not_of("0123456789abcdef") != std::string::npos)
        throw es::StoreError(fmt::format("--run-uuid {}: expected 32 lowercase hex digits", uuid));
    if (store->removeUnfinishedRun(uuid))
        std::cerr << fmt::format("replacing the unfinished run {} in {}\n", uuid, store->path());
    if (store->loadRunByUuid(uuid))
        throw es::StoreError(fmt::format("{}: run {} is already there, finished; delete the file to run it again",
                                         store->path(), uuid));
    return store;
}

} // namespace

RunSaver::RunSaver(const RunStoreOptions& options, es::RunDriver& driver, const std::vector<std::string>& overrides)
    : store_(storeForRun(options)),
      recorder_(std::make_unique<es::RunRecorder>(*store_, driver, overrides, options.trace, options.runUuid))
{
}

RunSaver::~RunSaver() = default;

bool RunSaver::finish(const es::RunSummary& summary)
{
    try {
        recorder_->finish(summary);
    } catch (const std::exception& e) {
        std::cerr << fmt::format("run not saved (#{} stays incomplete): {}\n", recorder_->record().id, e.what());
        return false;
    }
    const es::RunRecord& r = recorder_->record();
    std::cerr << fmt::format("run saved: #{} ({}) in {}\n", r.id, r.uuid, store_->path());
    return true;
}

StoreCommands::StoreCommands(CLI::App& app)
{
    const char* storeHelp = "Run store file (default: the per-user one, see README)";
    runs_ = app.add_subcommand("runs", "List the runs in the run store");
    runs_->add_option("--store", storePath_, storeHelp);
    runs_->add_flag("--json", json_, "Print one JSON object {store, runs: [...]}");

    comparisons_ = app.add_subcommand("comparisons", "List the comparisons saved in the run store (compare --open N opens one)");
    comparisons_->add_option("--store", storePath_, storeHelp);
    comparisons_->add_flag("--json", json_, "Print one JSON object {store, comparisons: [...]}");

    show_ = app.add_subcommand("show", "Print a stored run's summary");
    show_->add_option("run", run_, "Run number, uuid prefix, or 'last'")->required();
    show_->add_option("--store", storePath_, storeHelp);
    show_->add_flag("--json", json_, "Print the stored summary as one JSON object (docs/cli-json.md, plus 'run')");
    show_->add_flag("--scenario", scenarioText_, "Print the scenario file as it was run instead");

    trace_ = app.add_subcommand("trace", "Print one message's journey from a run stored with --trace");
    trace_->add_option("run", run_, "Run number, uuid prefix, or 'last'")->required();
    trace_->add_option("id", traceId_, "A correlation id, or an event id (its correlation's journey is printed)")
        ->required()
        ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{INT64_MAX}));
    trace_->add_option("--store", storePath_, storeHelp);
    trace_->add_flag("--json", json_, "Print the journey as one JSON object (docs/cli-json.md, 'trace')");

    export_ = app.add_subcommand("export", "Write a stored run's time series and failures as CSV files, and its charts");
    export_->add_option("run", run_, "Run number, uuid prefix, or 'last'")->required();
    export_->add_option("--csv", csvDir_, "Folder for the CSV files (created if missing)");
    // The charts the window opens for the run's scenario (its charts: list, in order), drawn from the
    // stored series and latency histograms.
    export_->add_option("--png", charts_.pngDir, "Folder for the charts as PNG images (created if missing)");
    export_->add_option("--svg", charts_.svgDir, "Folder for the charts as SVG drawings (created if missing)");
    export_->add_option("--pdf", charts_.pdfDir, "Folder for the charts as PDF documents (created if missing)");
    export_->add_option("--size", charts_.size, "Chart size WIDTHxHEIGHT in pixels (SVG and PDF at 96 dpi)")->capture_default_str();
    export_->add_option("--dpi", charts_.dpi, "PNG resolution: scales the drawing and is written in the file")
        ->check(CLI::Range(24, 1200))
        ->capture_default_str();
    export_->add_flag("--all-charts", charts_.allCharts,
                      "Draw every chart of the run, not only those the scenario's charts: list names (listed first)");
    export_->add_option("--store", storePath_, storeHelp);
}

std::optional<int> StoreCommands::runChosen()
{
    try {
        if (*runs_) return listRuns();
        if (*comparisons_) return listComparisons();
        if (*show_) return showRun();
        if (*export_) return exportRun();
        if (*trace_) return traceJourney();
    } catch (const std::exception& e) {
        std::cerr << e.what() << "\n";
        return kExitBadInput;
    }
    return std::nullopt;
}

int StoreCommands::listRuns()
{
    const std::string path = resolveStorePath(storePath_);
    std::vector<es::RunRecord> runs;
    if (storeExists(path)) runs = es::RunStore(path).listRuns();
    if (json_) {
        nlohmann::json list = nlohmann::json::array();
        for (const es::RunRecord& r : runs) list.push_back(runToJson(r));
        std::cout << nlohmann::json{{"store", path}, {"runs", list}}.dump(2) << "\n";
        return kExitOk;
    }
    if (runs.empty()) {
        std::cout << fmt::format("no runs in {}\n", path);
        return kExitOk;
    }
    std::cout << fmt::format("{:>5}  {:<24}  {:<20}  {:>6}  {:>10}  {:<16}  {}\n", "run", "started (UTC)", "scenario",
                             "seed", "sim s", "trace digest", "status");
    for (const es::RunRecord& r : runs)
        std::cout << fmt::format("{:>5}  {:<24}  {:<20}  {:>6}  {:>10}  {:<16}  {}\n", fmt::format("#{}", r.id),
                                 r.startedAt, r.scenarioId, r.seed, r.finished ? fmt::format("{:.3f}", r.simTime) : "-",
                                 r.finished ? r.traceDigest : "-", r.status());
    return kExitOk;
}

int StoreCommands::listComparisons()
{
    const std::string path = resolveStorePath(storePath_);
    std::vector<es::ComparisonRecord> all;
    if (storeExists(path)) all = es::RunStore(path).listComparisons();
    auto rowsOf = [](const es::ComparisonRecord& c) {
        const nlohmann::json s = nlohmann::json::parse(c.settingsJson, nullptr, false);
        return s.is_object() && s.contains("variants") ? s["variants"] : nlohmann::json::array();
    };
    if (json_) {
        nlohmann::json list = nlohmann::json::array();
        for (const es::ComparisonRecord& c : all)
            list.push_back({{"id", c.id}, {"uuid", c.uuid}, {"created_at", c.createdAt}, {"scenario", c.scenarioId},
                            {"path", c.scenarioPath}, {"rows", rowsOf(c)}, {"runs", c.runs.size()}});
        std::cout << nlohmann::json{{"store", path}, {"comparisons", list}}.dump(2) << "\n";
        return kExitOk;
    }
    if (all.empty()) {
        std::cout << fmt::format("no comparisons in {}\n", path);
        return kExitOk;
    }
    std::cout << fmt::format("{:>5}  {:<24}  {:<20}  {:>5}  {:<8}  {}\n", "id", "made (UTC)", "scenario", "runs", "uuid", "rows");
    for (const es::ComparisonRecord& c : all) {
        std::string rows;
        for (const auto& r : rowsOf(c)) rows += (rows.empty() ? "" : ", ") + (r.is_string() ? r.get<std::string>() : std::string());
        std::cout << fmt::format("{:>5}  {:<24}  {:<20}  {:>5}  {:<8}  {}\n", fmt::format("#{}", c.id), c.createdAt,
                                 c.scenarioId, c.runs.size(), c.uuid.substr(0, 8), rows);
    }
    return kExitOk;
}

int StoreCommands::showRun()
{
    const std::string path = resolveStorePath(storePath_);
    if (!storeExists(path)) throw es::StoreError(fmt::format("{}: no run {} (the store does not exist yet)", path, run_));
    es::RunStore store(path);
    const es::RunRecord r = store.findRun(run_);
    const std::uint64_t traceRows = store.traceRowCount(r.id);
    if (scenarioText_) {
        std::cout << r.scenarioText;
        return kExitOk;
    }
    if (json_) {
        nlohmann::json out = nlohmann::json::object();
        if (r.finished && !r.summaryJson.empty()) out = nlohmann::json::parse(r.summaryJson);
        nlohmann::json run = runToJson(r);
        run["store"] = path;
        run["trace_rows"] = traceRows;
        out["run"] = run;
        std::cout << out.dump(2) << "\n";
        return kExitOk;
    }
    std::string overrides;
    for (const std::string& o : r.overrides) overrides += " --set " + o;
    std::cout << fmt::format("run #{} ({})  started {}  {}\n", r.id, r.uuid, r.startedAt, r.status());
    std::cout << fmt::format("scenario {}{}  seed {}  engine {}{}\n", r.scenarioPath, overrides, r.seed, r.engineVersion,
                             r.traced ? fmt::format("  trace: {} events", traceRows) : "");
    std::cout << "\n";
    if (!r.finished) {
        std::cout << "no summary: the run ended before its summary was written (killed or crashed)\n";
        return kExitOk;
    }
    std::cout << r.summaryText;
    return kExitOk;
}

int StoreCommands::traceJourney()
{
    const std::string path = resolveStorePath(storePath_);
    if (!storeExists(path)) throw es::StoreError(fmt::format("{}: no run {} (the store does not exist yet)", path, run_));
    es::RunStore store(path);
    const es::RunRecord r = store.findRun(run_);
    if (!r.traced)
        throw es::StoreError(fmt::format("run #{} was stored without its trace; run it again with --trace: "
                                         "eventscape-cli run {} --seed {} --trace",
                                         r.id, r.scenarioPath.empty() ? r.scenarioId : r.scenarioPath, r.seed));
    if (store.journeyStepCount(r.id) == 0)
        throw es::StoreError(fmt::format("run #{} has an event trace but no message journeys: it was stored by an "
                                         "Eventscape before journeys were recorded (store schema 4); run it again with --trace",
                                         r.id));
    es::Journey journey = store.loadJourney(r.id, traceId_);
    journey.seenUntil = es::fromSeconds(r.simTime);
    if (json_) {
        nlohmann::ordered_json out = es::journeyJson(journey);
        out["run"] = r.id;
        std::cout << out.dump(2) << "\n";
    } else {
        std::cout << es::journeyText(journey, fmt::format("run #{}", r.id));
    }
    return journey.found() ? kExitOk : kExitBadInput;
}

int StoreCommands::exportRun()
{
    if (csvDir_.empty() && !charts_.any()) {
        std::cerr << "export: nothing to write; give --csv DIR and/or --png DIR, --svg DIR, --pdf DIR\n";
        return kExitBadInput;
    }
    const std::string path = resolveStorePath(storePath_);
    if (!storeExists(path)) throw es::StoreError(fmt::format("{}: no run {} (the store does not exist yet)", path, run_));
    es::RunStore store(path);
    const es::RunRecord r = store.findRun(run_);
    if (!r.finished)
        std::cerr << fmt::format("run #{} is incomplete: it has no time series; exporting what it has\n", r.id);
    if (!csvDir_.empty())
        for (const std::string& file : es::exportRunCsv(store, r.id, csvDir_)) std::cout << file << "\n";
    if (charts_.any()) return exportStoredRunCharts(store, r, charts_);
    return kExitOk;
}

} // namespace cli

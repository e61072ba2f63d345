#include "store/RunStore.h"

#include "metrics/TimeSeries.h"
#include "run/SummaryFormat.h"
#include "store/StoreOpen.h"
#include "store/StoredJourney.h"
#include "store/StoredLatency.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <ctime>
#include <random>

namespace es {

using sqlite::Statement;
using sqlite::Transaction;

namespace {

constexpr const char* kRunColumns =
    "id, uuid, started_at, finished, scenario_id, title, scenario_path, overrides, seed, engine_version, traced, "
    "planned_time_s, sim_time_s, wall_time_s, events_processed, interrupted, trace_digest, conservation_ok";

// Reads the kRunColumns of the current row (and, when `full`, scenario_text, summary_json and summary_text after them).
RunRecord readRun(const Statement& st, bool full)
{
    RunRecord r;
    r.id = st.int64At(0);
    r.uuid = st.textAt(1);
    r.startedAt = st.textAt(2);
    r.finished = st.int64At(3) != 0;
    r.scenarioId = st.textAt(4);
    r.title = st.textAt(5);
    r.scenarioPath = st.textAt(6);
    const auto overrides = nlohmann::json::parse(st.textAt(7), nullptr, false);
    if (overrides.is_array())
        for (const auto& o : overrides)
            if (o.is_string()) r.overrides.push_back(o.get<std::string>());
    r.seed = st.uint64At(8);
    r.engineVersion = st.textAt(9);
    r.traced = st.int64At(10) != 0;
    r.plannedTime = st.isNull(11) ? 0 : st.doubleAt(11);
    r.simTime = st.isNull(12) ? 0 : st.doubleAt(12);
    r.wallTime = st.isNull(13) ? 0 : st.doubleAt(13);
    r.eventsProcessed = st.uint64At(14);
    r.interrupted = st.int64At(15) != 0;
    r.traceDigest = st.textAt(16);
    r.conservationOk = st.int64At(17) != 0;
    if (full) {
        r.scenarioText = st.textAt(18);
        r.summaryJson = st.textAt(19);
        r.summaryText = st.textAt(20);
    }
    return r;
}

bool isHex(const std::string& s)
{
    return !s.empty() && s.find_first_not_of("0123456789abcdefABCDEF") == std::string::npos;
}

} // namespace

std::string RunRecord::status() const
{
    if (!finished) return "incomplete";
    if (!conservationOk) return "violated";
    if (interrupted) return "interrupted";
    return "ok";
}

RunStore::RunStore(const std::string& path) : db_(openStoreDatabase(path)) {}

RunStore::~RunStore() = default;

const std::string& RunStore::path() const { return db_->path(); }

std::string RunStore::newUuid()
{
    std::random_device rd;
    std::string out;
    for (int i = 0; i < 4; ++i) out += fmt::format("{:08x}", static_cast<std::uint32_t>(rd()));
    return out;
}

std::string RunStore::utcNow()
{
    using namespace std::chrono;
    const auto now = system_clock::now();
    const std::time_t secs = system_clock::to_time_t(now);
    const auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm tm{};
    gmtime_r(&secs, &tm);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                       tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
}

void RunStore::beginRun(RunRecord& run)
{
    if (run.uuid.empty()) run.uuid = newUuid();
    if (run.startedAt.empty()) run.startedAt = utcNow();
    Transaction tx(*db_);
    Statement st(*db_, "INSERT INTO runs (uuid, started_at, finished, scenario_id, title, scenario_path, scenario_text, "
                       "overrides, seed, engine_version, traced, planned_time_s) "
                       "VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, run.uuid).bind(2, run.startedAt).bind(3, run.scenarioId).bind(4, run.title).bind(5, run.scenarioPath);
    st.bind(6, run.scenarioText).bind(7, nlohmann::json(run.overrides).dump()).bind(8, run.seed);
    st.bind(9, run.engineVersion).bind(10, run.traced).bind(11, run.plannedTime);
    st.run();
    run.id = db_->lastInsertId();
    run.finished = false;
    tx.commit();
}

void RunStore::appendTrace(std::int64_t runId, std::uint64_t firstSeq, const std::vector<TraceRow>& rows,
                           const std::vector<std::string>& componentNames)
{
    if (rows.empty()) return;
    if (!insertTrace_)
        insertTrace_ = std::make_unique<Statement>(
            *db_, "INSERT INTO trace (run_id, seq, t_ns, component, kind, a, b) VALUES (?, ?, ?, ?, ?, ?, ?)");
    Statement& st = *insertTrace_;
    Transaction tx(*db_);
    std::uint64_t seq = firstSeq;
    for (const TraceRow& r : rows) {
        const std::string_view name =
            r.component < componentNames.size() ? std::string_view(componentNames[r.component]) : std::string_view();
        st.bind(1, runId).bind(2, seq++).bind(3, static_cast<std::int64_t>(r.time)).bind(4, name);
        st.bind(5, static_cast<std::int64_t>(r.kind)).bind(6, r.a).bind(7, r.b);
        st.run();
    }
    tx.commit();
}

void RunStore::writeJourneyNames(std::int64_t runId, const std::vector<JourneyNode>& nodes, const std::vector<std::string>& types)
{
    Transaction tx(*db_);
    es::writeJourneyNames(*db_, runId, nodes, types);
    tx.commit();
}

void RunStore::appendJourney(std::int64_t runId, std::uint64_t firstSeq, const std::vector<JourneyStep>& steps)
{
    if (steps.empty()) return;
    Transaction tx(*db_);
    writeJourneySteps(*db_, runId, firstSeq, steps);
    tx.commit();
}

Journey RunStore::loadJourney(std::int64_t runId, std::uint64_t id) { return readJourney(*db_, runId, id); }

std::uint64_t RunStore::journeyStepCount(std::int64_t runId) { return es::journeyStepCount(*db_, runId); }

void RunStore::finishRun(std::int64_t runId, const RunSummary& s, const TimeSeriesSet* series,
                         const std::vector<LatencyDistribution>& latency)
{
    Transaction tx(*db_);
    {
        Statement st(*db_, "UPDATE runs SET finished = 1, sim_time_s = ?, wall_time_s = ?, events_processed = ?, "
                           "interrupted = ?, trace_digest = ?, conservation_ok = ?, summary_json = ?, "
                           "summary_text = ?, planned_time_s = ? WHERE id = ? AND finished = 0");
        st.bind(1, s.simTime).bind(2, s.wallTime).bind(3, s.eventsProcessed).bind(4, s.interrupted);
        st.bind(5, digestHex(s.traceDigest)).bind(6, s.conservationOk).bind(7, summaryToJson(s).dump());
        st.bind(8, summaryToText(s)).bind(9, s.plannedTime).bind(10, runId);
        st.run();
        if (db_->changes() != 1)
            throw StoreError(fmt::format("{}: run #{} is not an unfinished run of this store", path(), runId));
    }
    if (series) {
        Statement name(*db_, "INSERT INTO series (run_id, idx, name) VALUES (?, ?, ?)");
        Statement sample(*db_, "INSERT INTO samples (run_id, series_idx, row, t_s, value) VALUES (?, ?, ?, ?, ?)");
        for (std::size_t c = 0; c < series->seriesCount(); ++c) {
            name.bind(1, runId).bind(2, static_cast<std::int64_t>(c)).bind(3, series->name(c));
            name.run();
            for (std::size_t r = 0; r < series->rowCount(); ++r) {
                sample.bind(1, runId).bind(2, static_cast<std::int64_t>(c)).bind(3, static_cast<std::int64_t>(r));
                sample.bind(4, toSeconds(series->timeAt(r))).bind(5, series->valueAt(r, c));
                sample.run();
            }
        }
    }
    Statement failure(*db_, "INSERT INTO failures (run_id, seq, at_s, target, what) VALUES (?, ?, ?, ?, ?)");
    std::int64_t seq = 0;
    for (const FailureEvent& f : s.failures) {
        failure.bind(1, runId).bind(2, seq++).bind(3, f.at).bind(4, f.target).bind(5, f.what);
        failure.run();
    }
    writeLatencyDistributions(*db_, runId, latency);
    tx.commit();
}

std::vector<RunRecord> RunStore::listRuns()
{
    Statement st(*db_, fmt::format("SELECT {} FROM runs ORDER BY id", kRunColumns));
    std::vector<RunRecord> out;
    while (st.step()) out.push_back(readRun(st, false));
    return out;
}

std::optional<RunRecord> RunStore::loadRun(std::int64_t id)
{
    Statement st(*db_, fmt::format("SELECT {}, scenario_text, summary_json, summary_text FROM runs WHERE id = ?", kRunColumns));
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return readRun(st, true);
}

std::optional<RunRecord> RunStore::loadRunByUuid(const std::string& uuid)
{
    Statement st(*db_, fmt::format("SELECT {}, scenario_text, summary_json, summary_text FROM runs WHERE uuid = ?", kRunColumns));
    st.bind(1, uuid);
    if (!st.step()) return std::nullopt;
    return readRun(st, true);
}

bool RunStore::removeUnfinishedRun(const std::string& uuid)
{
    Transaction tx(*db_);
    // Every child table names its run with ON DELETE CASCADE (StoreSchema.cpp), and foreign keys are on.
    Statement st(*db_, "DELETE FROM runs WHERE uuid = ? AND finished = 0");
    st.bind(1, uuid);
    st.run();
    const bool removed = db_->changes() > 0;
    tx.commit();
    return removed;
}

RunRecord RunStore::findRun(const std::string& spec)
{
    if (spec == "last" || spec == "latest") {
        const std::int64_t id = db_->queryInt("SELECT max(id) FROM runs");
        if (auto r = loadRun(id)) return *r;
        throw StoreError(fmt::format("{}: no runs yet", path()));
    }
    const bool numeric = !spec.empty() && spec.find_first_not_of("0123456789") == std::string::npos;
    if (numeric && spec.size() < 19)
        if (auto r = loadRun(std::stoll(spec))) return *r;
    if (isHex(spec)) {
        Statement st(*db_, "SELECT id FROM runs WHERE substr(uuid, 1, ?) = lower(?) LIMIT 2");
        st.bind(1, static_cast<std::int64_t>(spec.size())).bind(2, spec);
        std::vector<std::int64_t> ids;
        while (st.step()) ids.push_back(st.int64At(0));
        if (ids.size() > 1)
            throw StoreError(fmt::format("{}: run {} is ambiguous (several run uuids start with it); give more digits",
                                         path(), spec));
        if (ids.size() == 1) return *loadRun(ids[0]);
    }
    throw StoreError(fmt::format("{}: no run {} (give a run number from `eventscape-cli runs`, a uuid prefix, "
                                 "or 'last')",
                                 path(), spec));
}

std::vector<StoredSeries> RunStore::loadSeries(std::int64_t runId)
{
    std::vector<StoredSeries> out;
    Statement names(*db_, "SELECT idx, name FROM series WHERE run_id = ? ORDER BY idx");
    names.bind(1, runId);
    std::vector<std::int64_t> indices;
    while (names.step()) {
        indices.push_back(names.int64At(0));
        out.push_back(StoredSeries{names.textAt(1), {}, {}});
    }
    Statement rows(*db_, "SELECT t_s, value FROM samples WHERE run_id = ? AND series_idx = ? ORDER BY row");
    for (std::size_t i = 0; i < out.size(); ++i) {
        rows.bind(1, runId).bind(2, indices[i]);
        while (rows.step()) {
            out[i].times.push_back(rows.doubleAt(0));
            out[i].values.push_back(rows.doubleAt(1));
        }
        rows.reset();
    }
    return out;
}

std::vector<FailureEvent> RunStore::loadFailures(std::int64_t runId)
{
    Statement st(*db_, "SELECT at_s, target, what FROM failures WHERE run_id = ? ORDER BY seq");
    st.bind(1, runId);
    std::vector<FailureEvent> out;
    while (st.step()) out.push_back(FailureEvent{st.doubleAt(0), st.textAt(1), st.textAt(2)});
    return out;
}

std::vector<LatencyDistribution> RunStore::loadLatency(std::int64_t runId) { return readLatencyDistributions(*db_, runId); }

void RunStore::saveComparison(ComparisonRecord& comparison) { writeComparison(*db_, comparison); }

std::vector<ComparisonRecord> RunStore::listComparisons() { return readComparisons(*db_); }

std::uint64_t RunStore::traceRowCount(std::int64_t runId)
{
    Statement st(*db_, "SELECT count(*) FROM trace WHERE run_id = ?");
    st.bind(1, runId);
    return st.step() ? st.uint64At(0) : 0;
}

void RunStore::forEachTraceRow(std::int64_t runId, const std::function<void(const StoredTraceRow&)>& fn)
{
    Statement st(*db_, "SELECT seq, t_ns, component, kind, a, b FROM trace WHERE run_id = ? ORDER BY seq");
    st.bind(1, runId);
    while (st.step())
        fn(StoredTraceRow{st.uint64At(0), st.int64At(1), st.textAt(2), static_cast<std::uint32_t>(st.int64At(3)),
                          st.uint64At(4), st.uint64At(5)});
}

} // namespace es

#pragma once
// The run store: every run's scenario, settings, summary, sampled time series, failure log and
// (optionally) event trace, in one SQLite file (schema in StoreSchema.cpp).
//
// A run is written in three steps, each its own transaction, so a process killed at any point
// leaves a valid store with every earlier run intact: beginRun() inserts it unfinished, trace
// batches stream in while it runs, and finishRun() writes the summary, series, failures and latency
// histograms and marks it finished, all at once. A run that never finished is listed as "incomplete".
#include "kernel/SimTime.h"
#include "metrics/LatencyDistribution.h"
#include "model/journey/Journey.h"
#include "run/RunSummary.h"
#include "store/SqliteHandle.h"
#include "store/StoredComparison.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace es {

class TimeSeriesSet;

struct RunRecord {
    std::int64_t id = 0;
    std::string uuid;      // 32 hex digits, random: unique across machines
    std::string startedAt; // ISO 8601 UTC, e.g. 2025-01-31T09:15:02.123Z
    bool finished = false;
    std::string scenarioId, title, scenarioPath;
    std::string scenarioText; // the file's contents (not filled by listRuns())
    std::vector<std::string> overrides;
    std::uint64_t seed = 0;
    std::string engineVersion;
    bool traced = false;
    double plannedTime = 0;
    // Set when finished:
    double simTime = 0, wallTime = 0;
    std::uint64_t eventsProcessed = 0;
    bool interrupted = false;
    std::string traceDigest; // 16 hex digits
    bool conservationOk = false;
    std::string summaryJson; // summaryToJson(), as printed by `run --json` (not filled by listRuns())
    std::string summaryText; // summaryToText(), as printed by `run` (not filled by listRuns())

    // "ok", "violated" (conservation), "interrupted" (stopped early, summary saved) or "incomplete"
    // (the process ended before the summary was written).
    std::string status() const;
};

struct StoredSeries {
    std::string name;
    std::vector<double> times;  // seconds
    std::vector<double> values; // NaN where the sample was NaN
};

// One executed event of a recorded trace, as handed to appendTrace(): `component` indexes the
// names passed alongside.
struct TraceRow {
    SimTime time = 0;
    std::uint32_t component = 0;
    std::uint32_t kind = 0;
    std::uint64_t a = 0, b = 0;
};

struct StoredTraceRow {
    std::uint64_t seq = 0;
    SimTime time = 0;
    std::string component;
    std::uint32_t kind = 0;
    std::uint64_t a = 0, b = 0;
};

class RunStore {
public:
    // Opens or creates the store (see openStoreDatabase()); throws a StoreError naming the file.
    explicit RunStore(const std::string& path);
    ~RunStore();
    RunStore(const RunStore&) = delete;
    RunStore& operator=(const RunStore&) = delete;

    const std::string& path() const;

    // Inserts a run as unfinished. Fills `id`, and `uuid` and `startedAt` when empty.
    void beginRun(RunRecord& run);
    // Appends trace rows seq = firstSeq, firstSeq + 1, ... in one transaction.
    void appendTrace(std::int64_t runId, std::uint64_t firstSeq, const std::vector<TraceRow>& rows,
                     const std::vector<std::string>& componentNames);
    // Writes the summary, the series (may be null), the failure log and each consumer group's final
    // latency histogram, and marks the run finished, in one transaction. Throws when the run is
    // unknown or already finished.
    void finishRun(std::int64_t runId, const RunSummary& summary, const TimeSeriesSet* series,
                   const std::vector<LatencyDistribution>& latency = {});

    // Every run, oldest first, without the scenario text and summary.
    std::vector<RunRecord> listRuns();
    std::optional<RunRecord> loadRun(std::int64_t id);
    std::optional<RunRecord> loadRunByUuid(const std::string& uuid);
    // Removes a run that never finished (a killed attempt of a job run again with the same
    // --run-uuid) with everything recorded for it. False when there is none; a finished run is kept.
    bool removeUnfinishedRun(const std::string& uuid);
    // RUN as typed on the command line: a numeric id, "last", or a unique prefix of the uuid.
    // Throws a StoreError when it names no run or several.
    RunRecord findRun(const std::string& spec);
    std::vector<StoredSeries> loadSeries(std::int64_t runId);
    std::vector<FailureEvent> loadFailures(std::int64_t runId);
    // Each consumer group's latency histogram at the end of the run; empty for a run stored by an
    // Eventscape before schema 2.
    std::vector<LatencyDistribution> loadLatency(std::int64_t runId);
    // Comparisons (`compare`, StoredComparison.h): saved in one transaction; listed oldest first.
    void saveComparison(ComparisonRecord& comparison);
    std::vector<ComparisonRecord> listComparisons();
    std::uint64_t traceRowCount(std::int64_t runId);
    // Message journeys of a run recorded with --trace (StoredJourney.h): the names its steps index,
    // written once before the run; the steps, appended in batches (seq = firstSeq, ...), one
    // transaction each; one journey by correlation or event id.
    void writeJourneyNames(std::int64_t runId, const std::vector<JourneyNode>& nodes, const std::vector<std::string>& types);
    void appendJourney(std::int64_t runId, std::uint64_t firstSeq, const std::vector<JourneyStep>& steps);
    Journey loadJourney(std::int64_t runId, std::uint64_t id);
    std::uint64_t journeyStepCount(std::int64_t runId);
    void forEachTraceRow(std::int64_t runId, const std::function<void(const StoredTraceRow&)>& fn);

    // A fresh run uuid (128 random bits from std::random_device, as 32 hex digits).
    static std::string newUuid();
    // The current time as ISO 8601 UTC with milliseconds.
    static std::string utcNow();

private:
    std::unique_ptr<sqlite::Database> db_;
    std::unique_ptr<sqlite::Statement> insertTrace_; // prepared once, reused by every batch
};

} // namespace es

#pragma once
// Records one run of a RunDriver into a RunStore: the run is inserted unfinished before it starts,
// with `trace` its executed events and every step of every message's journey (StoredJourney.h)
// stream into the store in batches (one transaction each) while it runs, and finish() writes the summary, time series and failure log in the last transaction.
// Front ends (the CLI, the window) use it the same way:
//     RunRecorder rec(store, driver, overrides, trace);
//     RunSummary s = driver.run(...);
//     rec.finish(s);
#include "kernel/Simulation.h"
#include "store/BatchedRows.h"
#include "store/RunStore.h"
#include "store/StoredJourney.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace es {

class RunDriver;

// A TraceSink that buffers executed events and appends them to the store every `batchRows` rows
// (BatchedRows: a store error stops recording and flush() rethrows it).
class StoreTraceSink final : public TraceSink {
public:
    static constexpr std::size_t kDefaultBatchRows = 10000;

    StoreTraceSink(RunStore& store, std::int64_t runId, std::size_t batchRows = kDefaultBatchRows);
    void onEvent(const Event& ev, const std::string& componentName) override;
    // Writes the rows still buffered; throws the first store error met while recording.
    void flush() { rows_.flush(); }
    std::uint64_t rowsTraced() const { return rows_.rows(); }

private:
    std::vector<std::string> names_; // by component index
    BatchedRows<TraceRow> rows_;
};

class RunRecorder {
public:
    // Inserts the run (unfinished) now. `overrides` are the --set texts; the scenario text is read
    // from the scenario's source file (empty for a scenario not loaded from a file). `uuid`: the
    // run's uuid when it was chosen in advance (a plan's job), else a fresh one.
    RunRecorder(RunStore& store, RunDriver& driver, std::vector<std::string> overrides, bool trace,
                std::string uuid = {});
    ~RunRecorder();
    RunRecorder(const RunRecorder&) = delete;
    RunRecorder& operator=(const RunRecorder&) = delete;

    const RunRecord& record() const { return record_; }
    std::uint64_t traceRows() const { return sink_ ? sink_->rowsTraced() : 0; }

    // Writes the last trace batch, then the summary, series, failure log and each consumer group's
    // latency histogram, and marks the run finished. Throws a StoreError (the run then stays "incomplete").
    void finish(const RunSummary& summary);

private:
    RunStore& store_;
    RunDriver& driver_;
    RunRecord record_;
    std::unique_ptr<StoreTraceSink> sink_;
    std::unique_ptr<StoreJourneySink> journey_;
};

// The contents of a scenario file, for the record. Throws a StoreError when it cannot be read.
std::string readScenarioText(const std::string& path);

} // namespace es

#pragma once
// Message journeys in the run store (tables journey and journey_names, schema 4): a run recorded with
// --trace keeps every domain-level step, so `eventscape-cli trace RUN ID` can tell one message's
// journey later without running anything again.
#include "model/journey/Journey.h"
#include "store/BatchedRows.h"
#include "store/SqliteHandle.h"

#include <cstdint>
#include <vector>

namespace es {

class RunStore;

// Inside the caller's transaction.
void writeJourneyNames(sqlite::Database& db, std::int64_t runId, const std::vector<JourneyNode>& nodes,
                       const std::vector<std::string>& types);
void writeJourneySteps(sqlite::Database& db, std::int64_t runId, std::uint64_t firstSeq, const std::vector<JourneyStep>& steps);
// The journey of correlation `id`, or of the event `id` (its correlation's); not found: no steps.
Journey readJourney(sqlite::Database& db, std::int64_t runId, std::uint64_t id);
std::uint64_t journeyStepCount(sqlite::Database& db, std::int64_t runId);

// A JourneySink that appends the steps to the store every `batchRows` (BatchedRows: a store error
// stops recording and flush() rethrows it), as StoreTraceSink does the trace.
class StoreJourneySink final : public JourneySink {
public:
    static constexpr std::size_t kDefaultBatchRows = 10000;
    StoreJourneySink(RunStore& store, std::int64_t runId, std::size_t batchRows = kDefaultBatchRows);
    void onStep(const JourneyStep& step) override { rows_.add(step); }
    void flush() { rows_.flush(); }

private:
    BatchedRows<JourneyStep> rows_;
};

} // namespace es

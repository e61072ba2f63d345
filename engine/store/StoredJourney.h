#pragma once
// Message journeys in the run store (tables journey and journey_names, schema 4): a run recorded with
// --trace keeps every domain-level step, so `eventscape-cli trace RUN ID` can tell one message's
// journey later without running anything again.
#include "model/journey/Journey.h"
#include "store/SqliteHandle.h"

#include <cstdint>
#include <exception>
#include <memory>
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

// A JourneySink that buffers steps and appends them to the store every `batchRows`, one transaction
// each. As StoreTraceSink: a store error cannot travel through the engine, so it is kept, recording
// stops, and flush() rethrows it.
class StoreJourneySink final : public JourneySink {
public:
    static constexpr std::size_t kDefaultBatchRows = 10000;
    StoreJourneySink(RunStore& store, std::int64_t runId, std::size_t batchRows = kDefaultBatchRows);
    void onStep(const JourneyStep& step) override;
    void flush();

private:
    void writeBatch();
    RunStore& store_;
    std::int64_t runId_;
    std::size_t batchRows_;
    std::vector<JourneyStep> buffer_;
    std::uint64_t seq_ = 0;
    std::exception_ptr error_;
};

} // namespace es

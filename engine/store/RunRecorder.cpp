#include "store/RunRecorder.h"

#include "model/MetricsSampler.h"
#include "run/RunDriver.h"
#include "store/StoredLatency.h"

#include <fstream>
#include <sstream>

namespace es {

StoreTraceSink::StoreTraceSink(RunStore& store, std::int64_t runId, std::size_t batchRows)
    : rows_(batchRows, [this, &store, runId](std::uint64_t firstSeq, const std::vector<TraceRow>& rows) {
          store.appendTrace(runId, firstSeq, rows, names_);
      })
{
}

void StoreTraceSink::onEvent(const Event& ev, const std::string& componentName)
{
    if (ev.target >= names_.size()) names_.resize(ev.target + 1);
    if (names_[ev.target].empty()) names_[ev.target] = componentName;
    rows_.add(TraceRow{ev.time, ev.target, ev.kind, ev.a, ev.b});
}

std::string readScenarioText(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) throw StoreError(path + ": cannot read the scenario file to record it");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

RunRecorder::RunRecorder(RunStore& store, RunDriver& driver, std::vector<std::string> overrides, bool trace,
                         std::string uuid)
    : store_(store), driver_(driver)
{
    record_.uuid = std::move(uuid);
    const Scenario& sc = driver.world().scenario();
    record_.scenarioId = sc.id;
    record_.title = sc.title;
    record_.scenarioPath = sc.sourcePath;
    if (!sc.sourcePath.empty()) record_.scenarioText = readScenarioText(sc.sourcePath);
    record_.overrides = std::move(overrides);
    record_.seed = sc.seed;
    record_.engineVersion = EVENTSCAPE_VERSION;
    record_.traced = trace;
    record_.plannedTime = toSeconds(driver.endTime());
    store_.beginRun(record_);
    if (trace) {
        sink_ = std::make_unique<StoreTraceSink>(store_, record_.id);
        driver_.world().sim().setTraceSink(sink_.get());
        journey_ = std::make_unique<StoreJourneySink>(store_, record_.id);
        driver_.world().setJourneySink(journey_.get());
    }
}

RunRecorder::~RunRecorder()
{
    if (sink_) driver_.world().sim().setTraceSink(nullptr);
    if (journey_) driver_.world().setJourneySink(nullptr);
}

void RunRecorder::finish(const RunSummary& summary)
{
    if (sink_) {
        driver_.world().sim().setTraceSink(nullptr);
        sink_->flush();
    }
    if (journey_) {
        driver_.world().setJourneySink(nullptr);
        journey_->flush();
        // At the end: handlers name the types they emit as they first emit them.
        store_.writeJourneyNames(record_.id, journeyNodes(driver_.world()), journeyTypes(driver_.world()));
    }
    store_.finishRun(record_.id, summary, &driver_.world().sampler().series(), latencyDistributionsOf(driver_.world()));
    record_.finished = true;
}

} // namespace es

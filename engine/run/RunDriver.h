#pragma once
// One run, from a resolved scenario to its summary, for both front ends (OMNeT++'s AppBase role):
// it builds the world, runs it in slices so the caller can show progress or stop it, and turns the
// end state into a RunSummary.
#include "model/World.h"
#include "run/RunSummary.h"
#include "scenario/Scenario.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace es {

struct RunProgress {
    double simTime = 0, plannedTime = 0;
    std::uint64_t events = 0;
    double wallSeconds = 0;
};

class RunDriver {
public:
    // `until` overrides the scenario's duration.
    RunDriver(const Scenario& scenario, std::optional<SimTime> until = std::nullopt);
    ~RunDriver();

    World& world() { return *world_; }
    const World& world() const { return *world_; }
    SimTime endTime() const { return end_; }

    // Runs to the end (or until `stop`), calling `progress` about every `progressEvery` of wall time.
    RunSummary run(const std::atomic<bool>* stop = nullptr, const std::function<void(const RunProgress&)>& progress = {},
                   std::chrono::milliseconds progressEvery = std::chrono::milliseconds(250));
    RunSummary summarize(bool interrupted, double wallSeconds) const;

    void setOverridesText(std::vector<std::string> texts) { overrides_ = std::move(texts); }

private:
    std::unique_ptr<World> world_;
    SimTime end_;
    std::vector<std::string> overrides_;
};

} // namespace es

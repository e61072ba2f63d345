#pragma once
// Replications: every variant of a scenario run with the same N seeds (seed k = the scenario's seed
// + k, so the runs are paired across variants), on a pool of std::jthread workers. Each run goes
// through RunDriver exactly as `eventscape-cli run` does, so a replication reproduces the digest of
// `run --variant V --seed S`. A run is a pure function of (scenario, overrides, seed): the results
// do not depend on the number of workers or on which worker ran what.
#include "compare/RecoveryTime.h"
#include "compare/Sweep.h"
#include "metrics/TimeSeries.h"
#include "run/RunSummary.h"
#include "scenario/Scenario.h"
#include "scenario/ScenarioLoader.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace es {

class RunDriver;

// The name a comparison gives the scenario without any variant.
inline constexpr const char* kBaseVariant = "base";

struct ReplicationPlan {
    std::string scenarioPath;
    std::vector<std::string> variants; // kBaseVariant and/or names from `variants:`; empty: base and all
    std::vector<std::string> sets;     // --set texts, applied after each variant's own overrides
    int seeds = 1;
    unsigned jobs = 0;                 // worker threads; 0: std::thread::hardware_concurrency()
    bool keepSeries = false;           // keep each run's sampled series (for --export)
    std::optional<Sweep> sweep;        // each variant at each point (key=value after `sets`)
    double recoveryLag = kDefaultRecoveryLagSeconds; // seconds: the lag a group has recovered under (RecoveryTime.h)
};

// One row of the comparison: a variant, at one sweep point when there is a sweep.
struct PlanRow {
    std::string label;   // the variant; with a sweep "KEY=VALUE" (one variant) or "VARIANT KEY=VALUE"
    std::string variant; // kBaseVariant or the variant's name
    std::string point;   // the sweep value, empty without a sweep
    std::vector<std::string> sets; // the plan's sets, then KEY=VALUE
};

// One run of the plan: row index × seed index.
struct RunTask {
    std::size_t index = 0; // in the plan's order: row-major, then seed
    std::size_t row = 0;
    int seedIndex = 0;
    std::uint64_t seed = 0;
};

struct RunOutcome {
    RunTask task;
    bool done = false; // false: cancelled before it started, or interrupted
    RunSummary summary;
    RecoveryFigures recovery; // from the run's sampled lag, after the scenario's failures
    std::shared_ptr<const TimeSeriesSet> series; // kept only with plan.keepSeries
};

// Called on the worker thread that runs the task (implementations serialise what they share):
// started() after the driver is built and before it runs, finished() after the summary is made.
class RunObserver {
public:
    virtual ~RunObserver() = default;
    virtual void started(const RunTask& task, RunDriver& driver) = 0;
    virtual void finished(const RunTask& task, RunDriver& driver, const RunSummary& summary) = 0;
};

struct ReplicationProgress {
    std::size_t done = 0, total = 0;
    double fraction = 0;   // runs done plus the simulated share of the runs in progress, / total
    double wallSeconds = 0;
    double etaSeconds = 0; // NaN until something is known
};

class Replications {
public:
    // Loads the scenario once per row and checks the plan; throws a ScenarioError (a bad
    // variant name, a bad --set) or std::invalid_argument (seeds < 1) before anything runs.
    explicit Replications(ReplicationPlan plan);

    const ReplicationPlan& plan() const { return plan_; }
    std::uint64_t firstSeed() const { return firstSeed_; }
    std::vector<std::uint64_t> seeds() const;
    unsigned jobs() const;
    const std::vector<PlanRow>& rows() const { return rows_; }
    const Scenario& scenario(std::size_t row) const { return scenarios_[row]; }
    std::vector<RunTask> tasks() const;

    // Runs every task; `stop` cancels (runs in progress end interrupted, the rest do not start).
    // `progress` is called on the calling thread about every `progressEvery`. The outcomes are in
    // task order whatever the number of workers. Rethrows the first exception a run threw.
    std::vector<RunOutcome> run(const std::atomic<bool>* stop = nullptr, RunObserver* observer = nullptr,
                                const std::function<void(const ReplicationProgress&)>& progress = {},
                                std::chrono::milliseconds progressEvery = std::chrono::milliseconds(250));

private:
    ReplicationPlan plan_;
    std::vector<PlanRow> rows_;
    std::vector<Scenario> scenarios_; // per row, the seed still the scenario's
    std::uint64_t firstSeed_ = 0;
};

} // namespace es

#include "compare/Replications.h"

#include "model/MetricsSampler.h"
#include "model/World.h"
#include "run/RunDriver.h"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <condition_variable>
#include <exception>
#include <limits>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace es {

Replications::Replications(ReplicationPlan plan) : plan_(std::move(plan))
{
    if (!(plan_.recoveryLag >= 0) || !std::isfinite(plan_.recoveryLag))
        throw std::invalid_argument("--recovery-lag: expected a duration of 0 or more");
    if (plan_.seeds < 1) throw std::invalid_argument(fmt::format("--seeds {}: expected 1 or more", plan_.seeds));
    std::vector<Override> overrides;
    for (const std::string& s : plan_.sets) overrides.push_back(parseOverride(s));
    if (plan_.variants.empty()) { // every variant the scenario has, after the base
        plan_.variants.push_back(kBaseVariant);
        for (const std::string& v : loadScenarioFile(plan_.scenarioPath, overrides).variants) plan_.variants.push_back(v);
    }
    for (std::size_t i = 0; i < plan_.variants.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (plan_.variants[i] == plan_.variants[j])
                throw std::invalid_argument(fmt::format("--variants: '{}' is listed twice", plan_.variants[i]));
    for (const std::string& v : plan_.variants) {
        if (!plan_.sweep) {
            rows_.push_back(PlanRow{v, v, {}, plan_.sets});
            continue;
        }
        for (const std::string& value : plan_.sweep->values) {
            PlanRow row{fmt::format("{}={}", sweepShortKey(plan_.sweep->key), value), v, value, plan_.sets};
            if (plan_.variants.size() > 1) row.label = v + " " + row.label;
            row.sets.push_back(fmt::format("{}={}", plan_.sweep->key, value));
            rows_.push_back(std::move(row));
        }
    }
    // Loaded here, on one thread, once per row: the workers only copy a resolved Scenario.
    for (const PlanRow& row : rows_) {
        std::vector<Override> rowOverrides;
        for (const std::string& s : row.sets) rowOverrides.push_back(parseOverride(s));
        scenarios_.push_back(loadScenarioFile(plan_.scenarioPath, rowOverrides,
                                              row.variant == kBaseVariant ? std::string() : row.variant));
    }
    // The base seed, after --set (a --set seed=N moves every replication's seed with it).
    firstSeed_ = scenarios_.front().seed;
}

std::vector<std::uint64_t> Replications::seeds() const
{
    std::vector<std::uint64_t> out;
    for (int k = 0; k < plan_.seeds; ++k) out.push_back(firstSeed_ + static_cast<std::uint64_t>(k));
    return out;
}

unsigned Replications::jobs() const
{
    const unsigned hw = std::max(1u, std::thread::hardware_concurrency());
    const unsigned wanted = plan_.jobs ? plan_.jobs : hw;
    const std::size_t total = rows_.size() * static_cast<std::size_t>(plan_.seeds);
    return static_cast<unsigned>(std::min<std::size_t>(wanted, total));
}

std::vector<RunTask> Replications::tasks() const
{
    std::vector<RunTask> out;
    const std::vector<std::uint64_t> s = seeds();
    for (std::size_t r = 0; r < rows_.size(); ++r)
        for (int k = 0; k < plan_.seeds; ++k) out.push_back(RunTask{out.size(), r, k, s[static_cast<std::size_t>(k)]});
    return out;
}

std::vector<RunOutcome> Replications::run(const std::atomic<bool>* stop, RunObserver* observer,
                                          const std::function<void(const ReplicationProgress&)>& progress,
                                          std::chrono::milliseconds progressEvery)
{
    using Clock = std::chrono::steady_clock;
    const std::vector<RunTask> todo = tasks();
    std::vector<RunOutcome> outcomes(todo.size());
    for (std::size_t i = 0; i < todo.size(); ++i) outcomes[i].task = todo[i];
    const unsigned workers = jobs();

    std::atomic<bool> halt{false};  // the one flag the runs watch: set on `stop` or on an error
    std::atomic<std::size_t> next{0}, done{0};
    std::atomic<unsigned> running{workers};
    // Each worker's share of its current run that is simulated, for a smooth ETA.
    const std::unique_ptr<std::atomic<double>[]> partial(new std::atomic<double>[workers]);
    for (unsigned w = 0; w < workers; ++w) partial[w] = 0;
    std::mutex mutex;
    std::condition_variable wake;
    std::exception_ptr error;

    auto work = [&](unsigned slot) {
        while (!halt.load()) {
            const std::size_t i = next.fetch_add(1);
            if (i >= todo.size()) break;
            try {
                const RunTask& t = todo[i];
                Scenario sc = scenarios_[t.row];
                sc.seed = t.seed;
                RunDriver driver(sc);
                driver.setOverridesText(rows_[t.row].sets);
                if (observer) observer->started(t, driver);
                RunOutcome& o = outcomes[i];
                o.summary = driver.run(&halt, [&](const RunProgress& p) {
                    partial[slot] = p.plannedTime > 0 ? p.simTime / p.plannedTime : 0;
                });
                partial[slot] = 0;
                o.recovery = recoveryAfterFailures(failureWindows(sc), worstLagOf(o.summary, driver.world().sampler().series()),
                                                   plan_.recoveryLag, o.summary.simTime);
                if (plan_.keepSeries) o.series = std::make_shared<TimeSeriesSet>(driver.world().sampler().series());
                if (observer) observer->finished(t, driver, o.summary);
                o.done = !o.summary.interrupted;
                if (o.done) ++done;
            } catch (...) {
                const std::lock_guard lock(mutex);
                if (!error) error = std::current_exception();
                halt = true;
            }
            wake.notify_all();
        }
        --running;
        wake.notify_all();
    };

    const auto t0 = Clock::now();
    {
        std::vector<std::jthread> pool;
        for (unsigned w = 0; w < workers; ++w) pool.emplace_back(work, w);
        auto lastReport = t0;
        std::unique_lock lock(mutex);
        while (running.load() > 0) {
            // Woken by each finished run; the timeout bounds how late a Ctrl-C is seen.
            wake.wait_for(lock, std::chrono::milliseconds(50));
            if (stop && stop->load()) halt = true;
            const auto now = Clock::now();
            if (!progress || now - lastReport < progressEvery) continue;
            lastReport = now;
            ReplicationProgress p;
            p.total = todo.size();
            p.done = done.load();
            double inFlight = 0;
            for (unsigned w = 0; w < workers; ++w) inFlight += partial[w].load();
            p.fraction = (static_cast<double>(p.done) + inFlight) / static_cast<double>(p.total);
            p.wallSeconds = std::chrono::duration<double>(now - t0).count();
            p.etaSeconds = p.fraction > 0 ? p.wallSeconds * (1 - p.fraction) / p.fraction
                                          : std::numeric_limits<double>::quiet_NaN();
            lock.unlock();
            progress(p);
            lock.lock();
        }
    } // the jthreads join here
    if (error) std::rethrow_exception(error);
    return outcomes;
}

} // namespace es

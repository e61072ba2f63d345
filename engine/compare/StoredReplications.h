#pragma once
// A comparison's runs and the comparison itself in the run store, for every front end that runs one
// (`eventscape-cli compare`, the window's Compare over seeds): each replication saved as `run` saves
// a run (RunRecorder), and, once every run finished, the comparison (its settings, its table and the
// uuid of each row × seed's run; store/StoredComparison.h), so it can be reopened (`compare --open`).
#include "compare/CompareTable.h"
#include "compare/Replications.h"
#include "store/RunRecorder.h"
#include "store/RunStore.h"

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace es {

// Saves each replication in the run store as `run` does (RunRecorder): inserted unfinished when it
// starts, completed when it ends. The workers share one connection, one at a time.
class StoringObserver final : public RunObserver {
public:
    StoringObserver(const std::string& path, const Replications& reps) : store_(path), reps_(reps) {}

    void started(const RunTask& task, RunDriver& driver) override
    {
        const std::lock_guard lock(mutex_);
        // The row's --set texts: the plan's, and the sweep point's when there is one.
        recorders_[task.index] = std::make_unique<RunRecorder>(store_, driver, reps_.rows()[task.row].sets, false);
    }
    void finished(const RunTask& task, RunDriver&, const RunSummary& summary) override
    {
        const std::lock_guard lock(mutex_);
        const auto it = recorders_.find(task.index);
        it->second->finish(summary);
        uuids_[task.index] = it->second->record().uuid;
        recorders_.erase(it); // detaches from the driver before the worker destroys it
    }
    std::size_t saved() const { return uuids_.size(); }
    const std::string& path() const { return store_.path(); }

    const std::map<std::size_t, std::string>& uuids() const { return uuids_; }
    RunStore& store() { return store_; }

private:
    RunStore store_;
    const Replications& reps_;
    std::mutex mutex_;
    std::map<std::size_t, std::unique_ptr<RunRecorder>> recorders_;
    std::map<std::size_t, std::string> uuids_;
};

// Saves the comparison: its settings (`how` adds to them: jobs, plan), its table, and the uuid of each
// row × seed's run (`uuids`, by task index).
ComparisonRecord saveComparison(RunStore& store, const Replications& reps, const CompareTable& table,
                                const std::vector<RunOutcome>& outcomes, const std::map<std::size_t, std::string>& uuids,
                                const nlohmann::json& how);

} // namespace es

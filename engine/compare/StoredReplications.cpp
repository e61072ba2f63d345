#include "compare/StoredReplications.h"

#include "compare/CompareFormat.h"

namespace es {

// The comparison itself: its settings, its table, and the uuid of each variant × seed's run.
ComparisonRecord saveComparison(RunStore& store, const Replications& reps, const CompareTable& table,
                                const std::vector<RunOutcome>& outcomes, const std::map<std::size_t, std::string>& uuids,
                                const nlohmann::json& how)
{
    ComparisonRecord c;
    c.scenarioId = table.scenarioId;
    c.scenarioPath = table.scenarioPath;
    nlohmann::json settings{{"variants", table.variants},
                            {"sets", table.sets},
                            {"seeds", table.seeds.size()},
                            {"first_seed", reps.firstSeed()},
                            {"baseline", table.variants[table.baseline]},
                            {"sweep", reps.plan().sweep ? nlohmann::json{{"key", reps.plan().sweep->key},
                                                                         {"values", reps.plan().sweep->values}}
                                                        : nlohmann::json(nullptr)},
                            {"recovery_lag_s", reps.plan().recoveryLag}};
    settings.update(how);
    c.settingsJson = settings.dump();
    c.tableJson = compareToJson(table).dump();
    for (const RunOutcome& o : outcomes)
        if (const auto it = uuids.find(o.task.index); it != uuids.end())
            c.runs.push_back({table.variants[o.task.row], o.task.seedIndex, o.task.seed, it->second});
    store.saveComparison(c);
    return c;
}

} // namespace es

#include "compare/PlanManifest.h"

#include "store/RunStore.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace es {

ReplicationPlan PlanManifest::replicationPlan() const
{
    ReplicationPlan p;
    p.scenarioPath = scenarioPath;
    p.variants = variants;
    p.sets = sets;
    p.seeds = seeds;
    p.sweep = sweep;
    p.recoveryLag = recoveryLagSeconds;
    return p;
}

PlanManifest makePlanManifest(const Replications& reps, const std::string& shardDir, const std::string& jobsFile)
{
    PlanManifest m;
    m.planUuid = RunStore::newUuid();
    m.createdAt = RunStore::utcNow();
    m.scenarioPath = reps.plan().scenarioPath;
    m.variants = reps.plan().variants;
    m.sets = reps.plan().sets;
    m.seeds = reps.plan().seeds;
    m.firstSeed = reps.firstSeed();
    m.sweep = reps.plan().sweep;
    m.recoveryLagSeconds = reps.plan().recoveryLag;
    m.jobsFile = jobsFile;
    for (const RunTask& t : reps.tasks()) {
        PlannedRun r{t.index + 1, t.row, t.seedIndex, t.seed, RunStore::newUuid(), {}};
        r.shard = (std::filesystem::path(shardDir) / fmt::format("shard-{:06}.sqlite", r.line)).string();
        m.runs.push_back(std::move(r));
    }
    return m;
}

nlohmann::json planToJson(const PlanManifest& m)
{
    using nlohmann::json;
    json runs = json::array();
    for (const PlannedRun& r : m.runs)
        runs.push_back({{"line", r.line}, {"row", r.row}, {"seed_index", r.seedIndex}, {"seed", r.seed},
                        {"run_uuid", r.runUuid}, {"shard", r.shard}});
    return {{"schema", kPlanSchema},
            {"plan", m.planUuid},
            {"created_at", m.createdAt},
            {"scenario_path", m.scenarioPath},
            {"variants", m.variants},
            {"sets", m.sets},
            {"seeds", m.seeds},
            {"first_seed", m.firstSeed},
            {"sweep", m.sweep ? json{{"key", m.sweep->key}, {"values", m.sweep->values}} : json(nullptr)},
            {"recovery_lag_s", m.recoveryLagSeconds},
            {"jobs_file", m.jobsFile},
            {"runs", runs}};
}

PlanManifest planFromJson(const nlohmann::json& j, const std::string& source)
{
    auto bad = [&source](const std::string& why) {
        return std::invalid_argument(fmt::format("{}: not a plan manifest of `eventscape-cli plan` ({})", source, why));
    };
    if (!j.is_object() || j.value("schema", std::string()) != kPlanSchema)
        throw bad(fmt::format("expected \"schema\": \"{}\"", kPlanSchema));
    PlanManifest m;
    try {
        m.planUuid = j.at("plan").get<std::string>();
        m.createdAt = j.at("created_at").get<std::string>();
        m.scenarioPath = j.at("scenario_path").get<std::string>();
        m.variants = j.at("variants").get<std::vector<std::string>>();
        m.sets = j.at("sets").get<std::vector<std::string>>();
        m.seeds = j.at("seeds").get<int>();
        m.firstSeed = j.at("first_seed").get<std::uint64_t>();
        if (const auto& s = j.at("sweep"); !s.is_null())
            m.sweep = Sweep{s.at("key").get<std::string>(), s.at("values").get<std::vector<std::string>>()};
        m.recoveryLagSeconds = j.at("recovery_lag_s").get<double>();
        m.jobsFile = j.at("jobs_file").get<std::string>();
        for (const auto& r : j.at("runs"))
            m.runs.push_back(PlannedRun{r.at("line").get<std::size_t>(), r.at("row").get<std::size_t>(),
                                        r.at("seed_index").get<int>(), r.at("seed").get<std::uint64_t>(),
                                        r.at("run_uuid").get<std::string>(), r.at("shard").get<std::string>()});
    } catch (const nlohmann::json::exception& e) {
        throw bad(e.what());
    }
    return m;
}

PlanManifest readPlanManifest(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::invalid_argument(fmt::format("{}: cannot read the plan manifest", path));
    std::ostringstream text;
    text << in.rdbuf();
    const nlohmann::json j = nlohmann::json::parse(text.str(), nullptr, false);
    if (j.is_discarded()) throw std::invalid_argument(fmt::format("{}: not JSON (a plan manifest was expected)", path));
    return planFromJson(j, path);
}

} // namespace es

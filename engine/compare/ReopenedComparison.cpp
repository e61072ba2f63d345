#include "compare/ReopenedComparison.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <stdexcept>

namespace es {

const ComparisonRecord& findComparison(const std::vector<ComparisonRecord>& all, const std::string& spec)
{
    if (all.empty()) throw std::invalid_argument("the store has no comparison yet (`eventscape-cli compare` saves one)");
    if (spec == "last") return all.back();
    // A number is the comparison's id first (a uuid may begin with the same digits); else a uuid prefix.
    const bool number = !spec.empty() && std::all_of(spec.begin(), spec.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (number)
        for (const ComparisonRecord& c : all)
            if (std::to_string(c.id) == spec) return c;
    const ComparisonRecord* found = nullptr;
    int matches = 0;
    for (const ComparisonRecord& c : all)
        if (!spec.empty() && c.uuid.rfind(spec, 0) == 0) found = &c, ++matches;
    if (matches == 1) return *found;
    if (matches > 1) throw std::invalid_argument(fmt::format("'{}' names {} comparisons; give more of the uuid", spec, matches));
    throw std::invalid_argument(fmt::format("no comparison '{}' (give its number, a uuid prefix or 'last'; "
                                            "`eventscape-cli comparisons` lists them)",
                                            spec));
}

std::string comparisonBaseline(const ComparisonRecord& c)
{
    const nlohmann::json s = nlohmann::json::parse(c.settingsJson, nullptr, false);
    return s.is_object() && s.contains("baseline") && s["baseline"].is_string() ? s["baseline"].get<std::string>() : std::string();
}

PlanManifest manifestOfComparison(const ComparisonRecord& c)
{
    const std::string source = fmt::format("comparison #{} ({})", c.id, c.uuid.substr(0, 8));
    const nlohmann::json s = nlohmann::json::parse(c.settingsJson, nullptr, false);
    const nlohmann::json t = nlohmann::json::parse(c.tableJson, nullptr, false);
    if (!s.is_object()) throw std::invalid_argument(source + ": its settings are not readable JSON");
    PlanManifest m;
    try {
        m.planUuid = c.uuid;
        m.createdAt = c.createdAt;
        m.scenarioPath = c.scenarioPath;
        m.sets = s.at("sets").get<std::vector<std::string>>();
        m.seeds = s.at("seeds").get<int>();
        m.firstSeed = s.at("first_seed").get<std::uint64_t>();
        m.recoveryLagSeconds = s.value("recovery_lag_s", kDefaultRecoveryLagSeconds);
        if (const auto& sw = s.at("sweep"); !sw.is_null())
            m.sweep = Sweep{sw.at("key").get<std::string>(), sw.at("values").get<std::vector<std::string>>()};
        // The settings keep the rows' labels; with a sweep the variants are the table's `of_variant`s.
        if (!m.sweep) {
            m.variants = s.at("variants").get<std::vector<std::string>>();
        } else if (t.is_object()) {
            for (const auto& row : t.at("rows")) {
                const std::string v = row.at("of_variant").get<std::string>();
                if (std::find(m.variants.begin(), m.variants.end(), v) == m.variants.end()) m.variants.push_back(v);
            }
        }
    } catch (const nlohmann::json::exception& e) {
        throw std::invalid_argument(fmt::format("{}: its settings cannot be read back ({})", source, e.what()));
    }
    m.jobsFile = source;
    // Each stored run in its task's place: row (by its label) × seed index, as Replications orders them.
    const Replications reps(m.replicationPlan());
    for (const ComparisonRun& r : c.runs) {
        std::size_t row = reps.rows().size();
        for (std::size_t i = 0; i < reps.rows().size(); ++i)
            if (reps.rows()[i].label == r.variant) row = i;
        if (row == reps.rows().size())
            throw std::invalid_argument(fmt::format("{}: its run of '{}' is not a row of the plan its settings make", source, r.variant));
        PlannedRun p;
        p.row = row;
        p.seedIndex = r.seedIndex;
        p.seed = r.seed;
        p.runUuid = r.runUuid;
        p.line = row * static_cast<std::size_t>(m.seeds) + static_cast<std::size_t>(r.seedIndex) + 1;
        m.runs.push_back(std::move(p));
    }
    std::sort(m.runs.begin(), m.runs.end(), [](const PlannedRun& a, const PlannedRun& b) { return a.line < b.line; });
    return m;
}

} // namespace es

#include "ComparisonOptions.h"

#include "scenario/Units.h"

#include <fmt/format.h>

#include <stdexcept>

namespace cli {

std::vector<CLI::Option*> ComparisonOptions::addTo(CLI::App& command, bool scenarioRequired)
{
    std::vector<CLI::Option*> out;
    out.push_back(command.add_option("scenario", scenario, "Scenario file (YAML or JSON), or a lesson's name (see lessons)")
                      ->required(scenarioRequired));
    out.push_back(command.add_option("--variants", variants,
                       "Variants to compare, comma-separated; 'base' is the scenario without a variant "
                       "(default: base and every variant)")
        ->delimiter(','));
    out.push_back(command.add_option("--set", sets, "Override a scenario value in every run: path.to.key=value (repeatable)"));
    out.push_back(command.add_option("--seeds", seeds, "Seeds per variant: the scenario's seed, +1, +2, ...")
                      ->check(CLI::Range(1, 100000))
                      ->capture_default_str());
    out.push_back(command.add_option("--sweep", sweep,
                                     "One value over a range, each point a row (per variant): key=FROM..TO:STEP, e.g. "
                                     "services.email.concurrency=1..8:1"));
    out.push_back(command.add_option("--recovery-lag", recoveryLag,
                                     "The lag every group must be back under after a failure for the recovery columns "
                                     "(default 1s)"));
    return out;
}

es::ReplicationPlan ComparisonOptions::plan(const std::string& scenarioPath) const
{
    es::ReplicationPlan p;
    p.scenarioPath = scenarioPath;
    p.variants = variants;
    p.sets = sets;
    p.seeds = seeds;
    if (!sweep.empty()) p.sweep = es::parseSweep(sweep);
    if (!recoveryLag.empty()) {
        const std::optional<es::SimTime> lag = es::units::parseDuration(recoveryLag);
        if (!lag || *lag < 0)
            throw std::invalid_argument(fmt::format("--recovery-lag {}: expected a duration such as 1s or 500ms", recoveryLag));
        p.recoveryLag = es::toSeconds(*lag);
    }
    return p;
}

} // namespace cli

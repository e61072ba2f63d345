#pragma once
// Applies the scenario's scheduled failures at their simulated times and lifts them when they end,
// keeping a log of what happened when (for the summary, the run store and the charts).
#include "kernel/Simulation.h"
#include "scenario/Scenario.h"

#include <string>
#include <vector>

namespace es {

class World;

struct FailureLogEntry {
    SimTime at = 0;
    std::string target;
    std::string what;
};

class FailureInjector final : public Component {
public:
    FailureInjector(World& world, std::vector<FailureSpec> failures);
    void start();
    void handle(const Event& ev) override;
    const std::vector<FailureLogEntry>& log() const { return log_; }

private:
    enum Kind : std::uint32_t { kBegin = 1, kEnd = 2 };
    void apply(const FailureSpec& f, bool begin);

    World& world_;
    std::vector<FailureSpec> failures_;
    std::vector<FailureLogEntry> log_;
};

} // namespace es

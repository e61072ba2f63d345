#pragma once
// Applies the scenario's scheduled failures at their simulated times and lifts them when they end,
// keeping a log of what happened when (for the summary, the run store and the charts).
// Failures on the same target overlap and compose (docs/scenario-format.md, "Overlapping failures"):
// a target is down while any crash, outage or partition covers it; slowdown factors multiply and
// added latencies add; chances (errors, drop, duplicate, delay, poison, crash before ack or after
// commit) combine as independent chances, 1 − ∏(1 − p). The end of one failure recomputes the
// target's state from the failures still in force, so it never cancels another.
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
    void apply(std::size_t index, bool begin);
    // The failures in force of `kind` on the target (and peer) of `like`, in the order they began.
    std::vector<const FailureSpec*> inForce(const FailureSpec& like) const;
    // 1 − ∏(1 − share) over the failures in force like `like`.
    double combinedShare(const FailureSpec& like) const;

    World& world_;
    std::vector<FailureSpec> failures_;
    std::vector<std::uint64_t> began_; // 0 = not in force; else the order in which it began (1, 2, ...)
    std::uint64_t beginCount_ = 0;
    std::vector<FailureLogEntry> log_;
};

} // namespace es

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
    bool byHand = false; // injected while the run went on (FailureInjector::inject)
};

class FailureInjector final : public Component {
public:
    // Failures begin and end before anything else that happens at the same instant, however late
    // they were scheduled: a failure injected by hand during a run then lands exactly where the same
    // failure written into `failures:` lands in a run from the start (same events, same digest).
    static constexpr std::uint8_t kPriority = 64;

    FailureInjector(World& world, std::vector<FailureSpec> failures);
    void start();
    void handle(const Event& ev) override;
    const std::vector<FailureLogEntry>& log() const { return log_; }
    // The scenario's failures, then the injected ones, with the durations they got.
    const std::vector<FailureSpec>& failures() const { return failures_; }
    std::size_t scenarioFailures() const { return scenarioCount_; }
    // Grows whenever failures() or log() change: a reader copies them only when it moved.
    std::uint64_t changes() const { return changes_; }

    // The first instant at which a failure injected now may begin: the next whole millisecond after
    // `now`, where no event has run yet (events at `now` may have), and which a scenario file writes
    // exactly ("12346ms").
    static SimTime injectionTime(SimTime now);
    // Injects `f` during the run: it begins at f.at (>= injectionTime(now)) and ends after
    // f.duration (kNever: when lift() says). Returns its index in failures().
    std::size_t inject(FailureSpec f);
    // Ends failure `index` at `at` (its duration becomes at - its start; at least a millisecond after
    // it begins); false if it already has an end or `at` is before injectionTime(now).
    bool lift(std::size_t index, SimTime at);

private:
    enum Kind : std::uint32_t { kBegin = 1, kEnd = 2 };
    void apply(std::size_t index, bool begin);
    // The failures in force of `kind` on the target (and peer) of `like`, in the order they began.
    std::vector<const FailureSpec*> inForce(const FailureSpec& like) const;
    // 1 − ∏(1 − share) over the failures in force like `like`.
    double combinedShare(const FailureSpec& like) const;

    World& world_;
    std::vector<FailureSpec> failures_;
    std::size_t scenarioCount_ = 0;
    std::uint64_t changes_ = 0;
    std::vector<std::uint64_t> began_; // 0 = not in force; else the order in which it began (1, 2, ...)
    std::uint64_t beginCount_ = 0;
    std::vector<FailureLogEntry> log_;
};

} // namespace es

#pragma once
// One fuzz input, end to end: the scenario loader, then a short bounded run, then the summary and its
// conservation check. Shared by the libFuzzer target (fuzz/fuzz_scenario_loader.cpp) and the ctest
// mutation test (tests/engine/tst_fuzz_regressions.cpp), so both check exactly the same contract:
//   - the loader either returns a Scenario or throws es::ScenarioError (anything else is a bug);
//   - a loaded scenario builds a world (the only accepted exceptions are the engine's documented
//     capacity limits, see kAcceptedRuntimeLimits in ScenarioHarness.cpp);
//   - the run is bounded by an event budget, so no rate or burst can hang the caller;
//   - the summary is produced and its conservation check holds.
// Crashes, hangs and unbounded allocations are caught by the caller's environment (sanitizers,
// libFuzzer's -timeout and -rss_limit_mb, or the test itself crashing).
//
// Input: the scenario text. Up to kMaxHeaderLines leading lines of the form `#set path=value` or
// `#variant NAME` (YAML comments, so the text stays a valid scenario) are passed to the loader as
// overrides (as `eventscape-cli --set path=value` passes them) and as the `variant` argument of
// loadScenarioText, so the override and variant paths are fuzzed too.
#include "kernel/SimTime.h"
#include "scenario/Scenario.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace es::fuzz {

inline constexpr int kMaxHeaderLines = 5;

struct HarnessOptions {
    std::uint64_t eventBudget = 200'000;  // kernel events at most per input
    SimTime maxSimTime = 10 * kSecond;    // the run ends at min(scenario duration, this)
    bool formatSummary = true;            // also render the summary as text and JSON
    // Known findings, reported and not fixed yet: a broken contract (or a known hazard, see below)
    // whose description contains one of these fragments gives Verdict::KnownPending instead of a bug,
    // so that a campaign or the mutation test can look past it.
    std::vector<std::string> ignore;
};

enum class Verdict {
    Rejected,     // the loader threw ScenarioError (the expected rejection)
    CapacityLimit,// the world refused a documented capacity limit (runtime_error, accepted)
    Ran,          // loaded, ran to the end time, conservation holds
    BudgetHit,    // loaded, ran until the event budget tripped, conservation holds
    KnownPending, // a known, unfixed finding (HarnessOptions::ignore); `message` says which
};

struct HarnessResult {
    Verdict verdict = Verdict::Rejected;
    std::string bug;              // non-empty: the contract was broken (what and where)
    std::string message;          // the rejection or limit message, for information
    std::uint64_t events = 0;     // kernel events executed
};

HarnessResult runScenarioInput(std::string_view input, const HarnessOptions& options = {});


const char* verdictName(Verdict v);

} // namespace es::fuzz

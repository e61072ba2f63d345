#include "ScenarioHarness.h"

#include "model/MetricsSampler.h"
#include "model/World.h"
#include "run/RunDriver.h"
#include "run/SummaryFormat.h"
#include "scenario/ScenarioLoader.h"

#include <cxxabi.h>

#include <algorithm>
#include <cstdlib>
#include <exception>
#include <memory>
#include <stdexcept>
#include <typeinfo>
#include <vector>

namespace es::fuzz {

namespace {

// Runtime errors the world may throw for a scenario that loaded: none any more. The engine's
// capacity limits (sinks, distinct names) are refused by the loader (scenario/EngineLimits.h), so any
// exception after a successful load means the loader let through what the engine cannot run: a bug.

std::string typeName(const std::type_info& t)
{
    int status = 0;
    std::unique_ptr<char, void (*)(void*)> p(abi::__cxa_demangle(t.name(), nullptr, nullptr, &status), std::free);
    return status == 0 && p ? std::string(p.get()) : std::string(t.name());
}

// Describes the exception being handled (call from a catch block only).
std::string currentException()
{
    const std::type_info* t = abi::__cxa_current_exception_type();
    std::string what;
    try {
        throw;
    } catch (const std::exception& e) {
        what = e.what();
    } catch (...) {
        what = "(not a std::exception)";
    }
    if (what.size() > 400) what = what.substr(0, 400) + "...";
    return (t ? typeName(*t) : std::string("?")) + ": " + what;
}

bool isAcceptedLimit(const std::exception&) { return false; }

// Reads the leading `#set path=value` and `#variant NAME` lines of the text.
struct Header {
    std::vector<std::string> overrides;
    std::string variant;
};

Header readHeader(std::string_view text)
{
    Header h;
    std::size_t pos = 0;
    for (int n = 0; pos < text.size() && n < kMaxHeaderLines; ++n) {
        const std::size_t eol = std::min(text.find('\n', pos), text.size());
        const std::string_view line = text.substr(pos, eol - pos);
        if (line.substr(0, 5) == "#set ") h.overrides.emplace_back(line.substr(5));
        else if (line.substr(0, 9) == "#variant ") h.variant = std::string(line.substr(9));
        else break;
        pos = eol + 1;
    }
    return h;
}

bool matchesAny(const std::string& description, const std::vector<std::string>& fragments)
{
    return std::any_of(fragments.begin(), fragments.end(), [&](const std::string& f) {
        return !f.empty() && description.find(f) != std::string::npos;
    });
}

} // namespace

const char* verdictName(Verdict v)
{
    switch (v) {
    case Verdict::Rejected: return "rejected";
    case Verdict::CapacityLimit: return "capacity-limit";
    case Verdict::Ran: return "ran";
    case Verdict::BudgetHit: return "budget-hit";
    case Verdict::KnownPending: return "known-pending";
    }
    return "?";
}

namespace {

HarnessResult runOnce(std::string_view input, const HarnessOptions& options)
{
    HarnessResult r;
    const std::string text(input);

    // 1. Load: a Scenario or a ScenarioError, nothing else.
    Scenario sc;
    try {
        const Header header = readHeader(text);
        std::vector<Override> overrides;
        for (const std::string& line : header.overrides) overrides.push_back(parseOverride(line));
        sc = loadScenarioText(text, "fuzz.yaml", overrides, header.variant);
    } catch (const ScenarioError& e) {
        r.verdict = Verdict::Rejected;
        r.message = e.what();
        if (e.diagnostics().empty()) r.bug = "loadScenarioText threw a ScenarioError without any diagnostic";
        return r;
    } catch (...) {
        r.bug = "loadScenarioText threw " + currentException() + " (only es::ScenarioError is expected)";
        return r;
    }

    // 2. Build the world.
    const SimTime end = std::min(sc.duration, options.maxSimTime);
    std::unique_ptr<RunDriver> d;
    try {
        d = std::make_unique<RunDriver>(sc, end);
    } catch (const ScenarioError& e) {
        // Only a built world knows its summary's figures: a `watch:` path is checked here, and
        // refused with its place like any loader error.
        r.verdict = Verdict::Rejected;
        r.message = e.what();
        if (e.diagnostics().empty()) r.bug = "RunDriver threw a ScenarioError without any diagnostic";
        return r;
    } catch (const std::exception& e) {
        if (isAcceptedLimit(e)) {
            r.verdict = Verdict::CapacityLimit;
            r.message = e.what();
            return r;
        }
        r.bug = "RunDriver(scenario) threw " + currentException() + " for a scenario the loader accepted";
        return r;
    } catch (...) {
        r.bug = "RunDriver(scenario) threw " + currentException();
        return r;
    }

    // 3. Run, bounded by the event budget (d.run() would run to the end whatever the rate).
    bool reached = false;
    try {
        reached = d->world().sim().runUntil(end, nullptr, options.eventBudget);
    } catch (...) {
        r.bug = "Simulation::runUntil threw " + currentException() + " for a scenario the loader accepted";
        return r;
    }
    r.events = d->world().sim().eventsProcessed();
    if (r.events > options.eventBudget) {
        r.bug = "runUntil executed " + std::to_string(r.events) + " events, over the budget of " +
                std::to_string(options.eventBudget);
        return r;
    }
    r.verdict = reached ? Verdict::Ran : Verdict::BudgetHit;

    // 4. Summarise, as RunDriver::run does at the end, and check conservation.
    try {
        const_cast<MetricsSampler&>(d->world().sampler()).finish();
        const RunSummary s = d->summarize(!reached, 0);
        if (!s.conservationOk) {
            std::string v;
            for (const std::string& line : s.violations) v += "\n  " + line;
            r.bug = "conservation violated after " + std::to_string(r.events) + " events" +
                    (reached ? "" : " (event budget hit)") + ":" + v;
            return r;
        }
        // Every user request ends one way or is still in flight.
        for (const RequestSummary& q : s.requests) {
            const std::uint64_t ended = q.succeeded + q.failed + q.timedOut + q.rejected + q.failedFast + q.inFlight;
            if (ended != q.sent) {
                r.bug = "requests of '" + q.entry + "': " + std::to_string(q.sent) + " sent but " + std::to_string(ended) +
                        " ended or in flight";
                return r;
            }
        }
        if (options.formatSummary) {
            (void)summaryToText(s);
            (void)summaryToJson(s).dump(2);
        }
    } catch (...) {
        r.bug = "summarising the run threw " + currentException();
        return r;
    }
    return r;
}

} // namespace

HarnessResult runScenarioInput(std::string_view input, const HarnessOptions& options)
{
    HarnessResult r = runOnce(input, options);
    if (!r.bug.empty() && matchesAny(r.bug, options.ignore)) {
        r.verdict = Verdict::KnownPending;
        r.message = std::move(r.bug);
        r.bug.clear();
    }
    return r;
}

} // namespace es::fuzz

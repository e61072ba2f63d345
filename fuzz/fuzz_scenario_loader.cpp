// libFuzzer target for the scenario loader and a short bounded run of what it accepts.
// Build and run: see fuzz/README.md. The contract checked is in ScenarioHarness.h; a broken contract
// prints what happened and aborts, so libFuzzer saves the input as a crash-* file.
//
// EVENTSCAPE_FUZZ_IGNORE=text1,text2 skips broken contracts whose description contains one of the texts: a known, reported finding that
// is not fixed yet, so that a campaign can look past it. The fragments listed in
// tests/data/fuzz-pending/KNOWN are the ones to pass. Sanitizer reports and timeouts are never skipped.
#include "ScenarioHarness.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {

std::vector<std::string> ignoredFindings()
{
    std::vector<std::string> out;
    const char* env = std::getenv("EVENTSCAPE_FUZZ_IGNORE");
    if (!env) return out;
    std::string_view s(env);
    while (!s.empty()) {
        const std::size_t comma = s.find(',');
        const std::string_view part = s.substr(0, comma);
        if (!part.empty()) out.emplace_back(part);
        if (comma == std::string_view::npos) break;
        s.remove_prefix(comma + 1);
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const es::fuzz::HarnessOptions options = [] {
        es::fuzz::HarnessOptions o;
        o.ignore = ignoredFindings();
        return o;
    }();
    const es::fuzz::HarnessResult r =
        es::fuzz::runScenarioInput(std::string_view(reinterpret_cast<const char*>(data), size), options);
    if (r.bug.empty()) return 0;
    std::fprintf(stderr, "\n==== eventscape fuzz: contract broken ====\n%s\n", r.bug.c_str());
    std::fflush(stderr);
    std::abort();
}

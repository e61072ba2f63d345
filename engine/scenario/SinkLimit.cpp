#include "scenario/SinkLimit.h"

#include "scenario/EngineLimits.h"

#include <fmt/format.h>

#include <set>

namespace es {

namespace {

std::string message(const std::string& what)
{
    return fmt::format("{} is past the engine's limit of {} consumer groups and unconsumed queues (each event in "
                       "flight carries a bit per group); use fewer groups, e.g. one group with more concurrency, or "
                       "raise kMaxSinks in engine/scenario/EngineLimits.h and rebuild",
                       what, kMaxSinks);
}

YAML::Mark markOf(const std::map<std::string, YAML::Mark>& marks, const std::string& name)
{
    auto it = marks.find(name);
    return it == marks.end() ? YAML::Mark::null_mark() : it->second;
}

} // namespace

void checkSinkLimit(const Scenario& s, DiagnosticSink& diags, const std::map<std::string, YAML::Mark>& serviceMarks,
                    const std::map<std::string, YAML::Mark>& brokerMarks)
{
    std::size_t n = 0;
    std::set<std::string> consumed;
    const bool sync = s.style == CallStyle::Sync; // every hop is a call: no service consumes, every queue is a sink
    for (const ServiceSpec& svc : s.services)
        if (svc.consumer && !sync) {
            consumed.insert(svc.consumer->from);
            if (++n == kMaxSinks + 1) {
                diags.error(markOf(serviceMarks, svc.name), message(fmt::format("consumer group '{}'", svc.name)));
                return;
            }
        }
    for (const BrokerSpec& b : s.brokers)
        if (b.kind == BrokerKind::Queue && !consumed.count(b.name) && ++n == kMaxSinks + 1) {
            diags.error(markOf(brokerMarks, b.name), message(fmt::format("queue '{}' (consumed by no service)", b.name)));
            return;
        }
}

} // namespace es

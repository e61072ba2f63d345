#include "run/JourneyFormat.h"

#include "model/calls/CallTypes.h"

#include <fmt/format.h>

namespace es {

namespace {

bool isBroker(const Journey& j, std::uint16_t n) { return n < j.nodes.size() && j.nodes[n].broker; }

std::string cause(std::uint64_t detail) { return callCauseName(static_cast<CallCause>(detail)); }

} // namespace

std::string stepWhat(const Journey& j, const JourneyStep& s)
{
    const bool fromBroker = isBroker(j, s.from), toBroker = isBroker(j, s.to), here = s.from == s.to;
    switch (s.kind) {
    case StepKind::Deliver:
        if (!fromBroker && toBroker) return "published";
        if (fromBroker && toBroker) return "forwarded";
        return "delivered";
    case StepKind::Redelivery: return fmt::format("delivered again (attempt {})", s.detail);
    case StepKind::Duplicate:
        if (here) return "a second copy stored (the link duplicated it)";
        if (!fromBroker) return "published again (a duplicate)";
        return fmt::format("a copy it already had delivered again (attempt {})", s.detail);
    case StepKind::DeadLetter: return "moved to the dead-letter queue";
    case StepKind::Dropped: return "lost";
    case StepKind::CallRequest: return "call sent";
    case StepKind::CallResponse: return s.detail == 0 ? "answered: ok" : fmt::format("answered: {}", cause(s.detail));
    case StepKind::CallTimeout: return "caller gave up waiting (timeout)";
    case StepKind::CallRejected: return fmt::format("call {} at once", cause(s.detail));
    case StepKind::Handled:
        return s.detail == 0 ? "handled: effect applied"
               : s.detail == 1 ? "handled again: a duplicate effect"
                               : "handled: refused, nothing written";
    case StepKind::Deduplicated: return "a duplicate: idempotency store skipped it";
    case StepKind::AttemptFailed: return fmt::format("attempt {} failed", s.detail);
    case StepKind::RetryScheduled: return fmt::format("retry in {:.1f} ms", static_cast<double>(s.detail) / 1e6);
    }
    return "?";
}

std::string stepWhere(const Journey& j, const JourneyStep& s)
{
    if (s.from == s.to) return j.nodeName(s.from);
    return fmt::format("{} → {}", j.nodeName(s.from), j.nodeName(s.to));
}

std::string stepEvent(const Journey& j, const JourneyStep& s)
{
    std::string text = fmt::format("{} #{}", j.typeName(s.envelope.type), s.envelope.eventId);
    if (s.envelope.version > 1) text += fmt::format(" v{}", s.envelope.version);
    return text;
}

std::string journeyText(const Journey& j, const std::string& runLabel)
{
    const double until = toSeconds(j.seenUntil);
    if (!j.found())
        return fmt::format("{}: no event or correlation {} up to {:.3f} s\n", runLabel, j.asked, until);
    std::string head = fmt::format("{}: correlation {}", runLabel, j.correlationId);
    if (j.asked != j.correlationId) head += fmt::format(" (the journey of event {})", j.asked);
    head += fmt::format(", {} steps, {:.6f} s to {:.6f} s\n", j.steps.size(), toSeconds(j.steps.front().at),
                        toSeconds(j.steps.back().at));
    std::size_t eventWidth = 5, whereWidth = 5;
    for (const JourneyStep& s : j.steps) {
        eventWidth = std::max(eventWidth, stepEvent(j, s).size());
        whereWidth = std::max(whereWidth, stepWhere(j, s).size());
    }
    std::string out = head + fmt::format("  {:>12}  {:<{}}  {:<{}}  {}\n", "time (s)", "event", eventWidth, "where", whereWidth, "what");
    for (const JourneyStep& s : j.steps)
        out += fmt::format("  {:>12.6f}  {:<{}}  {:<{}}  {}\n", toSeconds(s.at), stepEvent(j, s), eventWidth,
                           stepWhere(j, s), whereWidth, stepWhat(j, s));
    return out;
}

nlohmann::ordered_json journeyJson(const Journey& j)
{
    nlohmann::ordered_json out;
    out["asked"] = j.asked;
    out["correlation_id"] = j.correlationId;
    out["found"] = j.found();
    out["seen_until_s"] = toSeconds(j.seenUntil);
    nlohmann::ordered_json steps = nlohmann::ordered_json::array();
    for (const JourneyStep& s : j.steps) {
        nlohmann::ordered_json o;
        o["t_s"] = toSeconds(s.at);
        o["event_id"] = s.envelope.eventId;
        o["causation_id"] = s.envelope.causationId;
        o["type"] = j.typeName(s.envelope.type);
        o["version"] = s.envelope.version;
        o["kind"] = stepKindName(s.kind);
        o["from"] = j.nodeName(s.from);
        o["to"] = j.nodeName(s.to);
        o["detail"] = s.detail;
        o["what"] = stepWhat(j, s);
        steps.push_back(std::move(o));
    }
    out["steps"] = std::move(steps);
    return out;
}

} // namespace es

#include "model/calls/UserRequests.h"

#include "model/EndToEndTracker.h"
#include "model/Outcome.h"
#include "model/World.h"
#include "model/calls/CallClient.h"

namespace es {

const char* requestOutcomeName(RequestOutcome o)
{
    static constexpr const char* names[] = {"succeeded", "failed", "timed_out", "rejected", "failed_fast"};
    return names[static_cast<int>(o)];
}

// The users' side: one call to the entry service, given up after the user timeout, never retried.
static CallPolicySpec userPolicy(const ServiceSpec& entry)
{
    CallPolicySpec p;
    p.timeout = entry.producer ? entry.producer->userTimeout : 10 * kSecond;
    p.retry.maxRetries = 0;
    return p;
}

UserRequests::UserRequests(World& world, const ServiceSpec& entry, std::uint16_t entryService)
    : world_(world), entry_(entryService),
      client_(std::make_unique<CallClient>(world, entry.name + ".users", CallClient::kUsers, userPolicy(entry),
                                           world.stream(entry.name, 6))),
      target_{entryService}, during_(world.scenario().failures.size())
{
}

UserRequests::~UserRequests() = default;

void UserRequests::send(const Envelope& request)
{
    ++sent_;
    ++inFlight_;
    std::uint32_t slot;
    if (freeHead_ != UINT32_MAX) {
        slot = freeHead_;
        freeHead_ = pending_[slot].nextFree;
    } else {
        slot = static_cast<std::uint32_t>(pending_.size());
        pending_.emplace_back();
    }
    const SimTime now = world_.sim().now();
    EndToEndTracker& flows = world_.flows();
    Pending& p = pending_[slot];
    p.sentAt = now;
    p.requestId = sent_;
    // The user holds the request's flow open until it has its answer; the work it caused keeps it
    // open after that (events still in flight, wasted work still running).
    p.flow = flows.openFlow(entry_, now);
    CallContext ctx;
    ctx.env = request;
    ctx.requestId = p.requestId;
    ctx.flow = p.flow;
    ctx.flowGeneration = flows.generation(p.flow);
    client_->begin(*this, slot, ctx, target_);
}

void UserRequests::callsDone(std::uint64_t token, CallCause cause)
{
    const auto slot = static_cast<std::uint32_t>(token);
    Pending& p = pending_[slot];
    const SimTime now = world_.sim().now();
    RequestOutcome o = RequestOutcome::Failed;
    switch (cause) {
    case CallCause::None: o = RequestOutcome::Succeeded; break;
    case CallCause::Timeout: o = RequestOutcome::TimedOut; break;
    case CallCause::Rejected: o = RequestOutcome::Rejected; break;
    case CallCause::CircuitOpen:
    case CallCause::BulkheadFull: o = RequestOutcome::FailedFast; break;
    case CallCause::Error:
    case CallCause::Refused: o = RequestOutcome::Failed; break;
    }
    ++outcomes_[static_cast<std::size_t>(o)];
    --inFlight_;
    if (o == RequestOutcome::Succeeded) latency_.record(now - p.sentAt);
    world_.sim().noteOutcome(static_cast<std::uint32_t>(Outcome::RequestOutcome), p.requestId, static_cast<std::uint64_t>(o));
    // Availability by the time the request was sent.
    const auto& failures = world_.scenario().failures;
    bool inside = false;
    for (std::size_t i = 0; i < failures.size(); ++i) {
        const SimTime end = addTime(failures[i].at, failures[i].duration);
        if (p.sentAt >= failures[i].at && p.sentAt < end) {
            inside = true;
            ++during_[i].requests;
            if (o == RequestOutcome::Succeeded) ++during_[i].succeeded;
        }
    }
    if (!inside) {
        ++outside_.requests;
        if (o == RequestOutcome::Succeeded) ++outside_.succeeded;
    }
    world_.flows().leave(p.flow);
    p.nextFree = freeHead_;
    freeHead_ = slot;
}

} // namespace es

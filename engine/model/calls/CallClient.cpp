#include "model/calls/CallClient.h"

#include "model/Outcome.h"
#include "model/World.h"
#include "model/calls/CallServer.h"

#include <algorithm>
#include <cmath>

namespace es {

const char* callCauseName(CallCause c)
{
    switch (c) {
    case CallCause::None: return "ok";
    case CallCause::Error: return "error";
    case CallCause::Refused: return "refused";
    case CallCause::Rejected: return "rejected";
    case CallCause::Timeout: return "timeout";
    case CallCause::CircuitOpen: return "circuit open";
    case CallCause::BulkheadFull: return "bulkhead full";
    }
    return "?";
}

CallClient::CallClient(World& world, std::string name, std::uint16_t callerService, const CallPolicySpec& policy,
                       RandomStream rng)
    : Component(world.sim(), std::move(name)), world_(world), caller_(callerService), policy_(policy), rng_(rng)
{
}

std::size_t CallClient::depFor(std::uint16_t target)
{
    if (depIndex_.size() <= target) depIndex_.resize(static_cast<std::size_t>(target) + 1, 0);
    if (depIndex_[target] == 0) {
        deps_.push_back(Dependency{target, CircuitBreaker(policy_.breaker)});
        depIndex_[target] = deps_.size();
    }
    return depIndex_[target] - 1;
}

const CallClient::Dependency* CallClient::dependency(std::uint16_t target) const
{
    return target < depIndex_.size() && depIndex_[target] ? &deps_[depIndex_[target] - 1] : nullptr;
}

std::uint32_t CallClient::newGroup()
{
    std::uint32_t g;
    if (freeGroup_ != UINT32_MAX) {
        g = freeGroup_;
        freeGroup_ = groups_[g].nextFree;
    } else {
        g = static_cast<std::uint32_t>(groups_.size());
        groups_.emplace_back();
    }
    ++liveGroups_;
    return g;
}

std::uint32_t CallClient::newCall()
{
    std::uint32_t c;
    if (freeCall_ != UINT32_MAX) {
        c = freeCall_;
        freeCall_ = calls_[c].nextFree;
    } else {
        c = static_cast<std::uint32_t>(calls_.size());
        calls_.emplace_back();
    }
    calls_[c].live = true;
    return c;
}

void CallClient::freeCall(std::uint32_t c)
{
    Call& call = calls_[c];
    call.live = false;
    call.pending = false;
    ++call.generation; // whatever still refers to this slot is stale from now on
    call.nextFree = freeCall_;
    freeCall_ = c;
}

std::uint32_t CallClient::begin(CallOwner& owner, std::uint64_t token, const CallContext& ctx,
                                const std::vector<std::uint16_t>& targets)
{
    const std::uint32_t g = newGroup();
    Group& group = groups_[g];
    group.owner = &owner;
    group.token = token;
    group.ctx = ctx;
    group.targets.assign(targets.begin(), targets.end());
    group.next = 0;
    group.outstanding = 0;
    group.cause = CallCause::None;
    group.live = true;
    ++group.generation;
    if (targets.empty()) {
        finishGroup(g);
        return g;
    }
    if (policy_.parallel) {
        group.outstanding = targets.size();
        // Indices, not references: a call may be answered (and the group finished) at once.
        for (std::size_t i = 0; i < targets.size(); ++i) {
            const std::uint32_t gen = groups_[g].generation;
            if (!groups_[g].live || groups_[g].generation != gen) break;
            startCall(g, groups_[g].targets[i]);
        }
    } else {
        groups_[g].next = 1;
        startCall(g, groups_[g].targets[0]);
    }
    return g;
}

void CallClient::startCall(std::uint32_t g, std::uint16_t target)
{
    const std::uint32_t c = newCall();
    Call& call = calls_[c];
    call.group = g;
    call.groupGeneration = groups_[g].generation;
    call.target = target;
    call.dep = depFor(target);
    call.attempt = 0;
    call.operation = world_.nextOperationId();
    send(c);
}

void CallClient::send(std::uint32_t c)
{
    const SimTime now = sim_.now();
    Dependency& d = deps_[calls_[c].dep];
    if (!d.breaker.allow(now)) {
        ++d.failedFast;
        ++failedFast_;
        callOver(c, CallCause::CircuitOpen);
        return;
    }
    if (policy_.bulkhead > 0 && d.inFlight >= policy_.bulkhead) {
        ++d.failedFast;
        ++failedFast_;
        callOver(c, CallCause::BulkheadFull);
        return;
    }
    ++d.inFlight;
    d.maxInFlight = std::max(d.maxInFlight, d.inFlight);
    ++d.sent;
    ++sent_;
    Call& call = calls_[c];
    ++call.generation;
    call.pending = true;
    call.timer = sim_.scheduleIn(policy_.timeout, *this, kTimeout, c, call.generation);
    CallContext ctx = groups_[call.group].ctx;
    ctx.operation = call.operation;
    if (caller_ != kUsers) ++ctx.depth;
    const CallRef ref{this, c, call.generation};
    world_.sim().noteOutcome(static_cast<std::uint32_t>(Outcome::CallSent), ctx.requestId, call.target);
    // Recorded before accept(), which may answer at once. The users' requests have no edge to travel.
    if (caller_ != kUsers) world_.recordCall(ctx.env, caller_, call.target, HopKind::CallRequest);
    world_.server(call.target)->accept(ref, ctx, caller_);
}

bool CallClient::answer(const CallRef& ref, CallCause cause)
{
    if (ref.slot >= calls_.size()) return false;
    Call& call = calls_[ref.slot];
    if (!call.live || !call.pending || call.generation != ref.generation) return false;
    call.pending = false;
    sim_.cancel(call.timer);
    // Refusals and 503s are marked at the callee by CallServer::accept; the rest travel back.
    if (caller_ != kUsers && cause != CallCause::Rejected && cause != CallCause::Refused)
        world_.recordCall(groups_[call.group].ctx.env, call.target, caller_, HopKind::CallResponse,
                          static_cast<std::uint16_t>(cause));
    Dependency& d = deps_[call.dep];
    --d.inFlight;
    d.breaker.record(cause == CallCause::None, sim_.now());
    outcome(ref.slot, cause);
    return true;
}

void CallClient::handle(const Event& ev)
{
    const auto c = static_cast<std::uint32_t>(ev.a);
    if (c >= calls_.size() || !calls_[c].live || calls_[c].generation != ev.b) return;
    if (ev.kind == kTimeout) {
        Call& call = calls_[c];
        if (!call.pending) return;
        call.pending = false; // the callee keeps working: its answer will be stale
        // A user who gives up is marked at the entry service (from == to): users have no node.
        world_.recordCall(groups_[call.group].ctx.env, caller_ == kUsers ? call.target : caller_, call.target,
                          HopKind::CallTimeout, static_cast<std::uint16_t>(CallCause::Timeout));
        Dependency& d = deps_[call.dep];
        --d.inFlight;
        ++d.timeouts;
        ++timeouts_;
        d.breaker.record(false, sim_.now());
        outcome(c, CallCause::Timeout);
    } else if (ev.kind == kRetry) {
        send(c);
    }
}

void CallClient::outcome(std::uint32_t c, CallCause cause)
{
    Call& call = calls_[c];
    Dependency& d = deps_[call.dep];
    if (cause == CallCause::None) {
        ++d.succeeded;
        callOver(c, cause);
        return;
    }
    ++d.failed;
    if (call.attempt < policy_.retry.maxRetries) {
        ++call.attempt;
        ++d.retries;
        ++retries_;
        ++call.generation; // nothing of the failed attempt may arrive now
        const SimTime backoff = backoffFor(call.attempt);
        world_.sim().noteOutcome(static_cast<std::uint32_t>(Outcome::CallRetry), call.operation, static_cast<std::uint64_t>(backoff));
        call.timer = sim_.scheduleIn(backoff, *this, kRetry, c, call.generation);
        return;
    }
    callOver(c, cause);
}

void CallClient::callOver(std::uint32_t c, CallCause cause)
{
    const std::uint32_t g = calls_[c].group;
    const std::uint32_t gen = calls_[c].groupGeneration;
    freeCall(c);
    Group& group = groups_[g];
    if (!group.live || group.generation != gen) return;
    if (policy_.parallel) {
        if (cause != CallCause::None && group.cause == CallCause::None) group.cause = cause;
        if (--group.outstanding == 0) finishGroup(g);
        return;
    }
    if (cause != CallCause::None) {
        group.cause = cause; // a sequential chain stops at its first failure
        finishGroup(g);
    } else if (group.next < group.targets.size()) {
        startCall(g, group.targets[group.next++]);
    } else {
        finishGroup(g);
    }
}

void CallClient::finishGroup(std::uint32_t g)
{
    Group& group = groups_[g];
    CallOwner* owner = group.owner;
    const std::uint64_t token = group.token;
    const CallCause cause = group.cause;
    group.live = false;
    group.nextFree = freeGroup_;
    freeGroup_ = g;
    --liveGroups_;
    owner->callsDone(token, cause);
}

void CallClient::abandon(std::uint32_t g)
{
    if (g >= groups_.size() || !groups_[g].live) return;
    const std::uint32_t gen = groups_[g].generation;
    for (std::uint32_t c = 0; c < calls_.size(); ++c) {
        Call& call = calls_[c];
        if (!call.live || call.group != g || call.groupGeneration != gen) continue;
        sim_.cancel(call.timer);
        if (call.pending) --deps_[call.dep].inFlight;
        freeCall(c);
    }
    Group& group = groups_[g];
    group.live = false;
    group.nextFree = freeGroup_;
    freeGroup_ = g;
    --liveGroups_;
}

SimTime CallClient::backoffFor(int retry)
{
    const RetrySpec& r = policy_.retry;
    double b = static_cast<double>(r.backoffBase) * std::pow(r.backoffMultiplier, retry - 1);
    b = std::min(b, static_cast<double>(r.backoffMax));
    if (r.jitter) b *= rng_.uniform01();
    return static_cast<SimTime>(b);
}

} // namespace es

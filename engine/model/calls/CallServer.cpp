#include "model/calls/CallServer.h"

#include "model/EndToEndTracker.h"
#include "model/Outcome.h"
#include "model/services/Producer.h"
#include "model/World.h"
#include "model/calls/CallClient.h"

#include <algorithm>

namespace es {

// Effects of retried calls are recognised for this long (a retry comes seconds later, not hours).
static constexpr SimTime kOperationMemory = 600 * kSecond;

CallServer::CallServer(World& world, const ServiceSpec& spec, std::uint16_t serviceIndex, RandomStream rng)
    : Component(world.sim(), spec.name + ".server"), world_(world), spec_(spec.server), serviceIndex_(serviceIndex),
      rng_(rng), seen_(kOperationMemory)
{
    const int n = std::max(1, spec_.instances);
    const int c = std::max(1, spec_.concurrency);
    instances_.resize(static_cast<std::size_t>(n));
    upInstances_ = n;
    threadTask_.assign(static_cast<std::size_t>(n) * static_cast<std::size_t>(c), UINT32_MAX);
    for (std::size_t t = threadTask_.size(); t-- > 0;) idleThreads_.push_back(static_cast<std::uint32_t>(t));
}

std::uint32_t CallServer::newTask()
{
    std::uint32_t t;
    if (freeTask_ != UINT32_MAX) {
        t = freeTask_;
        freeTask_ = tasks_[t].nextFree;
    } else {
        t = static_cast<std::uint32_t>(tasks_.size());
        tasks_.emplace_back();
    }
    return t;
}

void CallServer::accept(const CallRef& call, const CallContext& ctx, std::uint16_t fromService)
{
    ++n_.received;
    if (fromService != CallClient::kUsers && world_.callsCut(fromService, serviceIndex_)) {
        ++n_.unreachable; // the request never arrives: the caller waits until its timeout
        return;
    }
    if (upInstances_ == 0) {
        ++n_.refused;
        world_.recordCall(ctx.env, serviceIndex_, serviceIndex_, HopKind::CallRejected, static_cast<std::uint16_t>(CallCause::Refused));
        call.client->answer(call, CallCause::Refused);
        return;
    }
    if (idleThreads_.empty() && backlog_.size() >= static_cast<std::size_t>(std::max(0, spec_.backlog))) {
        ++n_.rejected;
        world_.recordCall(ctx.env, serviceIndex_, serviceIndex_, HopKind::CallRejected, static_cast<std::uint16_t>(CallCause::Rejected));
        call.client->answer(call, CallCause::Rejected);
        return;
    }
    ++n_.accepted;
    maxDepth_ = std::max(maxDepth_, ctx.depth);
    const std::uint32_t t = newTask();
    Task& task = tasks_[t];
    task.caller = call;
    task.ctx = ctx;
    task.acceptedAt = sim_.now();
    task.group = UINT32_MAX;
    ++task.generation;
    // The request keeps its flow open while it is here (completion: its last effect anywhere).
    EndToEndTracker& flows = world_.flows();
    if (flows.current(ctx.flow, ctx.flowGeneration)) flows.join(ctx.flow);
    else task.ctx.flow = UINT32_MAX;
    if (!idleThreads_.empty()) {
        const std::uint32_t thread = idleThreads_.back();
        idleThreads_.pop_back();
        startOn(t, thread);
        return;
    }
    task.state = TaskState::Waiting;
    backlogAvg_.accumulate(sim_.now(), backlog_.size());
    backlog_.push_back(t);
    maxBacklog_ = std::max(maxBacklog_, backlog_.size());
}

void CallServer::startOn(std::uint32_t t, std::uint32_t thread)
{
    Task& task = tasks_[t];
    task.state = TaskState::Working;
    task.thread = thread;
    task.startedAt = sim_.now();
    threadTask_[thread] = t;
    setBusy(+1);
    SimTime own = spec_.serviceTime.sampleTime(rng_);
    if (slowFactor_ != 1) own = scaleTime(own, slowFactor_);
    own = addTime(own, slowExtra_);
    task.timer = sim_.scheduleIn(own, *this, kOwnDone, t, task.generation);
}

void CallServer::handle(const Event& ev)
{
    const auto t = static_cast<std::uint32_t>(ev.a);
    if (ev.kind != kOwnDone || t >= tasks_.size() || tasks_[t].generation != ev.b || tasks_[t].state != TaskState::Working)
        return;
    ownWorkDone(t);
}

void CallServer::ownWorkDone(std::uint32_t t)
{
    const double p = std::min(1.0, spec_.errorRate + extraErrorRate_);
    if (rng_.bernoulli(p)) {
        finish(t, CallCause::Error);
        return;
    }
    world_.callTargets(serviceIndex_, tasks_[t].ctx.env, targets_);
    if (targets_.empty()) {
        succeed(t);
        return;
    }
    Task& task = tasks_[t];
    task.state = TaskState::Calling;
    // The thread stays held while the calls are out. begin() may answer at once (a refused or
    // fast-failed call), so the group id is stored first only if the task is still calling.
    const std::uint32_t gen = task.generation;
    CallClient* client = world_.callClient(serviceIndex_);
    const std::uint32_t group = client->begin(*this, (static_cast<std::uint64_t>(gen) << 32) | t, task.ctx, targets_);
    if (tasks_[t].generation == gen && tasks_[t].state == TaskState::Calling) tasks_[t].group = group;
}

void CallServer::callsDone(std::uint64_t token, CallCause cause)
{
    const auto t = static_cast<std::uint32_t>(token & 0xffffffffu);
    const auto gen = static_cast<std::uint32_t>(token >> 32);
    if (t >= tasks_.size() || tasks_[t].generation != gen || tasks_[t].state != TaskState::Calling) return;
    tasks_[t].group = UINT32_MAX;
    if (cause == CallCause::None) succeed(t);
    // A failure further down comes back as this service's error; an open circuit or a full bulkhead
    // stays what it is, so the user's outcome can say the request failed fast.
    else finish(t, cause == CallCause::CircuitOpen || cause == CallCause::BulkheadFull ? cause : CallCause::Error);
}

void CallServer::succeed(std::uint32_t t)
{
    Task& task = tasks_[t];
    // Only a user's request publishes the entry's event; a call from another service (a thin event's
    // callback) is a read of the entry's data.
    if (entry_ && task.caller.client->callerService() == CallClient::kUsers) entry_->publishForRequest(task.ctx);
    const std::uint64_t op = task.ctx.operation;
    const bool again = op && seen_.seenOrRecord(op, sim_.now());
    if (again && spec_.idempotent) {
        ++n_.deduplicated;
        sim_.noteOutcome(static_cast<std::uint32_t>(Outcome::CallEffect), op, 2);
    } else {
        ++n_.effects;
        if (again) ++n_.duplicateEffects;
        sim_.noteOutcome(static_cast<std::uint32_t>(Outcome::CallEffect), op, again ? 1 : 0);
        if (task.ctx.flow != UINT32_MAX) world_.flows().effectApplied(task.ctx.flow);
    }
    finish(t, CallCause::None);
}

void CallServer::finish(std::uint32_t t, CallCause cause)
{
    Task& task = tasks_[t];
    const CallRef caller = task.caller;
    const std::uint64_t op = task.ctx.operation;
    if (cause == CallCause::None) {
        ++n_.succeeded;
        response_.record(sim_.now() - task.acceptedAt);
    } else {
        ++n_.failed;
    }
    const SimTime worked = sim_.now() - task.startedAt;
    const std::uint32_t thread = task.thread;
    releaseTask(t);
    sim_.noteOutcome(static_cast<std::uint32_t>(Outcome::CallAnswered), op, static_cast<std::uint64_t>(cause));
    if (!caller.client->answer(caller, cause)) {
        ++n_.wasted;
        n_.wastedSeconds += toSeconds(worked);
    }
    freeThread(thread);
}

void CallServer::releaseTask(std::uint32_t t)
{
    Task& task = tasks_[t];
    if (task.ctx.flow != UINT32_MAX) world_.flows().leave(task.ctx.flow);
    task.state = TaskState::Free;
    task.timer = EventHandle{};
    task.group = UINT32_MAX;
    ++task.generation;
    task.nextFree = freeTask_;
    freeTask_ = t;
}

void CallServer::freeThread(std::uint32_t thread)
{
    if (thread == UINT32_MAX) return;
    threadTask_[thread] = UINT32_MAX;
    setBusy(-1);
    const int perInstance = std::max(1, spec_.concurrency);
    if (!instances_[thread / static_cast<std::uint32_t>(perInstance)].up) return;
    // The next waiting request takes the thread at once.
    while (!backlog_.empty()) {
        backlogAvg_.accumulate(sim_.now(), backlog_.size());
        const std::uint32_t next = backlog_.front();
        backlog_.pop_front();
        if (tasks_[next].state != TaskState::Waiting) continue;
        startOn(next, thread);
        return;
    }
    idleThreads_.push_back(thread);
}

void CallServer::setBusy(int delta)
{
    busyAvg_.accumulate(sim_.now(), static_cast<std::uint64_t>(busy_));
    busy_ += delta;
    maxBusy_ = std::max(maxBusy_, busy_);
}

void CallServer::holdDown(int instance)
{
    if (instance < 0) {
        if (++allHolds_ == 1)
            for (int i = 0; i < static_cast<int>(instances_.size()); ++i) crash(i);
        return;
    }
    if (instance < static_cast<int>(instances_.size())) {
        ++instances_[static_cast<std::size_t>(instance)].holds;
        crash(instance);
    }
}

void CallServer::releaseHold(int instance)
{
    if (instance < 0) {
        if (allHolds_ > 0 && --allHolds_ == 0)
            for (int i = 0; i < static_cast<int>(instances_.size()); ++i)
                if (instances_[static_cast<std::size_t>(i)].holds == 0) restart(i);
        return;
    }
    if (instance >= static_cast<int>(instances_.size())) return;
    Instance& inst = instances_[static_cast<std::size_t>(instance)];
    if (inst.holds > 0 && --inst.holds == 0 && allHolds_ == 0) restart(instance);
}

// A crashed instance loses the requests on its threads: their callers see the connection reset (an
// error at once). Calls those requests had out stay with their callees, which finish them for nobody.
void CallServer::crash(int instance)
{
    Instance& inst = instances_[static_cast<std::size_t>(instance)];
    if (!inst.up) return;
    inst.up = false;
    --upInstances_;
    const auto per = static_cast<std::uint32_t>(std::max(1, spec_.concurrency));
    const std::uint32_t first = static_cast<std::uint32_t>(instance) * per;
    idleThreads_.erase(std::remove_if(idleThreads_.begin(), idleThreads_.end(),
                                      [&](std::uint32_t th) { return th >= first && th < first + per; }),
                       idleThreads_.end());
    for (std::uint32_t th = first; th < first + per; ++th) {
        const std::uint32_t t = threadTask_[th];
        if (t == UINT32_MAX) continue;
        Task& task = tasks_[t];
        sim_.cancel(task.timer);
        if (task.state == TaskState::Calling && task.group != UINT32_MAX) world_.callClient(serviceIndex_)->abandon(task.group);
        const CallRef caller = task.caller;
        ++n_.killed;
        releaseTask(t);
        threadTask_[th] = UINT32_MAX;
        setBusy(-1);
        caller.client->answer(caller, CallCause::Error);
    }
    if (upInstances_ == 0) refuseBacklog();
}

void CallServer::refuseBacklog()
{
    while (!backlog_.empty()) {
        backlogAvg_.accumulate(sim_.now(), backlog_.size());
        const std::uint32_t t = backlog_.front();
        backlog_.pop_front();
        if (tasks_[t].state != TaskState::Waiting) continue;
        const CallRef caller = tasks_[t].caller;
        ++n_.killed;
        releaseTask(t);
        caller.client->answer(caller, CallCause::Error);
    }
}

void CallServer::restart(int instance)
{
    Instance& inst = instances_[static_cast<std::size_t>(instance)];
    if (inst.up) return;
    inst.up = true;
    ++upInstances_;
    const auto per = static_cast<std::uint32_t>(std::max(1, spec_.concurrency));
    const std::uint32_t first = static_cast<std::uint32_t>(instance) * per;
    for (std::uint32_t th = first + per; th-- > first;) {
        threadTask_[th] = UINT32_MAX;
        idleThreads_.push_back(th);
    }
    // Whatever waited in the backlog (other instances were up) takes the new threads.
    while (!backlog_.empty() && !idleThreads_.empty()) {
        backlogAvg_.accumulate(sim_.now(), backlog_.size());
        const std::uint32_t t = backlog_.front();
        backlog_.pop_front();
        if (tasks_[t].state != TaskState::Waiting) continue;
        const std::uint32_t th = idleThreads_.back();
        idleThreads_.pop_back();
        startOn(t, th);
    }
}

} // namespace es

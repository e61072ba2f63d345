#include "model/sagas/Orchestrator.h"

#include "model/World.h"

#include <algorithm>

namespace es {

namespace {
constexpr std::uint32_t kNoParent = UINT32_MAX;
}

Orchestrator::Orchestrator(World& world, const ServiceSpec& service, std::uint16_t serviceIndex)
    : Component(world.sim(), service.name + ".orchestrator"), world_(world), spec_(*service.orchestrates),
      serviceIndex_(serviceIndex)
{
    for (const SagaSpec& g : world.scenario().sagas)
        if (g.name == spec_.saga) {
            starts_ = world.internType(g.starts);
            completes_ = world.internType(g.completes);
            compensated_ = world.internType(g.compensated);
        }
    for (const SagaStepSpec& s : spec_.steps) {
        StepTypes t;
        t.command = world.internType(s.command);
        t.reply = world.internType(s.reply);
        for (const std::string& f : s.failures) t.failures.push_back(world.internType(f));
        t.hasUndo = !s.undo.empty();
        if (t.hasUndo) {
            t.undo = world.internType(s.undo);
            t.undone = world.internType(s.undone);
        }
        steps_.push_back(std::move(t));
    }
}

const Distribution* Orchestrator::commit() const
{
    const bool none = spec_.dbCommit.kind() == Distribution::Kind::Constant && spec_.dbCommit.mean() == 0;
    return spec_.persisted && !none ? &spec_.dbCommit : nullptr;
}

void Orchestrator::handled(std::uint32_t slot)
{
    const Envelope& env = world_.store().envelope(slot);
    auto it = bySaga_.find(env.correlationId);
    if (env.type == starts_) {
        // A start delivered again (its ack was lost) belongs to a saga already running.
        if (it != bySaga_.end()) ++counts_.duplicateStarts;
        else start(slot, env);
        return;
    }
    if (it == bySaga_.end()) { // its saga is over, given up, or was lost in a crash
        ++counts_.staleReplies;
        return;
    }
    const std::uint32_t s = it->second;
    Saga& g = sagas_[s];
    const StepTypes& st = steps_[static_cast<std::size_t>(g.step)];
    if (!g.compensating) {
        if (env.type == st.reply) {
            if (static_cast<std::size_t>(g.step) + 1 < steps_.size()) {
                ++g.step;
                send(s, steps_[static_cast<std::size_t>(g.step)].command, spec_.steps[static_cast<std::size_t>(g.step)].to, slot);
                ++counts_.commands;
                arm(s);
            } else {
                finish(s, true, slot);
            }
            return;
        }
        // The step failed: it did nothing, the steps before it are undone.
        if (std::count(st.failures.begin(), st.failures.end(), env.type)) {
            compensateFrom(s, g.step - 1, slot);
            return;
        }
    } else if (env.type == st.undone) {
        compensateFrom(s, g.step - 1, slot);
        return;
    }
    ++counts_.staleReplies; // a reply the saga no longer waits for (it timed out, or came twice)
}

void Orchestrator::start(std::uint32_t slot, const Envelope& env)
{
    std::uint32_t s;
    if (freeHead_ != UINT32_MAX) {
        s = freeHead_;
        freeHead_ = sagas_[s].nextFree;
    } else {
        s = static_cast<std::uint32_t>(sagas_.size());
        sagas_.emplace_back();
    }
    Saga& g = sagas_[s];
    const std::uint32_t generation = g.generation + 1;
    g = Saga{};
    g.generation = generation;
    g.live = true;
    g.correlation = env.correlationId;
    g.base = env;
    // The saga holds its flow open while it waits: the flow ends only once the saga has.
    EventStore& store = world_.store();
    const std::uint32_t flow = store.flowOf(slot);
    if (flow != EndToEndTracker::kNone && world_.flows().current(flow, store.flowGenerationOf(slot))) {
        g.flow = flow;
        g.flowGeneration = store.flowGenerationOf(slot);
        world_.flows().join(flow);
    }
    bySaga_.emplace(g.correlation, s);
    ++counts_.started;
    send(s, steps_.front().command, spec_.steps.front().to, slot);
    ++counts_.commands;
    arm(s);
}

void Orchestrator::send(std::uint32_t saga, std::uint16_t type, const std::string& to, std::uint32_t parentSlot)
{
    const Saga& g = sagas_[saga];
    EventStore& store = world_.store();
    Envelope env = g.base;
    env.eventId = world_.nextEventId();
    env.causationId = parentSlot != kNoParent ? store.envelope(parentSlot).eventId : g.base.eventId;
    env.created = sim_.now();
    env.type = type;
    env.version = 1;
    env.flags = 0;
    env.source = serviceIndex_;
    const std::uint32_t slot = store.createInFlow(env, g.flow, g.flowGeneration);
    world_.publish(slot, to);
    store.release(slot);
}

void Orchestrator::arm(std::uint32_t saga)
{
    Saga& g = sagas_[saga];
    sim_.cancel(g.timer);
    g.deadline = addTime(sim_.now(), spec_.timeout);
    g.timer = paused_ ? EventHandle{} : sim_.schedule(g.deadline, *this, kTimeout, saga, g.generation);
}

void Orchestrator::compensateFrom(std::uint32_t saga, int step, std::uint32_t parentSlot)
{
    Saga& g = sagas_[saga];
    g.compensating = true;
    for (int j = step; j >= 0; --j)
        if (steps_[static_cast<std::size_t>(j)].hasUndo) {
            g.step = j;
            g.undoTries = 0;
            send(saga, steps_[static_cast<std::size_t>(j)].undo, spec_.steps[static_cast<std::size_t>(j)].to, parentSlot);
            ++counts_.undos;
            arm(saga);
            return;
        }
    finish(saga, false, parentSlot); // nothing (left) to undo
}

void Orchestrator::finish(std::uint32_t saga, bool completed, std::uint32_t parentSlot)
{
    send(saga, completed ? completes_ : compensated_, spec_.outcomeTo, parentSlot);
    ++(completed ? counts_.completed : counts_.compensated);
    release(saga);
}

void Orchestrator::release(std::uint32_t saga)
{
    Saga& g = sagas_[saga];
    sim_.cancel(g.timer);
    g.timer = EventHandle{};
    bySaga_.erase(g.correlation);
    g.live = false;
    g.nextFree = freeHead_;
    freeHead_ = saga;
    // Last: letting go of the flow may end it, and the saga tracker then classifies it.
    if (g.flow != EndToEndTracker::kNone) world_.flows().leave(g.flow);
}

void Orchestrator::handle(const Event& ev)
{
    if (ev.kind != kTimeout || ev.a >= sagas_.size()) return;
    const auto s = static_cast<std::uint32_t>(ev.a);
    if (!sagas_[s].live || sagas_[s].generation != ev.b) return;
    sagas_[s].timer = EventHandle{};
    timedOut(s);
}

void Orchestrator::timedOut(std::uint32_t saga)
{
    Saga& g = sagas_[saga];
    ++counts_.timeouts;
    if (!g.compensating) {
        // No reply: the step may or may not have happened, so it is undone too.
        compensateFrom(saga, g.step, kNoParent);
        return;
    }
    if (g.undoTries < spec_.undoRetries) {
        ++g.undoTries;
        ++counts_.undoResent;
        send(saga, steps_[static_cast<std::size_t>(g.step)].undo, spec_.steps[static_cast<std::size_t>(g.step)].to, kNoParent);
        ++counts_.undos;
        arm(saga);
        return;
    }
    ++counts_.gaveUp; // the compensation never answered: the saga stays half undone
    release(saga);
}

void Orchestrator::instanceDown(int up)
{
    if (!spec_.persisted) {
        // In memory (one instance, the loader's rule): every saga it held is gone with it.
        std::vector<std::uint32_t> live;
        for (const auto& kv : bySaga_) live.push_back(kv.second);
        std::sort(live.begin(), live.end()); // the map's order is not the run's: release in slot order
        for (std::uint32_t s : live) {
            ++counts_.lost;
            release(s);
        }
        return;
    }
    if (up > 0 || paused_) return;
    paused_ = true; // the database keeps the sagas; their timers wait for an instance to come back
    for (Saga& g : sagas_)
        if (g.live) {
            sim_.cancel(g.timer);
            g.timer = EventHandle{};
        }
}

void Orchestrator::instanceUp()
{
    if (!paused_) return;
    paused_ = false;
    for (std::uint32_t s = 0; s < sagas_.size(); ++s) {
        Saga& g = sagas_[s];
        if (!g.live) continue;
        ++counts_.resumed;
        g.timer = sim_.schedule(std::max(g.deadline, sim_.now()), *this, kTimeout, s, g.generation);
    }
}

std::vector<std::uint64_t> Orchestrator::waitingPerStep() const
{
    std::vector<std::uint64_t> n(steps_.size(), 0);
    for (const Saga& g : sagas_)
        if (g.live && !g.compensating) ++n[static_cast<std::size_t>(g.step)];
    return n;
}

std::uint64_t Orchestrator::compensating() const
{
    std::uint64_t n = 0;
    for (const Saga& g : sagas_) n += g.live && g.compensating;
    return n;
}

} // namespace es

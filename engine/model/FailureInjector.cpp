#include "model/FailureInjector.h"

#include "model/services/ConsumerService.h"
#include "model/brokers/LogBroker.h"
#include "model/brokers/LogGroup.h"
#include "model/brokers/QueueBroker.h"
#include "model/services/Producer.h"
#include "model/World.h"
#include "model/calls/CallServer.h"

#include <fmt/format.h>

#include <algorithm>

namespace es {

FailureInjector::FailureInjector(World& world, std::vector<FailureSpec> failures)
    : Component(world.sim(), "failures"), world_(world), failures_(std::move(failures)), began_(failures_.size(), 0)
{
    scenarioCount_ = failures_.size();
}

void FailureInjector::start()
{
    for (std::size_t i = 0; i < failures_.size(); ++i) {
        const FailureSpec& f = failures_[i];
        sim_.schedule(f.at, *this, kBegin, i, 0, kPriority);
        sim_.schedule(addTime(f.at, f.duration), *this, kEnd, i, 0, kPriority); // an end at kNever is not scheduled
    }
}

SimTime FailureInjector::injectionTime(SimTime now) { return (now / kMillisecond + 1) * kMillisecond; }

std::size_t FailureInjector::inject(FailureSpec f)
{
    f.at = std::max(f.at, injectionTime(sim_.now()));
    const std::size_t i = failures_.size();
    failures_.push_back(f);
    began_.push_back(0);
    sim_.schedule(f.at, *this, kBegin, i, 0, kPriority);
    sim_.schedule(addTime(f.at, f.duration), *this, kEnd, i, 0, kPriority);
    ++changes_;
    return i;
}

bool FailureInjector::lift(std::size_t index, SimTime at)
{
    if (index >= failures_.size()) return false;
    FailureSpec& f = failures_[index];
    if (f.duration != kNever || at < injectionTime(sim_.now())) return false;
    at = std::max(at, f.at + kMillisecond); // lifted before it began: it lasts a millisecond, not nothing
    f.duration = at - f.at;
    sim_.schedule(at, *this, kEnd, index, 0, kPriority);
    ++changes_;
    return true;
}

void FailureInjector::handle(const Event& ev)
{
    apply(static_cast<std::size_t>(ev.a), ev.kind == kBegin);
}

// Two partitions cut the same link whichever side each names as its target.
static bool sameLink(const FailureSpec& a, const FailureSpec& b)
{
    return (a.target == b.target && a.peer == b.peer) || (a.target == b.peer && a.peer == b.target);
}

std::vector<const FailureSpec*> FailureInjector::inForce(const FailureSpec& like) const
{
    std::vector<std::pair<std::uint64_t, const FailureSpec*>> found;
    for (std::size_t i = 0; i < failures_.size(); ++i) {
        const FailureSpec& f = failures_[i];
        if (!began_[i] || f.kind != like.kind) continue;
        if (like.kind == FailureKind::Partition ? !sameLink(f, like) : f.target != like.target) continue;
        found.emplace_back(began_[i], &f);
    }
    std::sort(found.begin(), found.end());
    std::vector<const FailureSpec*> out;
    for (const auto& [order, f] : found) out.push_back(f);
    return out;
}

double FailureInjector::combinedShare(const FailureSpec& like) const
{
    double pass = 1;
    for (const FailureSpec* f : inForce(like)) pass *= 1 - f->share;
    return 1 - pass;
}

void FailureInjector::apply(std::size_t index, bool begin)
{
    const FailureSpec& f = failures_[index];
    if (!isInstantFailure(f.kind)) {
        if (begin == (began_[index] != 0)) return; // already in (or out of) force
        began_[index] = begin ? ++beginCount_ : 0;
    }
    ConsumerService* c = world_.consumer(f.target);
    Producer* p = world_.producer(f.target);
    CallServer* sv = world_.server(f.target); // its server, if it answers calls
    const std::vector<const FailureSpec*> active = inForce(f);
    std::string what;
    switch (f.kind) {
    case FailureKind::Crash:
        // Holds nest per instance (see ConsumerService::holdDown).
        if (c) begin ? c->holdDown(f.instance) : c->releaseHold(f.instance);
        if (sv) begin ? sv->holdDown(f.instance) : sv->releaseHold(f.instance);
        if (p) p->setDown(!active.empty());
        what = begin ? "crash" : active.empty() ? "restart" : "crash over (another crash still in force)";
        break;
    case FailureKind::Slowdown: {
        double factor = 1;
        SimTime extra = 0;
        for (const FailureSpec* s : active) {
            factor *= s->factor;
            extra = addTime(extra, s->extra);
        }
        if (c) c->setSlowdown(factor, extra);
        if (sv) sv->setSlowdown(factor, extra);
        what = begin || !active.empty() ? fmt::format("slowdown x{} +{}s", factor, toSeconds(extra)) : "slowdown over";
        break;
    }
    case FailureKind::ErrorRate: {
        const double share = combinedShare(f);
        if (c) c->setExtraErrorRate(share);
        if (sv) sv->setExtraErrorRate(share);
        what = begin || !active.empty() ? fmt::format("error rate {}%", share * 100) : "error rate over";
        break;
    }
    case FailureKind::Replay:
        if (!begin) return; // a replay is an instant action: nothing to lift
        if (c)
            if (auto* group = dynamic_cast<LogGroup*>(c->source())) group->seek(f.replayOffset);
        what = fmt::format("replay from offset {}", f.replayOffset);
        break;
    case FailureKind::Outage:
        world_.receiver(f.target)->setDown(!active.empty());
        if (active.empty()) world_.connectivityChanged();
        what = begin ? "outage" : active.empty() ? "back" : "outage over (another outage still in force)";
        break;
    case FailureKind::Partition: {
        // Between two services, calls across it hang until their caller's timeout.
        if (world_.serviceIndex(f.target) != UINT16_MAX && world_.serviceIndex(f.peer) != UINT16_MAX) {
            world_.setCallsCut(world_.serviceIndex(f.target), world_.serviceIndex(f.peer), !active.empty());
            what = begin ? fmt::format("partitioned from {}", f.peer)
                   : active.empty() ? fmt::format("reconnected to {}", f.peer)
                                    : fmt::format("partition from {} over (another still in force)", f.peer);
            break;
        }
        // Otherwise one side is a service, the other a broker (the loader checks).
        const bool targetIsService = world_.serviceIndex(f.target) != UINT16_MAX;
        const std::string& service = targetIsService ? f.target : f.peer;
        const std::string& broker = targetIsService ? f.peer : f.target;
        world_.setPartitioned(world_.serviceIndex(service), world_.receiver(broker)->componentIndex(), !active.empty());
        if (active.empty()) world_.connectivityChanged();
        what = begin ? fmt::format("partitioned from {}", f.peer)
               : active.empty() ? fmt::format("reconnected to {}", f.peer)
                                : fmt::format("partition from {} over (another still in force)", f.peer);
        break;
    }
    case FailureKind::Drop:
    case FailureKind::Duplicate:
    case FailureKind::Delay: {
        Receiver* r = world_.receiver(f.target);
        LinkFaults* faults = nullptr;
        if (auto* q = dynamic_cast<QueueBroker*>(r)) faults = &q->linkFaults();
        if (auto* l = dynamic_cast<LogBroker*>(r)) faults = &l->linkFaults();
        // A delayed copy is late by the delay of the latest delay failure in force.
        const double share = combinedShare(f);
        if (faults) faults->set(f.kind, share, active.empty() ? f.delay : active.back()->delay);
        static constexpr const char* names[] = {"drop", "duplicate", "delay"};
        const char* name = names[static_cast<int>(f.kind) - static_cast<int>(FailureKind::Drop)];
        what = begin || !active.empty() ? fmt::format("{} {}% of copies", name, share * 100) : fmt::format("{} over", name);
        break;
    }
    case FailureKind::Poison: {
        const double share = combinedShare(f);
        if (p) p->setPoisonShare(share);
        what = begin || !active.empty() ? fmt::format("{}% poison events", share * 100) : "poison over";
        break;
    }
    case FailureKind::PoisonNext:
        if (!begin) return; // an instant action: nothing to lift
        if (p) p->poisonNext(f.count);
        what = f.count == 1 ? std::string("poison the next event") : fmt::format("poison the next {} events", f.count);
        break;
    case FailureKind::CrashAfterCommit: {
        const double share = combinedShare(f);
        if (p) p->setCrashAfterCommit(share);
        what = begin || !active.empty() ? fmt::format("{}% crash between commit and publish", share * 100)
                                        : "crash after commit over";
        break;
    }
    case FailureKind::CrashBeforeAck: {
        // The longest restart time in force: an instance that crashed stays down at least that long.
        const double share = combinedShare(f);
        SimTime restartAfter = 0;
        for (const FailureSpec* a : active) restartAfter = std::max(restartAfter, a->restartAfter);
        if (c) c->setCrashBeforeAck(share, active.empty() ? f.restartAfter : restartAfter);
        what = begin || !active.empty() ? fmt::format("{}% crash before ack", share * 100) : "crash before ack over";
        break;
    }
    }
    const std::string target = f.instance >= 0 ? fmt::format("{}#{}", f.target, f.instance) : f.target;
    log_.push_back(FailureLogEntry{sim_.now(), target, what, index >= scenarioCount_});
    ++changes_;
}

} // namespace es

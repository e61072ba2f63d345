#include "model/FailureInjector.h"

#include "model/ConsumerService.h"
#include "model/LogBroker.h"
#include "model/LogGroup.h"
#include "model/QueueBroker.h"
#include "model/Producer.h"
#include "model/World.h"

#include <fmt/format.h>

namespace es {

FailureInjector::FailureInjector(World& world, std::vector<FailureSpec> failures)
    : Component(world.sim(), "failures"), world_(world), failures_(std::move(failures))
{
}

void FailureInjector::start()
{
    for (std::size_t i = 0; i < failures_.size(); ++i) {
        const FailureSpec& f = failures_[i];
        sim_.schedule(f.at, *this, kBegin, i);
        sim_.schedule(addTime(f.at, f.duration), *this, kEnd, i); // an end at kNever is not scheduled
    }
}

void FailureInjector::handle(const Event& ev)
{
    apply(failures_[ev.a], ev.kind == kBegin);
}

void FailureInjector::apply(const FailureSpec& f, bool begin)
{
    ConsumerService* c = world_.consumer(f.target);
    Producer* p = world_.producer(f.target);
    std::string what;
    switch (f.kind) {
    case FailureKind::Crash:
        if (c) begin ? c->crash(f.instance) : c->restart(f.instance);
        if (p) p->setDown(begin);
        what = begin ? "crash" : "restart";
        break;
    case FailureKind::Slowdown:
        if (c) begin ? c->setSlowdown(f.factor, f.extra) : c->setSlowdown(1, 0);
        what = begin ? fmt::format("slowdown x{} +{}s", f.factor, toSeconds(f.extra)) : "slowdown over";
        break;
    case FailureKind::ErrorRate:
        if (c) c->setExtraErrorRate(begin ? f.share : 0);
        what = begin ? fmt::format("error rate {}%", f.share * 100) : "error rate over";
        break;
    case FailureKind::Replay:
        if (!begin) return; // a replay is an instant action: nothing to lift
        if (c)
            if (auto* group = dynamic_cast<LogGroup*>(c->source())) group->seek(f.replayOffset);
        what = fmt::format("replay from offset {}", f.replayOffset);
        break;
    case FailureKind::Outage:
        world_.receiver(f.target)->setDown(begin);
        if (!begin) world_.connectivityChanged();
        what = begin ? "outage" : "back";
        break;
    case FailureKind::Partition: {
        // One side is a service, the other a broker (the loader checks).
        const bool targetIsService = world_.serviceIndex(f.target) != UINT16_MAX;
        const std::string& service = targetIsService ? f.target : f.peer;
        const std::string& broker = targetIsService ? f.peer : f.target;
        world_.setPartitioned(world_.serviceIndex(service), world_.receiver(broker)->componentIndex(), begin);
        if (!begin) world_.connectivityChanged();
        what = begin ? fmt::format("partitioned from {}", f.peer) : fmt::format("reconnected to {}", f.peer);
        break;
    }
    case FailureKind::Drop:
    case FailureKind::Duplicate:
    case FailureKind::Delay: {
        Receiver* r = world_.receiver(f.target);
        LinkFaults* faults = nullptr;
        if (auto* q = dynamic_cast<QueueBroker*>(r)) faults = &q->linkFaults();
        if (auto* l = dynamic_cast<LogBroker*>(r)) faults = &l->linkFaults();
        if (faults) faults->set(f.kind, begin ? f.share : 0, f.delay);
        static const char* names[] = {"drop", "duplicate", "delay"};
        const char* name = names[static_cast<int>(f.kind) - static_cast<int>(FailureKind::Drop)];
        what = begin ? fmt::format("{} {}% of copies", name, f.share * 100) : fmt::format("{} over", name);
        break;
    }
    case FailureKind::Poison:
        if (p) p->setPoisonShare(begin ? f.share : 0);
        what = begin ? fmt::format("{}% poison events", f.share * 100) : "poison over";
        break;
    case FailureKind::CrashAfterCommit:
        if (p) p->setCrashAfterCommit(begin ? f.share : 0);
        what = begin ? fmt::format("{}% crash between commit and publish", f.share * 100) : "crash after commit over";
        break;
    case FailureKind::CrashBeforeAck:
        if (c) c->setCrashBeforeAck(begin ? f.share : 0, f.restartAfter);
        what = begin ? fmt::format("{}% crash before ack", f.share * 100) : "crash before ack over";
        break;
    }
    const std::string target = f.instance >= 0 ? fmt::format("{}#{}", f.target, f.instance) : f.target;
    log_.push_back(FailureLogEntry{sim_.now(), target, what});
}

} // namespace es

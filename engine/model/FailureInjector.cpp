#include "model/FailureInjector.h"

#include "model/ConsumerService.h"
#include "model/LogGroup.h"
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
        if (f.duration != kNever && f.at < kNever - f.duration) sim_.schedule(f.at + f.duration, *this, kEnd, i);
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
    case FailureKind::Replay:
        if (!begin) return; // a replay is an instant action: nothing to lift
        if (c)
            if (auto* group = dynamic_cast<LogGroup*>(c->source())) group->seek(f.replayOffset);
        what = fmt::format("replay from offset {}", f.replayOffset);
        break;
    case FailureKind::ErrorRate:
        if (c) c->setExtraErrorRate(begin ? f.errorRate : 0);
        what = begin ? fmt::format("error rate {}%", f.errorRate * 100) : "error rate over";
        break;
    }
    const std::string target = f.instance >= 0 ? fmt::format("{}#{}", f.target, f.instance) : f.target;
    log_.push_back(FailureLogEntry{sim_.now(), target, what});
}

} // namespace es

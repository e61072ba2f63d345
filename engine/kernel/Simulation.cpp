#include "kernel/Simulation.h"

namespace es {

Component::Component(Simulation& sim, std::string name)
    : sim_(sim), index_(sim.registerComponent(this)), name_(std::move(name))
{
}

void Component::excludeFromDigest() { sim_.traced_[index_] = 0; }

std::uint32_t Simulation::registerComponent(Component* c)
{
    components_.push_back(c);
    traced_.push_back(1);
    return static_cast<std::uint32_t>(components_.size() - 1);
}

void Simulation::recordAsDispatched(const Event& ev)
{
    if (!traced_[ev.target]) return;
    digest_.add(ev);
    if (traceSink_) traceSink_->onEvent(ev, components_[ev.target]->componentName());
}

inline void Simulation::dispatch(const Event& ev)
{
    now_ = ev.time;
    if (traced_[ev.target]) {
        digest_.add(ev);
        if (traceSink_) traceSink_->onEvent(ev, components_[ev.target]->componentName());
    }
    ++eventsProcessed_;
    components_[ev.target]->handle(ev);
}

bool Simulation::runUntil(SimTime until, const std::atomic<bool>* stop, std::uint64_t maxEvents)
{
    std::uint32_t sinceCheck = 0;
    std::uint64_t done = 0;
    while (!queue_.empty() && queue_.nextTime() <= until) {
        if (done++ == maxEvents) return false;
        dispatch(queue_.pop());
        if (stop && ++sinceCheck == 1024) {
            sinceCheck = 0;
            if (stop->load(std::memory_order_relaxed)) return false;
        }
    }
    if (until != kNever && now_ < until) now_ = until;
    return true;
}

bool Simulation::step(SimTime until)
{
    if (queue_.empty() || queue_.nextTime() > until) return false;
    dispatch(queue_.pop());
    return true;
}

} // namespace es

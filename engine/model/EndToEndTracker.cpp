#include "model/EndToEndTracker.h"

namespace es {

std::uint32_t EndToEndTracker::openFlow(std::uint16_t producer, SimTime created, std::uint16_t rootType)
{
    std::uint32_t id;
    if (freeHead_ != kNone) {
        id = freeHead_;
        freeHead_ = flows_[id].nextFree;
    } else {
        id = static_cast<std::uint32_t>(flows_.size());
        flows_.emplace_back();
    }
    flows_[id] = Flow{created, 0, 1, 0, producer, kNone, flows_[id].generation + 1};
    if (producer < perProducer_.size()) ++perProducer_[producer].open;
    if (observer_) observer_->opened(id, rootType, created);
    return id;
}

void EndToEndTracker::leave(std::uint32_t flow)
{
    Flow& f = flows_[flow];
    if (--f.live > 0) return;
    if (f.producer < perProducer_.size()) {
        PerProducer& p = perProducer_[f.producer];
        --p.open;
        if (f.effects > 0) {
            p.latency->record(f.lastEffect - f.created);
            ++p.completed;
        } else {
            ++p.noEffect;
        }
    }
    if (observer_) observer_->ended(flow, sim_.now());
    f.nextFree = freeHead_;
    freeHead_ = flow;
}

} // namespace es

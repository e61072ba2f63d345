#include "model/sagas/SagaTracker.h"

#include "model/World.h"
#include "scenario/Scenario.h"

namespace es {

SagaTracker::SagaTracker(World& world, const std::vector<SagaSpec>& specs) : counts_(specs.size())
{
    for (const SagaSpec& g : specs) {
        names_.push_back(g.name);
        types_.push_back({world.internType(g.starts), world.internType(g.completes), world.internType(g.compensated)});
    }
}

void SagaTracker::opened(std::uint32_t flow, std::uint16_t rootType, SimTime created)
{
    if (slots_.size() <= flow) slots_.resize(flow + std::size_t{1});
    Slot& s = slots_[flow];
    s = Slot{};
    for (std::size_t i = 0; i < types_.size(); ++i)
        if (types_[i].starts == rootType) {
            s.saga = static_cast<std::int32_t>(i);
            s.created = created;
            ++counts_[i].started;
            return;
        }
}

void SagaTracker::effect(std::uint32_t flow, std::uint16_t type, SimTime now)
{
    if (flow >= slots_.size() || slots_[flow].saga < 0) return;
    Slot& s = slots_[flow];
    const Types& t = types_[static_cast<std::size_t>(s.saga)];
    if (type == t.completes && s.completedAt < 0) s.completedAt = now;
    if (type == t.compensated && s.compensatedAt < 0) s.compensatedAt = now;
}

std::uint64_t SagaTracker::liveSlots(std::size_t i) const
{
    std::uint64_t n = 0;
    for (const Slot& s : slots_) n += s.saga == static_cast<std::int32_t>(i);
    return n;
}

void SagaTracker::ended(std::uint32_t flow, SimTime now)
{
    if (flow >= slots_.size() || slots_[flow].saga < 0) return;
    Slot& s = slots_[flow];
    Counts& c = counts_[static_cast<std::size_t>(s.saga)];
    if (s.completedAt >= 0 && s.compensatedAt >= 0) {
        ++c.inconsistent;
    } else if (s.completedAt >= 0) {
        ++c.completed;
        c.completedTime->record(s.completedAt - s.created);
    } else if (s.compensatedAt >= 0) {
        ++c.compensated;
        c.compensatedTime->record(s.compensatedAt - s.created);
    } else {
        ++c.stuck;
        c.stuckTime->record(now - s.created);
    }
    s.saga = -1;
}

} // namespace es

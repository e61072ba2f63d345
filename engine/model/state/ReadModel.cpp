#include "model/state/ReadModel.h"

#include "model/state/EntityStore.h"

#include <algorithm>

namespace es {

void ReadModel::written(std::uint64_t key, std::uint64_t id, SimTime now)
{
    ++writes_;
    unreflected_.push_back(Unreflected{key, id, now});
}

void ReadModel::apply(const Envelope& env, SimTime now)
{
    if (env.source != sourceService_) return;
    const std::uint64_t key = entityKeyOf(env.key);
    const EntityStore::Entity* e = source_.find(key);
    if (!e) return;
    View& v = views_[key];
    if (env.eventId <= v.applied) return; // older than what the copy holds
    for (const EntityStore::Write& w : e->pending) {
        if (w.id <= v.applied) continue;
        if (w.id > env.eventId) break;
        window_.record(now - w.committed);
        ++reflected_;
        v.value = w.value;
        v.written = true;
    }
    v.applied = env.eventId;
    // The source keeps a write until every read model reflects it.
    std::uint64_t upTo = v.applied;
    for (const ReadModel* m : source_.readModels())
        if (m != this) upTo = std::min(upTo, m->appliedUpTo(key));
    source_.trim(key, upTo);
}

std::int64_t ReadModel::value(std::uint64_t key) const
{
    auto it = views_.find(key);
    return it != views_.end() && it->second.written ? it->second.value : source_.initial();
}

std::uint64_t ReadModel::appliedUpTo(std::uint64_t key) const
{
    auto it = views_.find(key);
    return it == views_.end() ? 0 : it->second.applied;
}

double ReadModel::stalenessSeconds(SimTime now)
{
    while (!unreflected_.empty() && appliedUpTo(unreflected_.front().key) >= unreflected_.front().id)
        unreflected_.pop_front();
    return unreflected_.empty() ? 0.0 : toSeconds(now - unreflected_.front().committed);
}

} // namespace es

#include "model/state/EntityStore.h"

#include "model/state/ReadModel.h"

#include <algorithm>

namespace es {

std::int64_t EntityStore::write(std::uint64_t key, std::int64_t delta, std::uint64_t id, SimTime now)
{
    auto [it, fresh] = entities_.try_emplace(key);
    Entity& e = it->second;
    if (fresh) e.value = initial_;
    e.value += delta;
    e.lastWrite = id;
    ++writes_;
    deltaSum_ += static_cast<long double>(delta);
    if (delta < 0 && e.value < 0) ++oversold_;
    if (!readModels_.empty()) {
        e.pending.push_back(Write{id, now, e.value});
        for (ReadModel* m : readModels_) m->written(key, id, now);
    }
    return e.value;
}

std::int64_t EntityStore::value(std::uint64_t key) const
{
    const Entity* e = find(key);
    return e ? e->value : initial_;
}

std::uint64_t EntityStore::lastWrite(std::uint64_t key) const
{
    const Entity* e = find(key);
    return e ? e->lastWrite : 0;
}

const EntityStore::Entity* EntityStore::find(std::uint64_t key) const
{
    auto it = entities_.find(key);
    return it == entities_.end() ? nullptr : &it->second;
}

void EntityStore::trim(std::uint64_t key, std::uint64_t upTo)
{
    auto it = entities_.find(key);
    if (it == entities_.end()) return;
    std::vector<Write>& p = it->second.pending;
    const auto end = std::find_if(p.begin(), p.end(), [upTo](const Write& w) { return w.id > upTo; });
    p.erase(p.begin(), end);
}

long double EntityStore::valueSum() const
{
    long double sum = 0;
    for (const auto& [k, e] : entities_) sum += static_cast<long double>(e.value - initial_);
    return sum;
}

std::uint64_t EntityStore::pendingWrites() const
{
    std::uint64_t n = 0;
    for (const auto& [k, e] : entities_) n += e.pending.size();
    return n;
}

} // namespace es

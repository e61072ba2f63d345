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
    if (delta < 0 && e.value < 0) {
        ++oversold_;
        // The units sold below zero by this write (all of it, or the part past zero).
        const std::int64_t below = std::min<std::int64_t>(-delta, -e.value);
        if (!e.listed) owing_.push_back(key), e.listed = true;
        e.owed.insert(e.owed.end(), static_cast<std::size_t>(below), now);
        owedTotal_ += static_cast<std::uint64_t>(below);
    } else if (delta > 0 && !e.owed.empty()) {
        // New stock fills the oldest oversold orders first.
        const std::size_t filled = std::min<std::size_t>(static_cast<std::size_t>(delta), e.owed.size());
        e.owed.erase(e.owed.begin(), e.owed.begin() + static_cast<std::ptrdiff_t>(filled));
        filledLate_ += filled;
        owedTotal_ -= filled;
    }
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

EntityStore::Repairs EntityStore::repairOversold(SimTime now)
{
    Repairs r;
    for (std::uint64_t key : owing_) {
        Entity& e = entities_.at(key); // listed keys exist: entities are never erased
        e.listed = false;
        if (e.owed.empty()) continue; // filled late since
        for (SimTime t : e.owed) r.delays.push_back(now - t);
        const auto n = static_cast<std::int64_t>(e.owed.size());
        e.value += n; // each cancelled order gives its unit back
        deltaSum_ += static_cast<long double>(n);
        r.count += e.owed.size();
        e.owed.clear();
    }
    owing_.clear();
    repaired_ += r.count;
    owedTotal_ -= r.count;
    return r;
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

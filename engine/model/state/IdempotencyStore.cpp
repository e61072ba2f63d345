#include "model/state/IdempotencyStore.h"

#include <xxhash.h>

namespace es {

IdempotencyStore::IdempotencyStore(SimTime ttl) : ttl_(ttl), slots_(64, 0) {}

std::size_t IdempotencyStore::home(std::uint64_t id) const
{
    return static_cast<std::size_t>(XXH3_64bits(&id, sizeof id)) & (slots_.size() - 1);
}

bool IdempotencyStore::seenOrRecord(std::uint64_t eventId, SimTime now)
{
    expire(now);
    if (contains(eventId)) return true;
    insert(eventId);
    order_.push_back({now, eventId});
    return false;
}

void IdempotencyStore::expire(SimTime now)
{
    while (!order_.empty() && now - order_.front().first > ttl_) {
        erase(order_.front().second);
        order_.pop_front();
    }
}

bool IdempotencyStore::contains(std::uint64_t id) const
{
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = home(id);; i = (i + 1) & mask) {
        if (slots_[i] == id) return true;
        if (slots_[i] == 0) return false;
    }
}

void IdempotencyStore::insert(std::uint64_t id)
{
    if ((size_ + 1) * 4 > slots_.size() * 3) grow(); // keep the load under 3/4 so probes stay short
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = home(id);
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = id;
    ++size_;
}

// Backward-shift deletion: later entries of the probe run move into the hole, so no tombstones
// accumulate (a tombstone per expired id would make the table grow with history).
void IdempotencyStore::erase(std::uint64_t id)
{
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = home(id);
    while (slots_[i] != id) {
        if (slots_[i] == 0) return;
        i = (i + 1) & mask;
    }
    std::size_t hole = i;
    for (std::size_t j = (hole + 1) & mask; slots_[j] != 0; j = (j + 1) & mask) {
        const std::size_t h = home(slots_[j]);
        // Move j into the hole unless its home lies cyclically in (hole, j].
        const bool homeBetween = hole <= j ? (hole < h && h <= j) : (hole < h || h <= j);
        if (!homeBetween) {
            slots_[hole] = slots_[j];
            hole = j;
        }
    }
    slots_[hole] = 0;
    --size_;
}

void IdempotencyStore::grow()
{
    std::vector<std::uint64_t> old(slots_.size() * 2, 0);
    old.swap(slots_);
    size_ = 0;
    for (std::uint64_t id : old)
        if (id != 0) insert(id);
}

} // namespace es

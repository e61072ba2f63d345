#pragma once
// A consumer's record of the event ids whose effect it has applied, kept for a time-to-live (as a
// real idempotency table is), so memory follows the TTL window and not the whole history.
// Open addressing with linear probing and backward-shift deletion over one array: no allocation
// per insert (the table only grows, doubling, when the live window is larger than ever before).
#include "kernel/SimTime.h"
#include "model/RingBuffer.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace es {

class IdempotencyStore {
public:
    explicit IdempotencyStore(SimTime ttl);

    // True if `eventId` (> 0) was recorded within the TTL; records it otherwise.
    bool seenOrRecord(std::uint64_t eventId, SimTime now);
    std::size_t size() const { return size_; }
    std::size_t capacity() const { return slots_.size(); }

private:
    void expire(SimTime now);
    bool contains(std::uint64_t id) const;
    void insert(std::uint64_t id);
    void erase(std::uint64_t id);
    void grow();
    std::size_t home(std::uint64_t id) const;

    SimTime ttl_;
    std::vector<std::uint64_t> slots_; // 0 = empty (event ids start at 1)
    std::size_t size_ = 0;
    RingBuffer<std::pair<SimTime, std::uint64_t>> order_; // insertion order, for expiry
};

} // namespace es

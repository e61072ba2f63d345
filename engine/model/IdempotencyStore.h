#pragma once
// A consumer's record of the event ids whose effect it has applied, kept for a time-to-live (as a
// real idempotency table is), so memory follows the TTL window and not the whole history.
#include "kernel/SimTime.h"
#include "model/RingBuffer.h"

#include <cstdint>
#include <unordered_set>
#include <utility>

namespace es {

class IdempotencyStore {
public:
    explicit IdempotencyStore(SimTime ttl) : ttl_(ttl) {}

    // True if `eventId` was recorded within the TTL; records it otherwise.
    bool seenOrRecord(std::uint64_t eventId, SimTime now)
    {
        expire(now);
        if (ids_.count(eventId)) return true;
        ids_.insert(eventId);
        order_.push_back({now, eventId});
        return false;
    }
    std::size_t size() const { return ids_.size(); }

private:
    void expire(SimTime now)
    {
        while (!order_.empty() && now - order_.front().first > ttl_) {
            ids_.erase(order_.front().second);
            order_.pop_front();
        }
    }
    SimTime ttl_;
    std::unordered_set<std::uint64_t> ids_;
    RingBuffer<std::pair<SimTime, std::uint64_t>> order_;
};

} // namespace es

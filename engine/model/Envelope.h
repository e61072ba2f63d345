#pragma once
// The event envelope: the metadata every event carries, independent of its payload.
#include "kernel/SimTime.h"

#include <array>
#include <cstdint>

namespace es {

inline constexpr std::uint64_t kNoKey = UINT64_MAX;
inline constexpr std::uint8_t kPoison = 1;

struct Envelope {
    std::uint64_t eventId = 0;
    std::uint64_t correlationId = 0; // the root event of the chain this event belongs to
    std::uint64_t causationId = 0;   // the event whose handling emitted this one (0 for a root)
    SimTime created = 0;
    std::uint64_t key = kNoKey;
    std::uint16_t type = 0;          // index into the world's type names
    std::uint16_t version = 1;
    std::uint16_t source = 0;        // index of the emitting service
    std::uint8_t attributeCount = 0;
    std::uint8_t flags = 0;          // kPoison: no consumer can ever process it
    // Attribute (name index, value index) pairs, inline so an envelope never allocates.
    std::array<std::uint16_t, 4> attributeNames{};
    std::array<std::uint16_t, 4> attributeValues{};
};

} // namespace es

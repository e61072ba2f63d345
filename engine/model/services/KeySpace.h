#pragma once
// Event keys as people name them, and where Kafka would put them.
// A producer's keys form a key space: explicit names, or a pattern such as customer-{1..10000}. A key
// travels in the envelope as (key space id << 48 | index), so an envelope stays small and a follow-up
// event keeps its parent's key; the name and its partition hash are computed from the space.
// Placement follows Kafka's default partitioner: murmur2 over the key's bytes (the name as UTF-8),
// made positive (& 0x7fffffff), modulo the partition count, so a key lands on the partition a real
// cluster with the same partition count would use.
#include "random/RandomStream.h"
#include "random/ZipfSampler.h"
#include "scenario/Scenario.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace es {

// Kafka's murmur2 (org.apache.kafka.common.utils.Utils.murmur2), as a signed 32-bit value.
std::int32_t kafkaMurmur2(std::string_view bytes);
// Utils.toPositive: the sign bit cleared (not the absolute value).
inline std::uint32_t kafkaToPositive(std::int32_t h) { return static_cast<std::uint32_t>(h) & 0x7fffffffu; }

class KeySpace {
public:
    // `cacheHashes`: precompute the partition hashes of spaces up to kCacheUpTo keys (the engine does;
    // a viewer that only decodes names need not).
    explicit KeySpace(const KeySpec& spec, bool cacheHashes = true);
    std::uint64_t size() const { return spec_.size(); }
    std::string name(std::uint64_t index) const;
    // kafkaToPositive(kafkaMurmur2(name(index))), cached for spaces up to kCacheUpTo keys.
    std::uint32_t partitionHash(std::uint64_t index) const;
    // An index: uniform, or by Zipf rank (rank 1 = the first name) when the spec has an exponent.
    std::uint64_t draw(RandomStream& rng) const;

    static constexpr std::uint64_t kCacheUpTo = std::uint64_t{1} << 20;

private:
    KeySpec spec_;
    ZipfSampler zipf_;
    std::vector<std::uint32_t> hashes_;
};

// Every key space of a world, by id; decodes the keys envelopes carry.
class KeyRegistry {
public:
    static constexpr int kIndexBits = 48;
    static constexpr std::uint64_t kMaxKeys = std::uint64_t{1} << kIndexBits;

    // The key spaces of a scenario's producers, in service order: the ids the World gives them, so a
    // viewer holding only the scenario decodes the keys of the envelopes it is shown.
    static KeyRegistry forScenario(const Scenario& scenario, bool cacheHashes = true);
    // The id of `service`'s key space; -1 when it produces keyless events.
    int idOf(const std::string& service) const;
    // Returns the space's id (< 65535: kNoKey stays distinct).
    std::uint16_t add(const KeySpec& spec, bool cacheHashes = true);
    const KeySpace& space(std::uint16_t id) const { return spaces_[id]; }
    static std::uint64_t encode(std::uint16_t space, std::uint64_t index)
    {
        return (std::uint64_t{space} << kIndexBits) | index;
    }
    std::string name(std::uint64_t key) const;
    std::uint32_t partitionHash(std::uint64_t key) const;

private:
    std::vector<KeySpace> spaces_;
    std::vector<std::pair<std::string, std::uint16_t>> byService_;
};

} // namespace es

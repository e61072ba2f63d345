#include "model/services/KeySpace.h"

#include "model/Envelope.h"

#include <stdexcept>

namespace es {

std::int32_t kafkaMurmur2(std::string_view bytes)
{
    // Unsigned arithmetic gives Java's wrapping int multiply; >> on uint32 is Java's >>>.
    const std::uint32_t seed = 0x9747b28cu, m = 0x5bd1e995u;
    const int r = 24;
    const auto length = static_cast<std::uint32_t>(bytes.size());
    std::uint32_t h = seed ^ length;
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
    const std::uint32_t length4 = length / 4;
    for (std::uint32_t i = 0; i < length4; ++i) {
        const std::uint32_t i4 = i * 4;
        std::uint32_t k = std::uint32_t{data[i4]} | std::uint32_t{data[i4 + 1]} << 8 | std::uint32_t{data[i4 + 2]} << 16 |
                          std::uint32_t{data[i4 + 3]} << 24;
        k *= m;
        k ^= k >> r;
        k *= m;
        h *= m;
        h ^= k;
    }
    const std::uint32_t tail = length & ~3u;
    switch (length % 4) {
    case 3: h ^= std::uint32_t{data[tail + 2]} << 16; [[fallthrough]];
    case 2: h ^= std::uint32_t{data[tail + 1]} << 8; [[fallthrough]];
    case 1:
        h ^= std::uint32_t{data[tail]};
        h *= m;
    }
    h ^= h >> 13;
    h *= m;
    h ^= h >> 15;
    return static_cast<std::int32_t>(h);
}

KeySpace::KeySpace(const KeySpec& spec, bool cacheHashes) : spec_(spec)
{
    const std::uint64_t n = spec_.size();
    if (n == 0) throw std::invalid_argument("a key space needs at least one key");
    if (spec_.zipf > 0) zipf_ = ZipfSampler(n, spec_.zipf);
    if (cacheHashes && n <= kCacheUpTo) {
        hashes_.resize(n);
        for (std::uint64_t i = 0; i < n; ++i) hashes_[i] = kafkaToPositive(kafkaMurmur2(name(i)));
    }
}

std::string KeySpace::name(std::uint64_t index) const
{
    if (!spec_.names.empty()) return spec_.names[index];
    return spec_.prefix + std::to_string(spec_.first + index) + spec_.suffix;
}

std::uint32_t KeySpace::partitionHash(std::uint64_t index) const
{
    if (index < hashes_.size()) return hashes_[index];
    return kafkaToPositive(kafkaMurmur2(name(index)));
}

std::uint64_t KeySpace::draw(RandomStream& rng) const
{
    if (spec_.zipf > 0) return zipf_.sample(rng) - 1;
    return rng.below(spec_.size());
}

KeyRegistry KeyRegistry::forScenario(const Scenario& scenario, bool cacheHashes)
{
    KeyRegistry r;
    for (const ServiceSpec& s : scenario.services)
        if (s.producer && s.producer->keys.size() > 0) r.byService_.emplace_back(s.name, r.add(s.producer->keys, cacheHashes));
    return r;
}

int KeyRegistry::idOf(const std::string& service) const
{
    for (const auto& [name, id] : byService_)
        if (name == service) return id;
    return -1;
}

std::uint16_t KeyRegistry::add(const KeySpec& spec, bool cacheHashes)
{
    if (spaces_.size() >= 0xFFFF) throw std::invalid_argument("at most 65534 producers with keys");
    spaces_.emplace_back(spec, cacheHashes);
    return static_cast<std::uint16_t>(spaces_.size() - 1);
}

std::string KeyRegistry::name(std::uint64_t key) const
{
    if (key == kNoKey) return {};
    return spaces_[key >> kIndexBits].name(key & (kMaxKeys - 1));
}

std::uint32_t KeyRegistry::partitionHash(std::uint64_t key) const
{
    return spaces_[key >> kIndexBits].partitionHash(key & (kMaxKeys - 1));
}

} // namespace es

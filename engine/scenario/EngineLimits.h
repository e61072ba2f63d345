#pragma once
// Sizes the engine has a hard limit on, checked by the loader so that a file past them is refused
// with its position instead of failing (or exhausting memory) when the world is built. Documented
// in docs/scenario-format.md ("Engine limits").
#include <cstddef>

namespace es {

// Event types, attribute names and attribute values are interned into 16-bit ids, per table.
inline constexpr std::size_t kMaxDistinctNames = 65'000;
// Workers are preallocated (about 80 bytes each, so the maximum is about 80 MB per service).
inline constexpr long long kMaxWorkersPerService = 1'000'000;

} // namespace es

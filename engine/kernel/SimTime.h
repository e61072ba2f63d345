#pragma once
// Simulated time: a signed 64-bit count of nanoseconds (about 292 years of range).
// Units are converted only at the edges (the scenario loader and the display), never inside the kernel.
#include <cmath>
#include <cstdint>
#include <limits>

namespace es {

using SimTime = std::int64_t;

inline constexpr SimTime kNanosecond = 1;
inline constexpr SimTime kMicrosecond = 1'000;
inline constexpr SimTime kMillisecond = 1'000'000;
inline constexpr SimTime kSecond = 1'000'000'000;
inline constexpr SimTime kNever = std::numeric_limits<SimTime>::max();

// Rounds to the nearest nanosecond; negative and non-finite inputs are the caller's bug, clamp defensively.
inline SimTime fromSeconds(double s)
{
    if (!(s > 0)) return 0;
    if (s >= 9.2e9) return kNever;
    // Round half away from zero, as llround does, without the libm call (this is on the hot path).
    const double ns = s * 1e9;
    auto t = static_cast<SimTime>(ns);
    if (ns - static_cast<double>(t) >= 0.5) ++t;
    return t;
}

inline double toSeconds(SimTime t) { return static_cast<double>(t) * 1e-9; }

} // namespace es

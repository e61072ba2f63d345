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

// Time arithmetic saturates at kNever instead of wrapping: a duration drawn beyond the clock's range
// (a heavy tail, a mean of 30000 days) must mean "does not finish inside the run", never "finishes in
// the past". Durations are never negative here; a negative `d` is treated as 0.
inline constexpr SimTime addTime(SimTime t, SimTime d)
{
    if (d <= 0) return t;
    if (t >= kNever - d) return kNever;
    return t + d;
}

// A duration multiplied by a factor >= 0 (slowdowns), rounded, saturating at kNever.
inline SimTime scaleTime(SimTime d, double factor)
{
    const double v = static_cast<double>(d) * factor;
    if (!(v > 0)) return 0;
    if (v >= 9.2e18) return kNever;
    return static_cast<SimTime>(v + 0.5);
}

} // namespace es

#pragma once
// Quantities with units as people write them in scenarios: durations (250ms, 2s, 5m, 1h, 7d, 100us,
// 10ns), rates (50/s, 3000/min, 2/h, or a bare number per second), shares (1%, or a number in
// [0, 1]) and multipliers (10x). Each parser returns nullopt on text it cannot read; the caller
// reports where and what was expected.
#include "kernel/SimTime.h"

#include <optional>
#include <string>

namespace es::units {

std::optional<SimTime> parseDuration(const std::string& text);
// The largest duration a scenario may hold: the clock counts nanoseconds in 64 bits (about 292
// years); the last part of that range is kept free so that sums saturate instead of wrapping.
inline constexpr SimTime kMaxDuration = 9'200'000'000'000'000'000;
inline constexpr const char* kMaxDurationText = "106481d (about 291 years)";
// True when `text` reads as a duration (a number and a known unit) whose size is beyond kMaxDuration:
// the caller then says "out of range" instead of "not a duration".
bool durationOutOfRange(const std::string& text);
std::optional<double> parseRate(const std::string& text);       // events per second
std::optional<double> parseShare(const std::string& text);      // probability in [0, 1] (not range-checked)
std::optional<double> parseMultiplier(const std::string& text); // "10x" -> 10
std::string formatDuration(SimTime t);

} // namespace es::units

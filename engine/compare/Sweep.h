#pragma once
// `--sweep key=FROM..TO:STEP`: one scenario value over a range of points (`services.email.
// concurrency=1..8:1`, `services.orders.rate=10/s..100/s:10/s`), each point a --set of its own.
#include <string>
#include <vector>

namespace es {

struct Sweep {
    std::string key;                 // the dotted path, as for --set
    std::vector<std::string> values; // each point's value text, unit included (FROM's unit)
};

// The largest number of points a sweep may have (a typo such as 1..1000000:1 is refused, not run).
inline constexpr std::size_t kMaxSweepPoints = 1000;

// Throws std::invalid_argument, naming the text and what was expected, when it is not
// key=FROM..TO:STEP with FROM <= TO, STEP > 0, and the same unit (or none) on the three numbers.
Sweep parseSweep(const std::string& text);

// The key's last part (`concurrency` for services.email.concurrency): a short row label.
std::string sweepShortKey(const std::string& key);

} // namespace es

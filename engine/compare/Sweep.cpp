#include "compare/Sweep.h"

#include <fmt/format.h>

#include <cmath>
#include <regex>
#include <stdexcept>

namespace es {

Sweep parseSweep(const std::string& text)
{
    // number, then an optional unit (letters, /, %: 10/s, 20ms, 5%), three times.
    static const std::regex form(R"(^([^=\s]+)=(-?[0-9]+(?:\.[0-9]+)?)([A-Za-z/%]*)\.\.(-?[0-9]+(?:\.[0-9]+)?)([A-Za-z/%]*):([0-9]+(?:\.[0-9]+)?)([A-Za-z/%]*)$)");
    std::smatch m;
    auto refuse = [&text](const std::string& why) {
        return std::invalid_argument(fmt::format("--sweep {}: {}", text, why));
    };
    if (!std::regex_match(text, m, form))
        throw refuse("expected key=FROM..TO:STEP, e.g. services.email.concurrency=1..8:1 or "
                     "services.orders.rate=10/s..100/s:10/s");
    const std::string unit = m[3];
    for (int g : {5, 7})
        if (!m[g].str().empty() && m[g].str() != unit)
            throw refuse(fmt::format("FROM, TO and STEP must have the same unit ('{}' and '{}')", unit, m[g].str()));
    const double from = std::stod(m[2]), to = std::stod(m[4]), step = std::stod(m[6]);
    if (step <= 0) throw refuse("STEP must be above 0");
    if (to < from) throw refuse("TO must not be below FROM");
    // A little slack, so 0.1..0.3:0.1 has its three points despite binary rounding.
    const double points = std::floor((to - from) / step + 1e-9) + 1;
    if (points > static_cast<double>(kMaxSweepPoints))
        throw refuse(fmt::format("{:.0f} points; at most {}", points, kMaxSweepPoints));
    Sweep s;
    s.key = m[1];
    for (int i = 0; i < static_cast<int>(points); ++i)
        s.values.push_back(fmt::format("{:.12g}{}", from + i * step, unit)); // from + i·step: no drift
    return s;
}

std::string sweepShortKey(const std::string& key)
{
    const auto dot = key.rfind('.');
    return dot == std::string::npos ? key : key.substr(dot + 1);
}

} // namespace es

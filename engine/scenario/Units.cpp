#include "scenario/Units.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

namespace es::units {

namespace {
// Splits "12.5ms" into 12.5 and "ms". Accepts a leading sign so that the caller can reject it with
// a message about the sign rather than about the syntax.
bool splitNumber(const std::string& text, double& value, std::string& unit)
{
    std::size_t b = 0, e = text.size();
    while (b < e && std::isspace(static_cast<unsigned char>(text[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
    const char* first = text.data() + b;
    const char* last = text.data() + e;
    auto [ptr, ec] = std::from_chars(first, last, value);
    if (ec != std::errc() || !std::isfinite(value)) return false;
    unit.assign(ptr, last);
    while (!unit.empty() && unit.front() == ' ') unit.erase(unit.begin());
    return true;
}
} // namespace

std::optional<SimTime> parseDuration(const std::string& text)
{
    double v;
    std::string unit;
    if (!splitNumber(text, v, unit)) return std::nullopt;
    double scale;
    if (unit == "ns") scale = 1;
    else if (unit == "us" || unit == "µs") scale = 1e3;
    else if (unit == "ms") scale = 1e6;
    else if (unit == "s") scale = 1e9;
    else if (unit == "m" || unit == "min") scale = 60e9;
    else if (unit == "h") scale = 3600e9;
    else if (unit == "d") scale = 86400e9;
    else if (unit.empty() && v == 0) scale = 0;
    else return std::nullopt;
    const double ns = v * scale;
    if (std::fabs(ns) >= 9.2e18) return std::nullopt;
    return static_cast<SimTime>(std::llround(ns));
}

std::optional<double> parseRate(const std::string& text)
{
    double v;
    std::string unit;
    if (!splitNumber(text, v, unit)) return std::nullopt;
    if (unit.empty() || unit == "/s") return v;
    if (unit == "/ms") return v * 1e3;
    if (unit == "/min" || unit == "/m") return v / 60;
    if (unit == "/h") return v / 3600;
    if (unit == "/d") return v / 86400;
    return std::nullopt;
}

std::optional<double> parseShare(const std::string& text)
{
    double v;
    std::string unit;
    if (!splitNumber(text, v, unit)) return std::nullopt;
    if (unit == "%") return v / 100;
    if (unit.empty()) return v;
    return std::nullopt;
}

std::optional<double> parseMultiplier(const std::string& text)
{
    double v;
    std::string unit;
    if (!splitNumber(text, v, unit)) return std::nullopt;
    if (unit == "x" || unit == "×") return v;
    return std::nullopt;
}

std::string formatDuration(SimTime t)
{
    const double a = std::fabs(static_cast<double>(t));
    if (a >= 1e9) return fmt::format("{:g}s", static_cast<double>(t) / 1e9);
    if (a >= 1e6) return fmt::format("{:g}ms", static_cast<double>(t) / 1e6);
    if (a >= 1e3) return fmt::format("{:g}us", static_cast<double>(t) / 1e3);
    return fmt::format("{}ns", t);
}

} // namespace es::units

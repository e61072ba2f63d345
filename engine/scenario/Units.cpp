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

namespace {
// Nanoseconds per unit, or 0 for an unknown unit (a bare 0 is allowed without one).
double unitScale(const std::string& unit, double v)
{
    if (unit == "ns") return 1;
    if (unit == "us" || unit == "µs") return 1e3;
    if (unit == "ms") return 1e6;
    if (unit == "s") return 1e9;
    if (unit == "m" || unit == "min") return 60e9;
    if (unit == "h") return 3600e9;
    if (unit == "d") return 86400e9;
    if (unit.empty() && v == 0) return 1;
    return 0;
}
} // namespace

std::optional<SimTime> parseDuration(const std::string& text)
{
    double v;
    std::string unit;
    if (!splitNumber(text, v, unit)) return std::nullopt;
    const double scale = unitScale(unit, v);
    if (scale == 0) return std::nullopt;
    const double ns = v * scale;
    if (std::fabs(ns) > static_cast<double>(kMaxDuration)) return std::nullopt;
    return static_cast<SimTime>(std::llround(ns));
}

bool durationOutOfRange(const std::string& text)
{
    double v;
    std::string unit;
    if (!splitNumber(text, v, unit)) {
        // from_chars reports a number too large for a double (1e400s) as out of range
        return false;
    }
    const double scale = unitScale(unit, v);
    return scale != 0 && std::fabs(v * scale) > static_cast<double>(kMaxDuration);
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

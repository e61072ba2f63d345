#include "scenario/YamlReader.h"

#include <cmath>

#include "scenario/Units.h"

#include <fmt/format.h>

#include <algorithm>

namespace es {

namespace {
// "is not a duration" for text that is not one; "is out of range" (with the range) for a duration
// the clock cannot hold, so a user who wrote 107000d learns the limit instead of doubting the syntax.
std::string durationProblem(const std::string& subject, const std::string& text)
{
    if (units::durationOutOfRange(text))
        return fmt::format("{} '{}' is out of range; a duration can be at most {}", subject, text,
                           units::kMaxDurationText);
    return fmt::format("{} '{}' is not a duration; expected a number with a unit (ns, us, ms, s, m, h, d), "
                       "e.g. 250ms", subject, text);
}
} // namespace

Diagnostic DiagnosticSink::locate(const YAML::Mark& mark, const std::string& message) const
{
    Diagnostic d;
    d.file = file_;
    if (mark.line >= 0) { // nodes made by an override have no position in the file
        d.line = mark.line + 1;
        d.column = mark.column + 1;
    }
    d.message = message + context_;
    return d;
}

void DiagnosticSink::error(const YAML::Mark& mark, const std::string& message) { diagnostics_.add(locate(mark, message)); }

void DiagnosticSink::error(const YAML::Node& at, const std::string& message) { error(at.Mark(), message); }

void DiagnosticSink::warning(const YAML::Node& at, const std::string& message) { warning(at.Mark(), message); }

void DiagnosticSink::warning(const YAML::Mark& mark, const std::string& message)
{
    Diagnostic d = locate(mark, message);
    d.warning = true;
    warnings_.add(std::move(d));
}

MapReader::MapReader(DiagnosticSink& diags, const YAML::Node& node, std::string what)
    : diags_(diags), node_(node), what_(std::move(what))
{
    if (!node_.IsMap()) {
        ok_ = false;
        diags_.error(node_, fmt::format("{} should be a mapping of keys to values", what_));
    }
}

bool MapReader::has(const std::string& key) const { return ok_ && node_[key].IsDefined() && !node_[key].IsNull(); }

YAML::Node MapReader::get(const std::string& key)
{
    known_.insert(key);
    if (!ok_) return YAML::Node(YAML::NodeType::Undefined);
    const YAML::Node& cn = node_;
    YAML::Node n = cn[key];
    // An absent key gives a yaml-cpp "zombie" node whose Mark() and Type() throw: hand out a
    // plain undefined node instead, which is safe to ask anything.
    if (!n.IsDefined()) return YAML::Node(YAML::NodeType::Undefined);
    return n;
}

std::optional<std::string> MapReader::scalar(const std::string& key, const char* expected)
{
    YAML::Node n = get(key);
    if (!n.IsDefined() || n.IsNull()) return std::nullopt;
    if (!n.IsScalar()) {
        diags_.error(n, fmt::format("{}: '{}' should be {}", what_, key, expected));
        return std::nullopt;
    }
    return n.Scalar();
}

std::optional<std::string> MapReader::string(const std::string& key, bool required)
{
    auto s = scalar(key, "a single word or text");
    if (!s && required && ok_) diags_.error(node_, fmt::format("{} needs '{}'", what_, key));
    // A required text is a name or a message: an empty one (to: "") would name nothing.
    if (s && s->empty() && required) {
        diags_.error(get(key), fmt::format("{}: '{}' is empty; expected a name or a text", what_, key));
        return std::nullopt;
    }
    return s;
}

std::optional<SimTime> MapReader::duration(const std::string& key, bool required)
{
    auto s = scalar(key, "a duration such as 250ms, 2s or 5m");
    if (!s) {
        if (required && ok_) diags_.error(node_, fmt::format("{} needs '{}' (a duration such as 30s)", what_, key));
        return std::nullopt;
    }
    auto d = units::parseDuration(*s);
    if (!d) {
        diags_.error(get(key), durationProblem(fmt::format("{}: '{}':", what_, key), *s));
        return std::nullopt;
    }
    if (*d < 0) {
        diags_.error(get(key), fmt::format("{}: '{}' cannot be negative ({})", what_, key, *s));
        return std::nullopt;
    }
    return d;
}

std::optional<double> MapReader::rate(const std::string& key, bool required)
{
    auto s = scalar(key, "a rate such as 50/s or 3000/min");
    if (!s) {
        if (required && ok_) diags_.error(node_, fmt::format("{} needs '{}' (a rate such as 50/s)", what_, key));
        return std::nullopt;
    }
    auto r = units::parseRate(*s);
    if (!r) {
        diags_.error(get(key), fmt::format("{}: '{}: {}' is not a rate; expected e.g. 50/s, 3000/min or 2/h",
                                           what_, key, *s));
        return std::nullopt;
    }
    if (*r < 0) {
        diags_.error(get(key), fmt::format("{}: '{}' cannot be negative ({})", what_, key, *s));
        return std::nullopt;
    }
    return r;
}

std::optional<double> MapReader::share(const std::string& key)
{
    auto s = scalar(key, "a share such as 1% or 0.01");
    if (!s) return std::nullopt;
    auto v = units::parseShare(*s);
    if (!v) {
        diags_.error(get(key), fmt::format("{}: '{}: {}' is not a share; expected a percentage such as 1% or "
                                           "a number between 0 and 1", what_, key, *s));
        return std::nullopt;
    }
    if (*v < 0 || *v > 1) {
        diags_.error(get(key), fmt::format("{}: '{}: {}' is out of range; expected 0% to 100%", what_, key, *s));
        return std::nullopt;
    }
    return v;
}

std::optional<double> MapReader::number(const std::string& key, double min, double max)
{
    auto s = scalar(key, "a number");
    if (!s) return std::nullopt;
    double v;
    try {
        std::size_t used = 0;
        v = std::stod(*s, &used);
        if (used != s->size()) throw std::invalid_argument("trailing");
    } catch (...) {
        diags_.error(get(key), fmt::format("{}: '{}: {}' is not a number", what_, key, *s));
        return std::nullopt;
    }
    if (v < min || v > max) {
        diags_.error(get(key), fmt::format("{}: '{}: {}' is out of range; expected {} to {}", what_, key, *s, min, max));
        return std::nullopt;
    }
    return v;
}

std::optional<long long> MapReader::integer(const std::string& key, long long min, long long max)
{
    auto s = scalar(key, "a whole number");
    if (!s) return std::nullopt;
    long long v;
    try {
        std::size_t used = 0;
        v = std::stoll(*s, &used);
        if (used != s->size()) throw std::invalid_argument("trailing");
    } catch (...) {
        // 1e5 is a whole number written in YAML's float form: take it when it is one and in range.
        std::optional<double> d;
        try {
            std::size_t used = 0;
            d = std::stod(*s, &used);
            if (used != s->size()) d.reset();
        } catch (...) {
        }
        if (d && std::isfinite(*d) && *d == std::floor(*d) && *d >= static_cast<double>(min) && *d <= static_cast<double>(max))
            return static_cast<long long>(*d);
        diags_.error(get(key), fmt::format("{}: '{}: {}' {}; expected a whole number from {} to {}", what_, key, *s,
                                           d && *d == std::floor(*d) ? "is out of range" : "is not a whole number", min, max));
        return std::nullopt;
    }
    if (v < min || v > max) {
        diags_.error(get(key), fmt::format("{}: '{}: {}' is out of range; expected a whole number from {} to {}", what_, key, *s, min, max));
        return std::nullopt;
    }
    return v;
}

std::optional<bool> MapReader::boolean(const std::string& key)
{
    auto s = scalar(key, "true or false");
    if (!s) return std::nullopt;
    if (*s == "true" || *s == "yes" || *s == "on") return true;
    if (*s == "false" || *s == "no" || *s == "off") return false;
    diags_.error(get(key), fmt::format("{}: '{}: {}' should be true or false", what_, key, *s));
    return std::nullopt;
}

std::optional<std::string> MapReader::choice(const std::string& key, const std::vector<std::string>& accepted)
{
    auto s = scalar(key, "one word");
    if (!s) return std::nullopt;
    for (const std::string& a : accepted)
        if (*s == a) return s;
    std::string list;
    for (const std::string& a : accepted) list += (list.empty() ? "" : ", ") + a;
    const std::string hint = closestMatch(*s, accepted);
    diags_.error(get(key), fmt::format("{}: '{}: {}' is not one of: {}{}", what_, key, *s, list,
                                       hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
    return std::nullopt;
}

std::vector<std::string> MapReader::stringList(const std::string& key)
{
    std::vector<std::string> out;
    YAML::Node n = get(key);
    if (!n.IsDefined() || n.IsNull()) return out;
    if (n.IsScalar()) {
        out.push_back(n.Scalar());
    } else if (n.IsSequence()) {
        for (const YAML::Node& item : n) {
            if (item.IsScalar()) out.push_back(item.Scalar());
            else diags_.error(item, fmt::format("{}: each item of '{}' should be a name", what_, key));
        }
    } else {
        diags_.error(n, fmt::format("{}: '{}' should be a name or a list of names", what_, key));
    }
    return out;
}

std::optional<Distribution> MapReader::distribution(const std::string& key)
{
    YAML::Node n = get(key);
    if (!n.IsDefined() || n.IsNull()) return std::nullopt;
    return readDistribution(diags_, n, fmt::format("{}: '{}'", what_, key));
}

void MapReader::finish()
{
    if (!ok_) return;
    std::vector<std::string> known(known_.begin(), known_.end());
    for (const auto& kv : node_) {
        const std::string key = kv.first.Scalar();
        if (known_.count(key)) continue;
        const std::string hint = closestMatch(key, known);
        diags_.error(kv.first, fmt::format("{}: unknown key '{}'{}", what_, key,
                                           hint.empty() ? fmt::format("; expected one of: {}", fmt::join(known, ", "))
                                                        : fmt::format(" (did you mean '{}'?)", hint)));
    }
}

std::optional<Distribution> readDistribution(DiagnosticSink& diags, const YAML::Node& node, const std::string& what)
{
    if (node.IsScalar()) {
        auto d = units::parseDuration(node.Scalar());
        if (!d && units::durationOutOfRange(node.Scalar())) {
            diags.error(node, durationProblem(what + ":", node.Scalar()));
            return std::nullopt;
        }
        if (!d || *d < 0) {
            diags.error(node, fmt::format("{}: '{}' is not a duration; expected e.g. 20ms, or a distribution such as "
                                          "{{exponential: {{mean: 20ms}}}}", what, node.Scalar()));
            return std::nullopt;
        }
        return Distribution::constant(toSeconds(*d));
    }
    if (!node.IsMap() || node.size() != 1) {
        diags.error(node, fmt::format("{}: expected a duration or one of constant, uniform, exponential, normal, "
                                      "lognormal, pareto, empirical", what));
        return std::nullopt;
    }
    const std::string kind = node.begin()->first.Scalar();
    const YAML::Node body = node.begin()->second;
    const std::string inner = fmt::format("{} ({})", what, kind);
    auto secs = [](SimTime t) { return toSeconds(t); };
    static const std::vector<std::string> kinds = {"constant", "uniform", "exponential", "normal", "lognormal",
                                                   "pareto", "empirical"};
    if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) {
        const std::string hint = closestMatch(kind, kinds);
        diags.error(node.begin()->first,
                    fmt::format("{}: unknown distribution '{}'{}; expected constant, uniform, exponential, normal, "
                                "lognormal, pareto or empirical", what, kind,
                                hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
        return std::nullopt;
    }
    try {
        if (kind == "constant" || (kind == "exponential" && body.IsScalar())) {
            auto d = body.IsScalar() ? units::parseDuration(body.Scalar()) : std::nullopt;
            if (!d || *d < 0) {
                diags.error(body, body.IsScalar() && units::durationOutOfRange(body.Scalar())
                                      ? durationProblem(inner + ":", body.Scalar())
                                      : fmt::format("{}: expected a duration such as 20ms", inner));
                return std::nullopt;
            }
            return kind == "constant" ? Distribution::constant(secs(*d)) : Distribution::exponential(secs(*d));
        }
        if (kind == "empirical") {
            std::vector<std::pair<double, double>> points;
            if (!body.IsMap()) {
                diags.error(body, fmt::format("{}: expected a mapping of percentiles to durations, e.g. "
                                              "{{0%: 1ms, 50%: 10ms, 100%: 90ms}}", inner));
                return std::nullopt;
            }
            for (const auto& kv : body) {
                auto p = units::parseShare(kv.first.Scalar());
                auto d = kv.second.IsScalar() ? units::parseDuration(kv.second.Scalar()) : std::nullopt;
                if (!p || !d) {
                    diags.error(kv.first, fmt::format("{}: each entry should be 'percentile: duration', e.g. 50%: 10ms",
                                                      inner));
                    return std::nullopt;
                }
                points.emplace_back(*p, secs(*d));
            }
            std::sort(points.begin(), points.end());
            return Distribution::empirical(points);
        }
        MapReader r(diags, body, inner);
        if (!r.ok()) return std::nullopt;
        std::optional<Distribution> out;
        auto show = [](SimTime t) { return units::formatDuration(t); };
        if (kind == "uniform") {
            auto lo = r.duration("min", true), hi = r.duration("max", true);
            if (lo && hi && *lo > *hi)
                diags.error(body, fmt::format("{}: 'min' ({}) is above 'max' ({}); expected min <= max", inner,
                                              show(*lo), show(*hi)));
            else if (lo && hi) out = Distribution::uniform(secs(*lo), secs(*hi));
        } else if (kind == "exponential") {
            if (r.has("rate") && r.has("mean")) {
                r.get("mean"); // both are known keys: the problem is giving both
                r.get("rate");
                diags.error(body, fmt::format("{}: give either 'mean' (e.g. 20ms) or 'rate' (e.g. 50/s), not both; "
                                              "they say the same thing (mean = 1 / rate)", inner));
            } else if (r.has("rate")) {
                auto rate = r.rate("rate");
                if (rate && *rate > 0) out = Distribution::exponential(1.0 / *rate);
                else if (rate) diags.error(body, fmt::format("{}: the rate must be above 0", inner));
            } else {
                auto mean = r.duration("mean", true);
                if (mean) out = Distribution::exponential(secs(*mean));
            }
        } else if (kind == "normal") {
            auto mean = r.duration("mean", true), sd = r.duration("sd", true);
            if (mean && sd) out = Distribution::normal(secs(*mean), secs(*sd));
        } else if (kind == "lognormal") {
            auto median = r.duration("median", true), p99 = r.duration("p99", true);
            if (median && *median <= 0)
                diags.error(r.get("median"), fmt::format("{}: 'median' must be above 0", inner));
            else if (median && p99 && *p99 < *median)
                diags.error(body, fmt::format("{}: 'p99' ({}) is below 'median' ({}); the 99th percentile is at "
                                              "least the median (for a fixed time use a plain duration)",
                                              inner, show(*p99), show(*median)));
            else if (median && p99) out = Distribution::lognormalMedianP99(secs(*median), secs(*p99));
        } else if (kind == "pareto") {
            auto scale = r.duration("scale", true);
            auto shape = r.number("shape", 1e-6, 1e6);
            if (!r.has("shape")) diags.error(body, fmt::format("{} needs 'shape' (the tail index, e.g. 2.5)", inner));
            if (scale && *scale <= 0) diags.error(r.get("scale"), fmt::format("{}: 'scale' must be above 0", inner));
            else if (scale && shape) out = Distribution::pareto(secs(*scale), *shape);
            if (out && *shape <= 1)
                diags.warning(r.get("shape"),
                              fmt::format("{}: shape {} has an infinite mean: averages over the run never settle and "
                                          "some draws are longer than the run (they never finish); a shape above 1 "
                                          "has a finite mean, above 2 a finite variance", inner, *shape));
        }
        r.finish();
        return out;
    } catch (const std::invalid_argument& e) {
        // The factories' own checks (kept for callers other than the loader); the reader checks above
        // catch what a user can write, so this is a safety net.
        std::string why = e.what();
        if (why.rfind("Distribution::", 0) == 0) why.erase(0, 14);
        diags.error(body, fmt::format("{}: {}", inner, why));
        return std::nullopt;
    }
}

} // namespace es

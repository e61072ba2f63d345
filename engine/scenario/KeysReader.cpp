#include "scenario/KeysReader.h"

#include "model/services/KeySpace.h"

#include <fmt/format.h>

#include <charconv>
#include <set>

namespace es {

namespace {

constexpr const char* kForms = "expected a number of keys (5000), a name pattern (\"customer-{1..10000}\"), a list "
                               "of names ([gold, silver]) or {names: ..., zipf: 1.1}";

std::optional<std::uint64_t> wholeNumber(const std::string& s)
{
    std::uint64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || s.empty()) return std::nullopt;
    return v;
}

// "customer-{1..10000}" -> prefix, first, last, suffix. A text without "{" is one key's name.
bool readPattern(DiagnosticSink& diags, const YAML::Node& node, const std::string& what, KeySpec& out)
{
    const std::string& text = node.Scalar();
    const auto open = text.find('{');
    if (open == std::string::npos) {
        out.names = {text};
        return true;
    }
    const auto dots = text.find("..", open);
    const auto close = text.find('}', open);
    std::optional<std::uint64_t> lo, hi;
    if (dots != std::string::npos && close != std::string::npos && dots < close) {
        lo = wholeNumber(text.substr(open + 1, dots - open - 1));
        hi = wholeNumber(text.substr(dots + 2, close - dots - 2));
    }
    if (!lo || !hi || text.find('{', close) != std::string::npos) {
        diags.error(node, fmt::format("{}: '{}' is not a key pattern; write one range of whole numbers in braces, "
                                      "e.g. customer-{{1..10000}}", what, text));
        return false;
    }
    if (*hi < *lo) {
        diags.error(node, fmt::format("{}: '{}': the range ends ({}) before it starts ({})", what, text, *hi, *lo));
        return false;
    }
    if (*hi - *lo >= KeyRegistry::kMaxKeys) {
        diags.error(node, fmt::format("{}: '{}' has too many keys; at most {} per producer", what, text, KeyRegistry::kMaxKeys));
        return false;
    }
    out.prefix = text.substr(0, open);
    out.suffix = text.substr(close + 1);
    out.first = *lo;
    out.count = *hi - *lo + 1;
    return true;
}

bool readNames(DiagnosticSink& diags, const YAML::Node& node, const std::string& what, KeySpec& out)
{
    if (node.IsScalar()) {
        if (auto n = wholeNumber(node.Scalar())) {
            if (*n >= KeyRegistry::kMaxKeys) {
                diags.error(node, fmt::format("{}: {} keys is out of range; expected 0 to {}", what, *n, KeyRegistry::kMaxKeys - 1));
                return false;
            }
            out.count = *n; // named key-1 .. key-N
            return true;
        }
        return readPattern(diags, node, what, out);
    }
    if (node.IsSequence()) {
        std::set<std::string> seen;
        for (const YAML::Node& item : node) {
            if (!item.IsScalar() || item.Scalar().empty()) {
                diags.error(item, fmt::format("{}: each key should be a name", what));
                return false;
            }
            if (!seen.insert(item.Scalar()).second) {
                diags.error(item, fmt::format("{}: the key '{}' is listed twice", what, item.Scalar()));
                return false;
            }
            out.names.push_back(item.Scalar());
        }
        if (out.names.empty()) {
            diags.error(node, fmt::format("{}: the list of keys is empty; {}", what, kForms));
            return false;
        }
        return true;
    }
    diags.error(node, fmt::format("{}: {}", what, kForms));
    return false;
}

} // namespace

std::optional<KeySpec> readKeys(DiagnosticSink& diags, const YAML::Node& node, const std::string& what)
{
    KeySpec spec;
    const std::string where = what + ": 'keys'";
    if (!node.IsMap()) {
        if (!readNames(diags, node, where, spec)) return std::nullopt;
        return spec;
    }
    MapReader r(diags, node, where);
    YAML::Node names = r.get("names");
    if (!names.IsDefined() || names.IsNull()) {
        diags.error(node, fmt::format("{} needs 'names' ({})", where, kForms));
        return std::nullopt;
    }
    const bool ok = readNames(diags, names, where, spec);
    if (auto z = r.number("zipf", 0, 100)) spec.zipf = *z;
    r.finish();
    if (!ok) return std::nullopt;
    return spec;
}

} // namespace es

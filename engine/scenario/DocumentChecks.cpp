#include "scenario/DocumentChecks.h"

#include "scenario/Overrides.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>

namespace es {

// `variants:` maps a name to overrides (dotted path -> value). Returns the names, in file order.
std::vector<std::string> variantNames(const YAML::Node& root, DiagnosticSink& diags)
{
    std::vector<std::string> names;
    const YAML::Node& croot = root;
    const YAML::Node v = croot.IsMap() ? croot["variants"] : YAML::Node(YAML::NodeType::Undefined);
    if (!v.IsDefined() || v.IsNull()) return names;
    if (!v.IsMap()) {
        diags.error(v, "'variants' should map variant names to overrides, e.g. variants: { email-down: "
                       "{ failures.0.for: 60s } }");
        return names;
    }
    for (const auto& kv : v) {
        names.push_back(kv.first.Scalar());
        if (!kv.second.IsMap() && !kv.second.IsNull())
            diags.error(kv.second, fmt::format("variant '{}' should map dotted paths to values, e.g. "
                                               "services.email.concurrency: 4", kv.first.Scalar()));
    }
    return names;
}

void applyVariant(YAML::Node root, const std::string& variant, const std::vector<std::string>& names,
                  DiagnosticSink& diags)
{
    if (std::find(names.begin(), names.end(), variant) == names.end()) {
        const std::string hint = closestMatch(variant, names);
        diags.error(YAML::Mark::null_mark(),
                    fmt::format("there is no variant '{}'{}{}", variant,
                                hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint),
                                names.empty() ? "; this scenario has no variants"
                                              : fmt::format("; its variants are: {}", fmt::join(names, ", "))));
        return;
    }
    // Copy the overrides out first: applying them edits the same tree.
    std::vector<std::pair<std::string, std::pair<YAML::Node, YAML::Mark>>> changes;
    const YAML::Node& croot = root;
    const YAML::Node body = croot["variants"][variant];
    if (body.IsMap())
        for (const auto& kv : body) changes.push_back({kv.first.Scalar(), {withoutMarks(kv.second), kv.first.Mark()}});
    for (const auto& [path, value] : changes)
        applyOverride(root, path, value.first, diags, fmt::format("variant '{}': {}", variant, path), value.second);
}

// Offset of the first byte that is not part of well-formed UTF-8, or npos. Names travel into the
// JSON summary and the run store, which both need valid UTF-8.
std::size_t firstInvalidUtf8(const std::string& text)
{
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        const auto c = static_cast<unsigned char>(text[i]);
        std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (len == 0 || i + len > n) return i;
        for (std::size_t k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return i;
        if (len == 2 && c < 0xC2) return i; // overlong
        i += len;
    }
    return std::string::npos;
}

YAML::Mark markAt(const std::string& text, std::size_t offset)
{
    YAML::Mark m;
    m.pos = static_cast<int>(offset);
    m.line = static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
    const auto lineStart = text.rfind('\n', offset == 0 ? 0 : offset - 1);
    m.column = static_cast<int>(offset - (lineStart == std::string::npos || offset == 0 ? 0 : lineStart + 1));
    return m;
}

// YAML allows a key twice in a mapping only by accident: yaml-cpp keeps both, and the second
// would silently shadow or double the first (two services of the same name). Walks the whole
// document without recursion (documents can nest deeply), and gives up after a fixed number of
// nodes: aliases can make a small file expand into billions of nodes (an "alias bomb"), and no real
// scenario comes near the limit.
void reportRepeatedKeys(const YAML::Node& root, DiagnosticSink& diags)
{
    std::vector<YAML::Node> stack{root};
    std::size_t budget = 200'000;
    while (!stack.empty() && budget-- > 0) {
        const YAML::Node n = stack.back();
        stack.pop_back();
        if (n.IsMap()) {
            std::map<std::string, YAML::Mark> seen;
            for (const auto& kv : n) {
                if (kv.first.IsScalar()) {
                    auto [it, fresh] = seen.emplace(kv.first.Scalar(), kv.first.Mark());
                    if (!fresh)
                        diags.error(kv.first, fmt::format("'{}' appears twice in this mapping (first at line {}); "
                                                          "keys must be unique — rename or merge them",
                                                          kv.first.Scalar(), it->second.line + 1));
                }
                stack.push_back(kv.second);
            }
        } else if (n.IsSequence()) {
            for (const YAML::Node& item : n) stack.push_back(item);
        }
    }
}


} // namespace es

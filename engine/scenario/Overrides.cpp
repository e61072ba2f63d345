#include "scenario/Overrides.h"

#include <fmt/format.h>

#include <sstream>
#include <vector>

namespace es {

namespace {
std::vector<std::string> splitPath(const std::string& path)
{
    std::vector<std::string> parts;
    std::stringstream ss(path);
    std::string part;
    while (std::getline(ss, part, '.')) parts.push_back(part);
    return parts;
}
} // namespace

YAML::Node overrideValue(const std::string& text, DiagnosticSink& diags, const std::string& origin)
{
    if (!text.empty() && (text.front() == '{' || text.front() == '[')) {
        try {
            return YAML::Load(text);
        } catch (const YAML::ParserException& e) {
            diags.error(YAML::Mark::null_mark(), fmt::format("{}: the value is not valid YAML ({})", origin, e.msg));
            return YAML::Node(YAML::NodeType::Undefined);
        }
    }
    return YAML::Node(text);
}

void applyOverride(YAML::Node root, const std::string& path, const YAML::Node& value, DiagnosticSink& diags,
                   const std::string& origin, const YAML::Mark& mark)
{
    const std::vector<std::string> parts = splitPath(path);
    if (parts.empty()) {
        diags.error(mark, fmt::format("{}: the path is empty", origin));
        return;
    }
    // yaml-cpp nodes are references: rebinding needs reset(), assignment would overwrite the node.
    YAML::Node cur;
    cur.reset(root);
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const std::string& key = parts[i];
        const bool last = i + 1 == parts.size();
        if (cur.IsSequence()) {
            std::size_t idx = SIZE_MAX;
            try {
                std::size_t used = 0;
                idx = std::stoul(key, &used);
                if (used != key.size()) idx = SIZE_MAX;
            } catch (...) {
            }
            if (idx >= cur.size()) {
                diags.error(mark, fmt::format("{}: '{}' is not an index of the list (0 to {})", origin, key,
                                              cur.size() == 0 ? 0 : cur.size() - 1));
                return;
            }
            if (last) {
                cur[idx] = value;
                return;
            }
            YAML::Node next = cur[idx];
            cur.reset(next);
            continue;
        }
        if (cur.IsDefined() && !cur.IsMap() && !cur.IsNull()) {
            // The file gives a short form here (retries: 0, keys: 5000): replacing it by a mapping would
            // drop what it says, so show how to override the whole value instead.
            std::string parent;
            for (std::size_t k = 0; k < i; ++k) parent += (k ? "." : "") + parts[k];
            const std::string was = cur.IsScalar() ? fmt::format("'{}'", cur.Scalar()) : std::string("a list");
            diags.error(mark, fmt::format("{}: '{}' is {} in the scenario, not a mapping, so it has no '{}'; set the "
                                          "whole value instead, e.g. --set {}='{{{}: ...}}' (values are read as YAML)",
                                          origin, parent, was, key, parent, key));
            return;
        }
        if (last) {
            cur[key] = value;
            return;
        }
        // A path through a key the file does not have creates it (metrics.interval on a file with no
        // metrics block). When the key is one letter away from one that exists, it is a typo.
        const YAML::Node& view = cur; // a const lookup adds nothing to the tree
        if (cur.IsMap() && !view[key]) {
            std::vector<std::string> siblings;
            for (const auto& kv : cur) siblings.push_back(kv.first.Scalar());
            const std::string hint = closestMatch(key, siblings);
            if (!hint.empty()) {
                diags.error(mark, fmt::format("{}: there is no '{}' here (did you mean '{}'?)", origin, key, hint));
                return;
            }
        }
        YAML::Node next = cur[key];
        cur.reset(next);
    }
}

} // namespace es

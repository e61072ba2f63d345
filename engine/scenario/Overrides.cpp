#include "scenario/Overrides.h"
#include "scenario/DocumentChecks.h"

#include <fmt/format.h>

#include <sstream>
#include <vector>

namespace es {

namespace {
// The keys that alone make a service or a broker what it is.
bool isDefiningKey(const std::string& section, const std::string& key)
{
    if (section == "brokers") return key == "kind";
    return key == "produces" || key == "consumes" || key == "service_time";
}

std::vector<std::string> splitPath(const std::string& path)
{
    std::vector<std::string> parts;
    std::stringstream ss(path);
    std::string part;
    while (std::getline(ss, part, '.')) parts.push_back(part);
    return parts;
}
} // namespace

// The same value without positions: a node loaded from a --set text or copied out of a variant
// carries marks of that text (line 1), which a message would print as a place in the file.
YAML::Node withoutMarks(const YAML::Node& n)
{
    switch (n.Type()) {
    case YAML::NodeType::Scalar: return YAML::Node(n.Scalar());
    case YAML::NodeType::Sequence: {
        YAML::Node out(YAML::NodeType::Sequence);
        for (const YAML::Node& item : n) out.push_back(withoutMarks(item));
        return out;
    }
    case YAML::NodeType::Map: {
        YAML::Node out(YAML::NodeType::Map);
        for (const auto& kv : n) out[kv.first.Scalar()] = withoutMarks(kv.second);
        return out;
    }
    case YAML::NodeType::Null: return YAML::Node(YAML::NodeType::Null);
    default: return YAML::Node(YAML::NodeType::Undefined);
    }
}

YAML::Node overrideValue(const std::string& text, DiagnosticSink& diags, const std::string& origin)
{
    if (!text.empty() && (text.front() == '{' || text.front() == '[')) {
        try {
            const YAML::Node loaded = YAML::Load(text);
            // A key given twice in the value is as much a mistake as in a file (the second one wins
            // silently otherwise); the positions are the value's own.
            DiagnosticSink inValue(origin);
            reportRepeatedKeys(loaded, inValue);
            for (const Diagnostic& d : inValue.all())
                diags.error(YAML::Mark::null_mark(), fmt::format("{}: {} (at column {} of the value)", origin, d.message, d.column));
            return inValue.empty() ? withoutMarks(loaded) : YAML::Node(YAML::NodeType::Undefined);
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
        // But a path that sets what makes the new thing one (services.x.consumes, brokers.y.kind)
        // creates it, as documented, whatever its name is close to.
        const bool defines = i + 2 == parts.size() && i == 1 && (parts[0] == "services" || parts[0] == "brokers") &&
                             isDefiningKey(parts[0], parts[i + 1]);
        if (cur.IsMap() && !view[key] && !defines) {
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

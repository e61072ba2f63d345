#include "scenario/LayoutWriter.h"

#include "scenario/BlockWriter.h"
#include "scenario/ScenarioLoader.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <filesystem>


namespace es {

namespace {

namespace fs = std::filesystem;

double rounded(double v)
{
    const double r = std::round(v * 10) / 10;
    return r == 0 ? 0 : r; // no "-0"
}

// The shortest text that reads back as the rounded value ("120", "40.5"), so the file stays tidy.
std::string number(double v) { return fmt::format("{}", rounded(v)); }

std::string layoutBlock(const std::vector<NodePosition>& positions)
{
    YAML::Emitter out;
    out << YAML::BeginMap << YAML::Key << "layout" << YAML::Value;
    if (positions.empty()) {
        out << YAML::Flow << YAML::BeginMap << YAML::EndMap;
    } else {
        out << YAML::BeginMap;
        for (const NodePosition& p : positions)
            out << YAML::Key << p.name << YAML::Value << YAML::Flow << YAML::BeginSeq << number(p.x) << number(p.y)
                << YAML::EndSeq;
        out << YAML::EndMap;
    }
    out << YAML::EndMap;
    if (!out.good()) throw LayoutSaveError(fmt::format("cannot write the layout: {}", out.GetLastError()));
    return std::string(out.c_str()) + "\n";
}

// The block writer's errors, as this writer's.
template <typename F>
auto asLayoutError(F&& f)
{
    try {
        return f();
    } catch (const ScenarioSaveError& e) {
        throw LayoutSaveError(e.what());
    }
}

std::string yamlWithLayout(const std::string& text, const std::vector<NodePosition>& positions)
{
    return asLayoutError([&] { return withYamlBlock(text, "layout", layoutBlock(positions), "a layout"); });
}

std::string jsonWithLayout(const std::string& text, const std::vector<NodePosition>& positions)
{
    nlohmann::ordered_json doc = nlohmann::ordered_json::parse(text);
    if (!doc.is_object()) throw LayoutSaveError("the file's top level is not an object; it is not a scenario");
    nlohmann::ordered_json layout = nlohmann::ordered_json::object();
    for (const NodePosition& p : positions) layout[p.name] = {rounded(p.x), rounded(p.y)};
    doc["layout"] = layout;
    return doc.dump(2) + "\n";
}

} // namespace

std::string withLayout(const std::string& text, const std::vector<NodePosition>& positions)
{
    // JSON is checked first: it is also YAML, but its own writer keeps it JSON.
    if (nlohmann::ordered_json::accept(text)) return jsonWithLayout(text, positions);
    return yamlWithLayout(text, positions);
}

void saveLayout(const std::string& path, const std::vector<NodePosition>& positions)
{
    std::error_code ec;
    const fs::path target = fs::exists(path, ec) ? fs::canonical(path, ec) : fs::path(path); // through symlinks
    const std::string text = asLayoutError([&] { return readScenarioFile(target.string(), "the layout"); });
    // Only the base scenario's nodes: a node that a variant adds is unknown to the base, and its
    // position would make the file fail to load. The old layout is left out of this load, so a stale
    // entry (a renamed node) cannot stand in the way of the new one.
    std::vector<NodePosition> known;
    try {
        const Scenario base = loadScenarioText(withLayout(text, {}), path);
        for (const NodePosition& p : positions)
            if (base.findService(p.name) || base.findBroker(p.name)) known.push_back(p);
    } catch (const ScenarioError& e) {
        throw LayoutSaveError(fmt::format("{}: the layout was not saved, the file does not load as it is:\n{}", path, e.what()));
    }
    const std::string next = withLayout(text, known);
    try {
        loadScenarioText(next, path);
    } catch (const std::exception& e) {
        throw LayoutSaveError(fmt::format("{}: the layout was not saved, the file would not load:\n{}", path, e.what()));
    }
    asLayoutError([&] { replaceFileAtomically(target, next, "the layout"); });
}

} // namespace es

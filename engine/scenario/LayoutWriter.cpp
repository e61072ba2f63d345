#include "scenario/LayoutWriter.h"

#include "scenario/ScenarioLoader.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#if !defined(_WIN32)
#include <fcntl.h>
#include <unistd.h>
#endif

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

std::string layoutBlock(const std::vector<NodePosition>& positions, std::size_t indent)
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
    // Indented like the document's own top-level keys (almost always column 0).
    std::string block;
    std::istringstream lines(out.c_str());
    for (std::string line; std::getline(lines, line);) block += std::string(indent, ' ') + line + '\n';
    return block;
}

std::size_t lineStart(const std::string& text, int line)
{
    std::size_t at = 0;
    for (int i = 0; i < line && at != std::string::npos; ++i) {
        at = text.find('\n', at);
        if (at != std::string::npos) ++at;
    }
    return at == std::string::npos ? text.size() : at;
}

// Blank lines and top-level comment lines (at `indent` or left of it) right before `end` introduce
// what follows, not the layout: keep them out of the replaced block. A more indented comment is the
// block's own and goes with it.
std::size_t trimTrailingComments(const std::string& text, std::size_t begin, std::size_t end, std::size_t indent)
{
    while (end > begin) {
        const std::size_t last = text[end - 1] == '\n' ? end - 1 : end; // the line's own newline, if any
        const std::size_t from = last > 0 ? text.rfind('\n', last - 1) : std::string::npos;
        const std::size_t lineBegin = from == std::string::npos ? 0 : from + 1;
        if (lineBegin <= begin) break; // never trim the key's own line
        const std::size_t first = text.find_first_not_of(" \t\r", lineBegin);
        const bool blank = first >= end || text[first] == '\n';
        const bool outerComment = !blank && text[first] == '#' && first - lineBegin <= indent;
        if (!blank && !outerComment) break;
        end = lineBegin;
    }
    return end;
}

std::string yamlWithLayout(const std::string& text, const std::vector<NodePosition>& positions)
{
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (const YAML::Exception& e) {
        throw LayoutSaveError(fmt::format("the file is not valid YAML ({}); fix it before saving a layout", e.msg));
    }
    if (!root.IsMap()) throw LayoutSaveError("the file's top level is not a mapping of keys; it is not a scenario");
    if (root.Style() == YAML::EmitterStyle::Flow)
        throw LayoutSaveError("the file's top level is a flow mapping { ... }; write it as one key per line to save a layout");
    // Top-level keys in document order: the layout block ends where the next key begins.
    int layoutLine = -1, nextLine = -1;
    std::size_t indent = 0;
    bool first = true;
    for (const auto& kv : root) {
        const YAML::Mark m = kv.first.Mark();
        if (first) indent = static_cast<std::size_t>(std::max(0, m.column));
        first = false;
        if (layoutLine >= 0 && nextLine < 0 && m.line > layoutLine) nextLine = m.line;
        if (kv.first.Scalar() == "layout") layoutLine = m.line;
    }
    const std::string block = layoutBlock(positions, indent);
    if (layoutLine < 0) {
        std::string out = text;
        if (!out.empty() && out.back() != '\n') out += '\n';
        return out + block;
    }
    const std::size_t begin = lineStart(text, layoutLine);
    std::size_t end = nextLine < 0 ? text.size() : lineStart(text, nextLine);
    end = trimTrailingComments(text, begin, end, indent);
    return text.substr(0, begin) + block + text.substr(end);
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

std::string readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) throw LayoutSaveError(fmt::format("{}: cannot open the file to save the layout into", path));
    std::ostringstream buf;
    buf << in.rdbuf();
    return buf.str();
}

// Writes `text` next to `target` and renames it over `target`: readers see the old file or the new
// one, never a part of it.
void replaceFile(const fs::path& target, const std::string& text)
{
    std::random_device seed;
    const fs::path tmp = target.parent_path() /
                         fmt::format(".{}.layout-{:08x}.tmp", target.filename().string(), seed());
    auto fail = [&](const std::string& why) {
        std::error_code ignored;
        fs::remove(tmp, ignored);
        return LayoutSaveError(fmt::format("{}: cannot save the layout: {}", target.string(), why));
    };
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) throw fail(fmt::format("cannot create a file in {} (is the folder writable?)",
                                         target.parent_path().string()));
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        out.close();
        if (!out) throw fail("writing the new text failed (is the disk full?)");
    }
#if !defined(_WIN32)
    // On disk before the rename, so a crash cannot leave an empty file under the scenario's name.
    if (const int fd = ::open(tmp.c_str(), O_RDONLY); fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
#endif
    std::error_code ec;
    fs::permissions(tmp, fs::status(target, ec).permissions(), ec); // keep the original's mode
    fs::rename(tmp, target, ec);
    if (ec) throw fail(ec.message());
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
    const std::string text = readFile(target.string());
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
    replaceFile(target, next);
}

} // namespace es

#include "scenario/BlockWriter.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <random>
#include <sstream>

#if !defined(_WIN32)
#include <fcntl.h>
#include <unistd.h>
#endif

namespace es {

namespace fs = std::filesystem;

namespace {

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

} // namespace

std::string withYamlBlock(const std::string& text, const std::string& key, const std::string& block, const std::string& what)
{
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (const YAML::Exception& e) {
        throw ScenarioSaveError(fmt::format("the file is not valid YAML ({}); fix it before saving {}", e.msg, what));
    }
    if (!root.IsMap()) throw ScenarioSaveError("the file's top level is not a mapping of keys; it is not a scenario");
    if (root.Style() == YAML::EmitterStyle::Flow)
        throw ScenarioSaveError(fmt::format("the file's top level is a flow mapping {{ ... }}; write it as one key per line to save {}", what));
    // Top-level keys in document order: the block ends where the next key begins.
    int keyLine = -1, nextLine = -1;
    std::size_t indent = 0;
    bool first = true;
    for (const auto& kv : root) {
        const YAML::Mark m = kv.first.Mark();
        if (first) indent = static_cast<std::size_t>(std::max(0, m.column));
        first = false;
        if (keyLine >= 0 && nextLine < 0 && m.line > keyLine) nextLine = m.line;
        if (kv.first.Scalar() == key) keyLine = m.line;
    }
    // Indented like the document's own top-level keys (almost always column 0).
    std::string indented;
    std::istringstream lines(block);
    for (std::string line; std::getline(lines, line);) indented += std::string(indent, ' ') + line + '\n';
    if (keyLine < 0) {
        std::string out = text;
        if (!out.empty() && out.back() != '\n') out += '\n';
        return out + indented;
    }
    const std::size_t begin = lineStart(text, keyLine);
    std::size_t end = nextLine < 0 ? text.size() : lineStart(text, nextLine);
    end = trimTrailingComments(text, begin, end, indent);
    return text.substr(0, begin) + indented + text.substr(end);
}

std::string readScenarioFile(const std::string& path, const std::string& what)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ScenarioSaveError(fmt::format("{}: cannot open the file to save {} into", path, what));
    std::ostringstream buf;
    buf << in.rdbuf();
    return buf.str();
}

void replaceFileAtomically(const fs::path& target, const std::string& text, const std::string& what)
{
    std::random_device seed;
    const fs::path tmp = target.parent_path() /
                         fmt::format(".{}.save-{:08x}.tmp", target.filename().string(), seed());
    auto fail = [&](const std::string& why) {
        std::error_code ignored;
        fs::remove(tmp, ignored);
        return ScenarioSaveError(fmt::format("{}: cannot save {}: {}", target.string(), what, why));
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


} // namespace es

#include "paths/LessonsDir.h"

#include <cstdlib>
#include <system_error>
#include <vector>

namespace es {

namespace fs = std::filesystem;

namespace {

fs::path normal(const fs::path& p)
{
    std::error_code ec;
    const fs::path c = fs::weakly_canonical(p, ec);
    return ec ? p.lexically_normal() : c;
}

std::string environment(const char* name)
{
    const char* v = std::getenv(name);
    return v ? std::string(v) : std::string();
}

} // namespace

fs::path executableDir()
{
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path() : exe.parent_path();
}

fs::path findLessonsDir(const std::string& option, const fs::path& exeDir)
{
    if (!option.empty()) return normal(option);
    for (const char* var : {"EVENTSCAPE_LESSONS", "EVENTSCAPE_LESSONS_DIR"})
        if (const std::string v = environment(var); !v.empty()) return normal(v);
    const fs::path bin = exeDir.empty() ? executableDir() : exeDir;
    std::vector<fs::path> candidates;
    if (!bin.empty()) {
        candidates.push_back(bin / "../share/eventscape/scenarios/lessons");
        candidates.push_back(bin / "../../../scenarios/lessons");
    }
#ifdef EVENTSCAPE_SCENARIOS_DIR
    candidates.emplace_back(EVENTSCAPE_SCENARIOS_DIR "/lessons");
#endif
    std::error_code ec;
    for (const fs::path& c : candidates)
        if (fs::is_directory(c, ec)) return normal(c);
    return {};
}

} // namespace es

#include "LessonArguments.h"

#include "paths/LessonsDir.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <vector>

namespace cli {

namespace fs = std::filesystem;

LessonArguments::LessonArguments(CLI::App& app)
{
    app.add_option("--lessons", options_.dir,
                   "Folder of the lessons (default: $EVENTSCAPE_LESSONS, else the installed "
                   "share/eventscape/scenarios/lessons, else the source tree's)");
    lessons_ = app.add_subcommand("lessons", "List the lesson files, one path a line (validate or run them by path or by name)");
}

bool LessonArguments::chosen() const { return lessons_->parsed(); }

int LessonArguments::listLessons() const
{
    const fs::path dir = es::findLessonsDir(options_.dir);
    std::error_code ec;
    if (dir.empty() || !fs::is_directory(dir, ec)) {
        std::cerr << (dir.empty() ? std::string("no lessons folder found") : dir.string() + ": not a folder")
                  << "; point --lessons or $EVENTSCAPE_LESSONS at one\n";
        return 2;
    }
    std::vector<fs::path> files;
    for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
        const std::string ext = e.path().extension().string();
        if (e.is_regular_file() && (ext == ".yaml" || ext == ".yml" || ext == ".json")) files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& f : files) std::cout << f.string() << "\n";
    return 0;
}

std::string LessonArguments::resolveScenario(const std::string& arg) const
{
    std::error_code ec;
    const fs::path p(arg);
    if (arg.empty() || fs::exists(p, ec) || p.has_parent_path() || p.has_extension()) return arg;
    const fs::path dir = es::findLessonsDir(options_.dir);
    if (dir.empty()) return arg;
    const fs::path lesson = dir / (arg + ".yaml");
    return fs::is_regular_file(lesson, ec) ? lesson.string() : arg;
}

} // namespace cli

#pragma once
// The lessons from the command line: `eventscape-cli lessons` lists them, and a scenario argument
// that is not a file but a lesson's name (order-placed) opens that lesson, so an installed CLI runs
// the lessons without knowing where the package put them. The folder is es::findLessonsDir's.
#include <string>

namespace CLI { class App; }

namespace cli {

struct LessonOptions {
    std::string dir; // --lessons DIR (empty: the rule of es::findLessonsDir)
};

// Adds --lessons DIR to `app` (subcommands fall through to it) and the `lessons` subcommand.
class LessonArguments {
public:
    explicit LessonArguments(CLI::App& app);
    // When `lessons` was chosen: lists the lesson files (one path a line) and gives the exit code.
    bool chosen() const;
    int listLessons() const;
    // `arg` itself when it names a file (or has a folder or an extension), else the lesson of that
    // name when there is one, else `arg` (so the loader's message names what was typed).
    std::string resolveScenario(const std::string& arg) const;

private:
    LessonOptions options_;
    CLI::App* lessons_ = nullptr;
};

} // namespace cli

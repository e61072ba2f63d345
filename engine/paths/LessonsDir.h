#pragma once
// Where the built-in lessons are, for both programs (the window and eventscape-cli): one rule, so an
// installed copy, a build tree and a user's own folder are found the same way by each of them.
#include <filesystem>
#include <string>

namespace es {

// The first of these that is set (1, 2) or is a folder (3-5):
//   1. `option` (--lessons DIR);
//   2. $EVENTSCAPE_LESSONS (or the older $EVENTSCAPE_LESSONS_DIR);
//   3. <exeDir>/../share/eventscape/scenarios/lessons: installed (bin/ next to share/);
//   4. <exeDir>/../../../scenarios/lessons: a build tree inside the checkout (build/app/gui/);
//   5. the source tree's scenarios/lessons, compiled in (a build tree elsewhere).
// A folder named by 1 or 2 is returned even when it does not exist, so the caller's message names
// what the user asked for instead of silently using another folder. Empty when nothing is found.
std::filesystem::path findLessonsDir(const std::string& option = {}, const std::filesystem::path& exeDir = {});

// The folder of the running executable (/proc/self/exe), empty when it cannot be read.
std::filesystem::path executableDir();

} // namespace es

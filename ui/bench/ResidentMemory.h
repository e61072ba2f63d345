#pragma once
// The process's resident set size, for the window's memory benchmark: read from /proc/self/status
// (VmRSS), so only on Linux; elsewhere it says it does not know.
#include <optional>

namespace esui {

// Megabytes (MiB) resident now, or nothing where the system does not say.
std::optional<double> residentMegabytes();

} // namespace esui

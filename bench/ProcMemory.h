#pragma once
// Reading this process's memory from /proc (Linux), for the benchmarks' peak-memory figures.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

namespace benchsupport {

// A line of /proc/self/status ("VmHWM", "VmRSS") in kB, or -1 where /proc is not there.
inline long statusKb(const char* key)
{
    std::ifstream f("/proc/self/status");
    const std::size_t n = std::strlen(key);
    for (std::string line; std::getline(f, line);)
        if (line.compare(0, n, key) == 0 && line.size() > n && line[n] == ':') return std::stol(line.substr(n + 1));
    return -1;
}

// "5" resets VmHWM to the current RSS (Linux >= 4.0): after it, the peak is what follows alone
// (a forked child's, not its parent's).
inline void resetPeakRss()
{
    if (std::FILE* f = std::fopen("/proc/self/clear_refs", "w")) {
        std::fputs("5", f);
        std::fclose(f);
    }
}

} // namespace benchsupport

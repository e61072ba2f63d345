#include "bench/ResidentMemory.h"

#include <fstream>
#include <string>

namespace esui {

std::optional<double> residentMegabytes()
{
    std::ifstream status("/proc/self/status");
    std::string key;
    while (status >> key) {
        if (key == "VmRSS:") {
            double kib = 0;
            if (status >> kib) return kib / 1024.0;
            return std::nullopt;
        }
        status.ignore(4096, '\n');
    }
    return std::nullopt;
}

} // namespace esui

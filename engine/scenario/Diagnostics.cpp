#include "scenario/Diagnostics.h"

#include <fmt/format.h>

#include <algorithm>

namespace es {

std::string Diagnostic::format() const
{
    const std::string& where = file.empty() ? std::string("<scenario>") : file;
    if (line > 0) return fmt::format("{}:{}:{}: {}", where, line, column, message);
    return fmt::format("{}: {}", where, message);
}

static std::string joinAll(const std::vector<Diagnostic>& ds)
{
    std::string s;
    for (const Diagnostic& d : ds) {
        if (!s.empty()) s += "\n";
        s += d.format();
    }
    return s;
}

ScenarioError::ScenarioError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(joinAll(diagnostics)), diagnostics_(std::move(diagnostics))
{
}

static std::size_t editDistance(const std::string& a, const std::string& b)
{
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j)
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

std::string closestMatch(const std::string& word, const std::vector<std::string>& candidates)
{
    std::string best;
    std::size_t bestD = SIZE_MAX;
    for (const std::string& c : candidates) {
        const std::size_t d = editDistance(word, c);
        if (d < bestD) {
            bestD = d;
            best = c;
        }
    }
    // Suggest only what is plausibly a typo: at most a third of the word wrong (and at least 1 edit).
    return (bestD <= std::max<std::size_t>(1, word.size() / 3)) ? best : std::string();
}

} // namespace es

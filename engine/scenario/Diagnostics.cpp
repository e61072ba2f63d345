#include "scenario/Diagnostics.h"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

namespace es {

std::string Diagnostic::format() const
{
    const std::string& where = file.empty() ? std::string("<scenario>") : file;
    const char* kind = warning ? "warning: " : "";
    if (line > 0) return fmt::format("{}:{}:{}: {}{}", where, line, column, kind, message);
    return fmt::format("{}: {}{}", where, kind, message);
}

static std::string joinAll(const std::vector<Diagnostic>& ds, std::size_t omitted)
{
    std::string s;
    for (const Diagnostic& d : ds) {
        if (!s.empty()) s += "\n";
        s += d.format();
    }
    if (omitted > 0)
        s += fmt::format("\n... and {} more problem{} (only the first {} are listed)", omitted, omitted == 1 ? "" : "s",
                         ds.size());
    return s;
}

// Reported in file order (the reader finds them section by section), command-line ones first.
static std::vector<Diagnostic> sorted(std::vector<Diagnostic> ds)
{
    std::stable_sort(ds.begin(), ds.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.line, a.column) < std::tie(b.line, b.column);
    });
    return ds;
}

ScenarioError::ScenarioError(std::vector<Diagnostic> diagnostics, std::size_t omitted)
    : std::runtime_error(joinAll(sorted(diagnostics), omitted)), diagnostics_(sorted(std::move(diagnostics))),
      omitted_(omitted)
{
}

void DiagnosticList::add(Diagnostic d)
{
    kept_.push_back(std::move(d));
    if (kept_.size() >= 2 * limit_ + 1) trim(); // amortised: one sort per `limit` additions
}

void DiagnosticList::trim()
{
    kept_ = sorted(std::move(kept_));
    if (kept_.size() <= limit_) return;
    dropped_ += kept_.size() - limit_;
    kept_.resize(limit_);
}

std::vector<Diagnostic> DiagnosticList::listed() const
{
    std::vector<Diagnostic> out = sorted(kept_);
    if (out.size() > limit_) out.resize(limit_);
    return out;
}

// Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of two
// neighbouring letters (the commonest typo, "jbos" for "jobs") each cost 1.
static std::size_t editDistance(const std::string& a, const std::string& b)
{
    const std::size_t n = a.size(), m = b.size();
    std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
    for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= n; ++i)
        for (std::size_t j = 1; j <= m; ++j) {
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    return d[n][m];
}

std::string closestMatch(const std::string& word, const std::vector<std::string>& candidates)
{
    std::string best;
    std::size_t bestD = SIZE_MAX;
    if (word.size() > 64) return best; // no typo is that long; keeps the cost bounded on junk input
    for (const std::string& c : candidates) {
        if (c.size() > 64) continue;
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

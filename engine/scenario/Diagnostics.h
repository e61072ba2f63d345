#pragma once
// Problems found in a scenario, each with where it is (file, line, column, 1-based) and what was
// expected, collected so that one pass reports all of them.
#include <algorithm>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace es {

struct Diagnostic {
    std::string file;
    int line = 0;   // 0 = unknown (e.g. a command-line override)
    int column = 0;
    std::string message;
    bool warning = false; // a warning is printed as "FILE:L:C: warning: ..." and does not stop the run
    std::string format() const;
};

// How many problems a refusal lists (docs/scenario-format.md, "Engine limits"): a file with 200,000
// mistakes must neither keep 200,000 messages in memory nor print them; the first ones in file order
// are the ones to fix first, and the rest are counted.
inline constexpr std::size_t kMaxListedProblems = 50;

// The first `limit` problems in file order (line, column; unplaced ones first) and how many more
// there were, in memory bounded by 2 x limit whatever the number added.
class DiagnosticList {
public:
    explicit DiagnosticList(std::size_t limit = kMaxListedProblems) : limit_(limit) {}
    void add(Diagnostic d);
    std::vector<Diagnostic> listed() const; // sorted, at most `limit`
    std::size_t count() const { return kept_.size() + dropped_; }
    std::size_t omitted() const { return count() - std::min(kept_.size(), limit_); }
    bool empty() const { return kept_.empty(); }

private:
    void trim(); // keeps the first `limit` by position, counting the others as dropped
    std::size_t limit_;
    std::vector<Diagnostic> kept_;
    std::size_t dropped_ = 0;
};

class ScenarioError : public std::runtime_error {
public:
    // `omitted`: problems found past the listed ones; the message ends with "... and N more".
    explicit ScenarioError(std::vector<Diagnostic> diagnostics, std::size_t omitted = 0);
    const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
    std::size_t omitted() const { return omitted_; }

private:
    std::vector<Diagnostic> diagnostics_;
    std::size_t omitted_ = 0;
};

// The closest candidate by edit distance, or "" when nothing is close enough to suggest.
std::string closestMatch(const std::string& word, const std::vector<std::string>& candidates);

} // namespace es

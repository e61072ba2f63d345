#pragma once
// Problems found in a scenario, each with where it is (file, line, column, 1-based) and what was
// expected, collected so that one pass reports all of them.
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

class ScenarioError : public std::runtime_error {
public:
    explicit ScenarioError(std::vector<Diagnostic> diagnostics);
    const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

private:
    std::vector<Diagnostic> diagnostics_;
};

// The closest candidate by edit distance, or "" when nothing is close enough to suggest.
std::string closestMatch(const std::string& word, const std::vector<std::string>& candidates);

} // namespace es

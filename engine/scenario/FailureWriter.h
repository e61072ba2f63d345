#pragma once
// Writes failures injected by hand during a run into a scenario file's `failures:`, after the ones it
// already has, changing nothing else (BlockWriter): the run repeated from the file meets the same
// failures at the same simulated times and gives the same digest. The failures are written in the
// scenario format (`{ at: 12346ms, for: 5000ms, target: email, crash: true }`), in milliseconds,
// which is exact for the times a failure injected by hand gets (FailureInjector::injectionTime).
// The new text must load as a scenario before it replaces the file; any failure throws
// FailureSaveError and leaves the original untouched. The kinds the window injects are written:
// crash (with its instance), slowdown (a multiplier), errors, outage and partition.
#include "scenario/Scenario.h"

#include <stdexcept>
#include <string>
#include <vector>

namespace es {

class FailureSaveError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

void saveFailures(const std::string& path, const std::vector<FailureSpec>& added);

// The text saveFailures would write, for a file's current text (for tests; throws FailureSaveError).
std::string withFailures(const std::string& text, const std::vector<FailureSpec>& added);

} // namespace es

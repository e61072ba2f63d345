#pragma once
// Saves node positions into a scenario file's top-level `layout:`, changing nothing else.
//
// YAML: every other byte stays as it was, comments included. An existing top-level `layout:` block is
// replaced (from its key's line up to the next top-level key, less the blank and comment lines just
// before that key, which belong to it); without one, a block is appended at the end. The block is
// written by yaml-cpp's emitter, one flow-style [x, y] per node, rounded to 0.1.
// JSON (text that parses as JSON, whatever its extension): "layout" is set and the document is
// dumped again with an indent of 2, keys in their original order.
//
// Positions of nodes the base scenario does not have (a variant's, say) are left out: the base must
// load with its layout. The new text must load as a scenario before it replaces the file; it is written to a temporary
// file in the same folder and renamed over the original, so the file is never half-written. Any
// failure throws LayoutSaveError and leaves the original untouched.
#include "scenario/Scenario.h"

#include <stdexcept>
#include <string>
#include <vector>

namespace es {

class LayoutSaveError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

void saveLayout(const std::string& path, const std::vector<NodePosition>& positions);

// The text saveLayout would write, for a file's current text (exposed for tests; throws LayoutSaveError).
std::string withLayout(const std::string& text, const std::vector<NodePosition>& positions);

} // namespace es

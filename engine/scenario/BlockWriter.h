#pragma once
// Saving one top-level block of a scenario file (`layout:`, `failures:`), changing nothing else.
//
// YAML: every other byte stays as it was, comments included. An existing top-level block of the key
// is replaced (from its key's line up to the next top-level key, less the blank and comment lines
// just before that key, which belong to it); without one, the block is appended at the end.
// JSON (text that parses as JSON): the key is set and the document dumped again with an indent of
// 2, keys in their original order. The new text is written to a temporary file in the same folder
// and renamed over the original, so the file is never half-written.
//
// `what` names what is being saved in the messages ("the layout"). Errors throw ScenarioSaveError
// and leave the original untouched.
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <stdexcept>
#include <string>

namespace es {

class ScenarioSaveError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The YAML document `text` with its top-level `key:` replaced by `block` (the block's text as an
// emitter writes it at column 0, starting with "key:"), indented like the document's own keys.
std::string withYamlBlock(const std::string& text, const std::string& key, const std::string& block, const std::string& what);
// The file's text (through symlinks).
std::string readScenarioFile(const std::string& path, const std::string& what);
// Writes `text` next to `target` and renames it over `target`: readers see the old file or the
// new one, never a part of it. The original's permissions are kept.
void replaceFileAtomically(const std::filesystem::path& target, const std::string& text, const std::string& what);

} // namespace es

#pragma once
// Checks and edits of a scenario document as a whole, before its sections are read: the text is
// UTF-8, no mapping repeats a key, and a named variant's overrides are applied to the tree.
#include "scenario/YamlReader.h"

#include <string>
#include <vector>

namespace es {

// `variants:` maps a name to overrides (dotted path -> value). Returns the names, in file order.
std::vector<std::string> variantNames(const YAML::Node& root, DiagnosticSink& diags);
void applyVariant(YAML::Node root, const std::string& variant, const std::vector<std::string>& names,
                  DiagnosticSink& diags);

// Offset of the first byte that is not well-formed UTF-8, or npos; and its position as a mark.
std::size_t firstInvalidUtf8(const std::string& text);
YAML::Mark markAt(const std::string& text, std::size_t offset);

// Reports keys that appear twice in one mapping, anywhere in the document.
void reportRepeatedKeys(const YAML::Node& root, DiagnosticSink& diags);

} // namespace es

#pragma once
// Changes applied to a scenario's document tree before it is read: `--set path=value` from the
// command line and the overrides of a named variant. Paths are dotted; list items by index
// (failures.0.at); missing mappings on the way are created.
#include "scenario/YamlReader.h"

#include <string>

namespace es {

// `origin` names the change in messages ("--set services.w.concurrency", "variant 'sync'");
// `mark` is where it was written (null for the command line).
void applyOverride(YAML::Node root, const std::string& path, const YAML::Node& value, DiagnosticSink& diags,
                   const std::string& origin, const YAML::Mark& mark);

// The YAML value of a `--set` text: scalars stay plain strings (no position in any file);
// `{...}` and `[...]` are parsed as YAML. A parse error is reported, and an undefined node returned.
// A copy of `n` whose nodes have no position (their marks would point into another text).
YAML::Node withoutMarks(const YAML::Node& n);

YAML::Node overrideValue(const std::string& text, DiagnosticSink& diags, const std::string& origin);

} // namespace es

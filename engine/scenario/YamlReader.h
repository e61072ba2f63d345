#pragma once
// Typed, located access to a YAML mapping for the scenario loader. Every read records the key as
// known; finish() reports the keys nobody read (typos) with a "did you mean" suggestion. Values
// that fail to parse are reported where they are, with what was expected, and a default is used so
// that reading goes on and every problem in the file is found in one pass.
#include "kernel/SimTime.h"
#include "random/Distribution.h"
#include "scenario/Diagnostics.h"

#include <yaml-cpp/yaml.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace es {

class DiagnosticSink {
public:
    explicit DiagnosticSink(std::string file) : file_(std::move(file)) {}
    void error(const YAML::Node& at, const std::string& message);
    void error(const YAML::Mark& mark, const std::string& message);
    // A valid value whose consequences the user should know (an infinite mean): reported, not refused.
    void warning(const YAML::Node& at, const std::string& message);
    void warning(const YAML::Mark& mark, const std::string& message);
    // The first kMaxListedProblems errors in file order (DiagnosticList keeps no more).
    std::vector<Diagnostic> all() const { return diagnostics_.listed(); }
    std::vector<Diagnostic> warnings() const { return warnings_.listed(); }
    std::size_t count() const { return diagnostics_.count(); } // every error found, listed or not
    bool empty() const { return diagnostics_.empty(); }
    const std::string& file() const { return file_; }
    // Appended to every later message, e.g. " (variant 'sync')": the same file read as one of its
    // variants must say which one its errors belong to.
    void setContext(std::string context) { context_ = std::move(context); }
    // The error to throw: the listed problems, and how many more there were.
    ScenarioError toError() const { return ScenarioError(diagnostics_.listed(), diagnostics_.omitted()); }

private:
    Diagnostic locate(const YAML::Mark& mark, const std::string& message) const;
    std::string file_;
    std::string context_;
    DiagnosticList diagnostics_;
    DiagnosticList warnings_;
};

class MapReader {
public:
    // `what` names the mapping in messages ("service 'orders'").
    MapReader(DiagnosticSink& diags, const YAML::Node& node, std::string what);

    bool ok() const { return ok_; }
    const YAML::Node& node() const { return node_; }
    bool has(const std::string& key) const;
    YAML::Node get(const std::string& key);   // marks the key known; an undefined node if absent

    std::optional<std::string> string(const std::string& key, bool required = false);
    std::optional<SimTime> duration(const std::string& key, bool required = false);
    std::optional<double> rate(const std::string& key, bool required = false);
    std::optional<double> share(const std::string& key);      // in [0, 1]
    std::optional<double> number(const std::string& key, double min, double max);
    std::optional<long long> integer(const std::string& key, long long min, long long max);
    std::optional<bool> boolean(const std::string& key);
    std::vector<std::string> stringList(const std::string& key); // a string or a list of strings
    std::optional<Distribution> distribution(const std::string& key);
    // Reads a oneOf-style choice ("poisson" | "constant") and reports the accepted words.
    std::optional<std::string> choice(const std::string& key, const std::vector<std::string>& accepted);

    void finish(); // reports unknown keys

    DiagnosticSink& diags() { return diags_; }
    const std::string& what() const { return what_; }

private:
    std::optional<std::string> scalar(const std::string& key, const char* expected);

    DiagnosticSink& diags_;
    YAML::Node node_;
    std::string what_;
    bool ok_ = true;
    std::set<std::string> known_;
};

// A distribution node on its own (a duration for a constant, or a one-key mapping naming the kind).
std::optional<Distribution> readDistribution(DiagnosticSink& diags, const YAML::Node& node, const std::string& what);

} // namespace es

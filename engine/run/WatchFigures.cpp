#include "run/WatchFigures.h"

#include "scenario/Diagnostics.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <charconv>

namespace es {

namespace {

struct Lookup {
    const nlohmann::json* value = nullptr;
    const nlohmann::json* stoppedAt = nullptr; // the last object or list reached
    std::string rest;                          // what of the path was left there
};

Lookup lookup(const nlohmann::json& summary, const std::string& path)
{
    Lookup l;
    const nlohmann::json* at = &summary;
    std::string rest = path;
    while (!rest.empty()) {
        l.stoppedAt = at;
        l.rest = rest;
        const nlohmann::json* next = nullptr;
        std::size_t used = 0;
        if (at->is_object()) {
            // The longest prefix of the rest that is a key: component names may contain dots.
            for (std::size_t end = rest.size(); end != std::string::npos && end > 0; end = rest.rfind('.', end - 1)) {
                if (auto it = at->find(rest.substr(0, end)); it != at->end()) {
                    next = &*it;
                    used = end;
                    break;
                }
            }
        } else if (at->is_array()) {
            const std::size_t dot = rest.find('.');
            const std::string head = rest.substr(0, dot);
            std::size_t index = 0;
            const auto [ptr, ec] = std::from_chars(head.data(), head.data() + head.size(), index);
            if (ec == std::errc() && ptr == head.data() + head.size() && index < at->size()) {
                next = &(*at)[index];
                used = head.size();
            }
        }
        if (!next) return l;
        at = next;
        rest = used < rest.size() ? rest.substr(used + 1) : std::string();
    }
    l.value = at;
    return l;
}

} // namespace

const nlohmann::json* findFigure(const nlohmann::json& summary, const std::string& path)
{
    return lookup(summary, path).value;
}

std::optional<double> figureValue(const nlohmann::json& summary, const std::string& path)
{
    const nlohmann::json* v = findFigure(summary, path);
    if (!v) return std::nullopt;
    if (v->is_boolean()) return v->get<bool>() ? 1.0 : 0.0;
    if (v->is_number()) return v->get<double>();
    return std::nullopt;
}

void checkWatchFigures(const Scenario& scenario, const nlohmann::json& summary)
{
    std::vector<Diagnostic> problems;
    for (const WatchSpec& w : scenario.watch) {
        const Lookup l = lookup(summary, w.figure);
        std::string message;
        if (l.value && (l.value->is_number() || l.value->is_boolean() || l.value->is_null())) continue;
        if (l.value && l.value->is_object()) {
            std::vector<std::string> keys;
            for (auto it = l.value->begin(); it != l.value->end(); ++it) keys.push_back(it.key());
            message = fmt::format("watch: '{}' is a group of figures, not one; add one of its keys: {}", w.figure,
                                  fmt::join(keys, ", "));
        } else if (l.value) {
            message = fmt::format("watch: '{}' is not a number (it is {}); watch a count, a time or a share", w.figure,
                                  l.value->type_name());
        } else {
            const std::string done = w.figure.substr(0, w.figure.size() - l.rest.size());
            std::vector<std::string> keys;
            if (l.stoppedAt && l.stoppedAt->is_object())
                for (auto it = l.stoppedAt->begin(); it != l.stoppedAt->end(); ++it) keys.push_back(it.key());
            const std::string head = l.rest.substr(0, l.rest.find('.'));
            const std::string hint = closestMatch(head, keys);
            message = keys.empty()
                          ? fmt::format("watch: the run summary has no figure '{}' (nothing to look up at '{}')", w.figure, head)
                          : fmt::format("watch: the run summary has no figure '{}': {} there is no '{}'{}; there are {} "
                                        "(the paths are those of eventscape-cli run --json: docs/cli-json.md)",
                                        w.figure, done.empty() ? std::string("at the top") : fmt::format("in '{}'", done.substr(0, done.size() - 1)), head,
                                        hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint), fmt::join(keys, ", "));
        }
        problems.push_back(Diagnostic{scenario.sourcePath, w.line, w.column, message, false});
    }
    if (!problems.empty()) throw ScenarioError(std::move(problems));
}

} // namespace es

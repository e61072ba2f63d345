#include "scenario/LessonReader.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace es {

bool NoteSpec::shownIn(const std::string& variant) const
{
    if (variants.empty()) return true;
    const std::string& name = variant.empty() ? std::string("base") : variant;
    return std::find(variants.begin(), variants.end(), name) != variants.end();
}

std::vector<NoteSpec> readNotes(DiagnosticSink& diags, const YAML::Node& notes, const std::vector<std::string>& variantNames)
{
    std::vector<NoteSpec> out;
    if (!notes.IsDefined() || notes.IsNull()) return out;
    if (!notes.IsSequence()) {
        diags.error(notes, "'notes' should be a list of {at, text, pause, variants}");
        return out;
    }
    std::vector<std::string> known{"base"};
    known.insert(known.end(), variantNames.begin(), variantNames.end());
    for (const YAML::Node& item : notes) {
        MapReader nr(diags, item, "note");
        NoteSpec n;
        n.at = nr.duration("at", true).value_or(0);
        n.text = nr.string("text", true).value_or("");
        n.pause = nr.boolean("pause").value_or(false);
        const YAML::Node variants = nr.get("variants");
        n.variants = nr.stringList("variants");
        for (const std::string& v : n.variants) {
            if (std::find(known.begin(), known.end(), v) != known.end()) continue;
            const std::string hint = closestMatch(v, known);
            diags.error(variants, fmt::format("note: there is no variant called '{}'{}; the note can name {}", v,
                                              hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint),
                                              fmt::join(known, ", ")));
        }
        nr.finish();
        out.push_back(std::move(n));
    }
    return out;
}

FigureUnit unitOfFigure(const std::string& path)
{
    const std::size_t dot = path.rfind('.');
    const std::string leaf = dot == std::string::npos ? path : path.substr(dot + 1);
    const std::string parent = dot == std::string::npos ? std::string() : path.substr(0, dot);
    auto endsWith = [](const std::string& s, const std::string& tail) {
        return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
    };
    if (endsWith(leaf, "_s") || endsWith(leaf, "_seconds") || endsWith(parent, "_s")) return FigureUnit::Seconds;
    if (leaf == "utilisation" || endsWith(leaf, "share") || endsWith(leaf, "_rate")) return FigureUnit::Share;
    return FigureUnit::Count;
}

std::string labelOfFigure(const std::string& path)
{
    // Sections are plural names of kinds; the component is what a class knows by name.
    static const std::vector<std::string> sections{"producers", "groups", "brokers", "flows", "states", "read_models",
                                                   "decisions", "sagas", "entries", "servers", "users"};
    std::string rest = path;
    std::string component;
    const std::size_t first = path.find('.');
    if (first != std::string::npos &&
        std::find(sections.begin(), sections.end(), path.substr(0, first)) != sections.end()) {
        const std::size_t second = path.find('.', first + 1);
        component = path.substr(first + 1, second == std::string::npos ? std::string::npos : second - first - 1);
        rest = second == std::string::npos ? std::string() : path.substr(second + 1);
    }
    std::string words;
    for (std::size_t i = 0; i < rest.size(); ++i) {
        const char c = rest[i];
        // "latency_s.p99": the unit is shown with the value, not in the label
        if (c == '_' && i + 1 < rest.size() && rest[i + 1] == 's' && (i + 2 == rest.size() || rest[i + 2] == '.')) {
            ++i;
            continue;
        }
        words += (c == '_' || c == '.') ? ' ' : c;
    }
    if (component.empty()) return words;
    return words.empty() ? component : component + ": " + words;
}

std::vector<WatchSpec> readWatch(DiagnosticSink& diags, const YAML::Node& watch)
{
    std::vector<WatchSpec> out;
    if (!watch.IsDefined() || watch.IsNull()) return out;
    if (!watch.IsSequence()) {
        diags.error(watch, "'watch' should be a list of figures, e.g. watch: [producers.orders.lost_after_commit, "
                           "groups.billing.duplicate_effects] (paths as --json prints them: docs/cli-json.md)");
        return out;
    }
    if (watch.size() > kMaxWatchFigures)
        diags.error(watch, fmt::format("'watch' lists {} figures; a scoreboard shows at most {}: keep the ones that carry "
                                       "the lesson's point (every figure is in the window's Figures panel)",
                                       watch.size(), kMaxWatchFigures));
    for (const YAML::Node& item : watch) {
        WatchSpec w;
        w.line = item.Mark().line + 1;
        w.column = item.Mark().column + 1;
        std::optional<std::string> unit;
        if (item.IsScalar()) {
            w.figure = item.Scalar();
        } else {
            MapReader wr(diags, item, "watch entry");
            w.figure = wr.string("figure", true).value_or("");
            w.label = wr.string("label").value_or("");
            unit = wr.choice("unit", {"count", "seconds", "share", "number"});
            if (auto b = wr.choice("better", {"lower", "higher"})) w.lowerIsBetter = *b == "lower";
            wr.finish();
        }
        w.unit = !unit                 ? unitOfFigure(w.figure)
                 : *unit == "count"    ? FigureUnit::Count
                 : *unit == "seconds"  ? FigureUnit::Seconds
                 : *unit == "share"    ? FigureUnit::Share
                                       : FigureUnit::Number;
        if (w.label.empty()) w.label = labelOfFigure(w.figure);
        out.push_back(std::move(w));
    }
    return out;
}

} // namespace es

#include "compare/CompareFormat.h"

#include "store/CsvExport.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>

namespace es {

namespace {

// Few digits, more for small numbers: a table to read, not to parse (table.csv has every digit).
std::string num(double v)
{
    if (std::isnan(v)) return "n/a";
    const double a = std::fabs(v);
    if (a >= 100 || v == std::floor(v)) return fmt::format("{:.0f}", v);
    if (a >= 10) return fmt::format("{:.1f}", v);
    return fmt::format("{:.2f}", v);
}


// Pads to `width` display columns; the table has a few multi-byte characters (±, –).
std::string pad(const std::string& s, std::size_t width, bool right)
{
    std::size_t shown = 0;
    for (unsigned char c : s) shown += (c & 0xC0) != 0x80;
    const std::string fill(width > shown ? width - shown : 0, ' ');
    return right ? fill + s : s + fill;
}

std::string renderGrid(const std::vector<std::vector<std::string>>& rows)
{
    std::vector<std::size_t> widths;
    for (const auto& r : rows)
        for (std::size_t c = 0; c < r.size(); ++c) {
            std::size_t shown = 0;
            for (unsigned char ch : r[c]) shown += (ch & 0xC0) != 0x80;
            if (widths.size() <= c) widths.resize(c + 1, 0);
            widths[c] = std::max(widths[c], shown);
        }
    std::string out;
    for (const auto& r : rows) {
        for (std::size_t c = 0; c < r.size(); ++c) out += (c ? "  " : "") + pad(r[c], widths[c], c > 0);
        out += "\n";
    }
    return out;
}

std::string cellText(const Interval& i, double scale, bool signedMean = false) { return compareCellText(i, scale, signedMean); }
const char* latencyMeaning(LatencySource s) { return latencySourceMeaning(s); }

nlohmann::json numberOrNull(double v) { return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v); }


std::size_t columnOf(const CompareTable& t, const std::string& key)
{
    for (std::size_t c = 0; c < t.columns.size(); ++c)
        if (t.columns[c].key == key) return c;
    return t.columns.size();
}

std::size_t runsWithSome(const std::vector<double>& values)
{
    return static_cast<std::size_t>(std::count_if(values.begin(), values.end(), [](double v) { return v > 0; }));
}

} // namespace

std::string compareCellText(const Interval& i, double scale, bool signedMean)
{
    if (i.n == 0) return "–";
    std::string mean = num(i.mean * scale);
    if (signedMean && i.mean > 0) mean = "+" + mean;
    return std::isnan(i.halfWidth) ? mean : fmt::format("{} ± {}", mean, num(i.halfWidth * scale));
}

const char* latencySourceMeaning(LatencySource s)
{
    switch (s) {
    case LatencySource::Users: return "the users' requests, sent -> answered";
    case LatencySource::Flows: return "end to end per flow, the producer's event -> its last effect";
    case LatencySource::Groups: return "consumer groups, event created -> effect applied";
    }
    return "";
}

std::string compareToText(const CompareTable& t)
{
    std::string out = fmt::format("{} — {}\n", t.scenarioId, t.title);
    const char* rowWord = t.sweepKey.empty() ? "variant" : "row";
    out += fmt::format("{} runs: {} {}{} × {} seed{} ({}{}), paired; mean ± 95% half-width (Student's t)\n",
                       t.runsDone, t.variants.size(), rowWord, t.variants.size() == 1 ? "" : "s", t.seeds.size(),
                       t.seeds.size() == 1 ? "" : "s", t.seeds.empty() ? 0 : t.seeds.front(),
                       t.seeds.size() > 1 ? fmt::format("..{}", t.seeds.back()) : std::string());
    if (t.runsDone < t.runsPlanned) out += fmt::format("only {} of {} runs finished\n", t.runsDone, t.runsPlanned);
    if (!t.sets.empty()) out += fmt::format("--set {}\n", fmt::join(t.sets, " "));
    if (!t.sweepKey.empty())
        out += fmt::format("sweep {} over {} .. {}\n", t.sweepKey, t.rowPoints.front(), t.rowPoints.back());
    out += fmt::format("latency: {} ({}); * best, ! worst in a column\n", latencySourceName(t.latencySource),
                       latencyMeaning(t.latencySource));
    const std::size_t recovery = columnOf(t, "recovery_s"), unrecovered = columnOf(t, "unrecovered");
    if (unrecovered < t.columns.size())
        out += fmt::format("recovery: seconds from a failure's end until every group's lag is at most {} s and stays "
                           "so (a run's slowest failure); unrecovered: failures it never came back from\n",
                           num(t.recoveryLag));
    out += "\n";

    std::vector<std::vector<std::string>> grid;
    std::vector<std::string> header{rowWord};
    for (const CompareColumn& c : t.columns) header.push_back(c.label);
    grid.push_back(header);
    for (std::size_t v = 0; v < t.variants.size(); ++v) {
        std::vector<std::string> row{t.variants[v]};
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
            const CompareCell& cell = t.cells[v][c];
            std::string text = cellText(cell.interval, t.columns[c].textScale);
            // A run that never recovered has no recovery time: say how many, so the mean is not read as theirs.
            if (c == recovery && unrecovered < t.columns.size())
                if (const std::size_t never = runsWithSome(t.cells[v][unrecovered].values))
                    text += fmt::format(" ({} never)", never);
            row.push_back(text + (cell.best ? " *" : cell.worst ? " !" : "  "));
        }
        grid.push_back(row);
    }
    out += renderGrid(grid);

    if (t.variants.size() > 1) {
        out += fmt::format("\npaired differences, {} − {} (same seeds), mean ± 95% half-width\n\n", rowWord,
                           t.variants[t.baseline]);
        std::vector<std::vector<std::string>> diff{header};
        for (std::size_t v = 0; v < t.variants.size(); ++v) {
            if (v == t.baseline) continue;
            std::vector<std::string> row{t.variants[v]};
            for (std::size_t c = 0; c < t.columns.size(); ++c)
                row.push_back(cellText(t.differences[v][c], t.columns[c].textScale, true));
            diff.push_back(row);
        }
        out += renderGrid(diff);
    }
    return out;
}

nlohmann::json compareToJson(const CompareTable& t)
{
    using nlohmann::json;
    json j;
    j["schema"] = "eventscape.compare/1";
    j["scenario"] = {{"id", t.scenarioId}, {"title", t.title}, {"path", t.scenarioPath}};
    j["sets"] = t.sets;
    j["seeds"] = t.seeds;
    j["confidence"] = 0.95;
    j["latency_source"] = latencySourceName(t.latencySource);
    j["recovery_lag_s"] = t.recoveryLag;
    j["variants"] = t.variants;
    j["sweep"] = t.sweepKey.empty() ? json(nullptr) : json{{"key", t.sweepKey}};
    j["baseline"] = t.variants.empty() ? std::string() : t.variants[t.baseline];
    j["runs"] = {{"done", t.runsDone}, {"planned", t.runsPlanned}};
    json columns = json::array();
    for (const CompareColumn& c : t.columns)
        columns.push_back({{"key", c.key}, {"better", c.better == Better::Lower ? "lower" : "higher"}});
    j["columns"] = columns;
    json rows = json::array(), diffs = json::array();
    for (std::size_t v = 0; v < t.variants.size(); ++v)
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
            const CompareCell& cell = t.cells[v][c];
            const Interval& i = cell.interval;
            json values = json::array();
            for (double x : cell.values) values.push_back(numberOrNull(x));
            json row = {{"variant", t.variants[v]}, {"column", t.columns[c].key}, {"mean", numberOrNull(i.mean)},
                        {"ci_low", numberOrNull(i.low())}, {"ci_high", numberOrNull(i.high())},
                        {"stddev", numberOrNull(i.stddev)}, {"n", i.n}, {"best", cell.best},
                        {"worst", cell.worst}, {"values", values}};
            if (!t.sweepKey.empty()) {
                row["of_variant"] = t.rowVariants[v];
                row["point"] = t.rowPoints[v];
            }
            rows.push_back(std::move(row));
            const Interval& d = t.differences[v][c];
            diffs.push_back({{"variant", t.variants[v]}, {"baseline", t.variants[t.baseline]},
                             {"column", t.columns[c].key}, {"mean", numberOrNull(d.mean)},
                             {"ci_low", numberOrNull(d.low())}, {"ci_high", numberOrNull(d.high())}, {"n", d.n}});
        }
    j["rows"] = rows;
    j["differences"] = diffs;
    return j;
}

std::string compareToCsv(const CompareTable& t)
{
    std::string out = "variant,column,better,mean,ci_low,ci_high,n,best,worst,baseline,diff_mean,diff_ci_low,"
                      "diff_ci_high,diff_n\n";
    for (std::size_t v = 0; v < t.variants.size(); ++v)
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
            const CompareCell& cell = t.cells[v][c];
            const Interval& i = cell.interval;
            const Interval& d = t.differences[v][c];
            out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", csvField(t.variants[v]), t.columns[c].key,
                               t.columns[c].better == Better::Lower ? "lower" : "higher", csvNumber(i.mean),
                               csvNumber(i.low()), csvNumber(i.high()), i.n, cell.best ? 1 : 0, cell.worst ? 1 : 0,
                               csvField(t.variants[t.baseline]), csvNumber(d.mean), csvNumber(d.low()),
                               csvNumber(d.high()), d.n);
        }
    return out;
}

std::string compareCurveCsv(const CompareTable& t)
{
    std::string out = fmt::format("variant,{},column,mean,ci_low,ci_high,n\n", csvField(t.sweepKey));
    for (std::size_t v = 0; v < t.variants.size(); ++v)
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
            const Interval& i = t.cells[v][c].interval;
            out += fmt::format("{},{},{},{},{},{},{}\n", csvField(t.rowVariants[v]), csvField(t.rowPoints[v]),
                               t.columns[c].key, csvNumber(i.mean), csvNumber(i.low()), csvNumber(i.high()), i.n);
        }
    return out;
}

} // namespace es

#include "compare/CompareExport.h"

#include "compare/CompareFormat.h"
#include "compare/SeedBands.h"
#include "compare/SweepAnalysis.h"
#include "store/CsvExport.h"
#include "store/SqliteHandle.h"

#include <fmt/format.h>

#include <filesystem>
#include <set>

namespace fs = std::filesystem;

namespace es {

namespace {

void makeFolder(const fs::path& dir)
{
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec || !fs::is_directory(dir))
        throw StoreError(fmt::format("{}: cannot create the export folder: {}", dir.string(),
                                     ec ? ec.message() : std::string("not a folder")));
}

// NAME.csv, or NAME-2.csv, NAME-3.csv, ... for names that sanitise alike (as exportRunCsv does).
std::string uniqueCsvName(std::set<std::string>& used, const std::string& name)
{
    const std::string base = csvFileNameFor(name);
    std::string file = base;
    for (int n = 2; !used.insert(file).second; ++n) file = base.substr(0, base.size() - 4) + "-" + std::to_string(n) + ".csv";
    return file;
}

} // namespace

std::string compareSeriesFolder(const std::string& variant, std::uint64_t seed)
{
    const std::string file = csvFileNameFor(fmt::format("{}-seed{}", variant, seed)); // sanitised, ".csv"
    return file.substr(0, file.size() - 4);
}

std::vector<std::string> writeCompareExport(const std::string& dir, const Replications& reps, const CompareTable& table,
                                            const std::vector<RunOutcome>& outcomes)
{
    makeFolder(dir);
    std::vector<std::string> written;
    const fs::path csv = fs::path(dir) / "table.csv", json = fs::path(dir) / "table.json";
    writeTextFile(csv.string(), compareToCsv(table));
    writeTextFile(json.string(), compareToJson(table).dump(2) + "\n");
    written.push_back(csv.string());
    written.push_back(json.string());
    if (!table.sweepKey.empty()) {
        const fs::path curve = fs::path(dir) / "curve.csv";
        writeTextFile(curve.string(), compareCurveCsv(table));
        written.push_back(curve.string());
        const fs::path sweep = fs::path(dir) / "sweep.json";
        writeTextFile(sweep.string(), sweepToJson(analyseSweep(reps, table), table).dump(2) + "\n");
        written.push_back(sweep.string());
    }
    for (const RowBands& row : seedBands(table.variants.size(), outcomes)) {
        if (row.series.empty()) continue;
        const std::string folder = csvFileNameFor(table.variants[row.row]);
        const fs::path rowDir = fs::path(dir) / "bands" / folder.substr(0, folder.size() - 4);
        makeFolder(rowDir);
        std::set<std::string> used;
        for (const SeedBand& b : row.series) {
            const std::string file = uniqueCsvName(used, b.name);
            writeTextFile((rowDir / file).string(), seedBandCsv(b));
            written.push_back((rowDir / file).string());
        }
    }

    for (const RunOutcome& o : outcomes) {
        if (!o.done || !o.series) continue;
        const fs::path runDir = fs::path(dir) / "series" / compareSeriesFolder(table.variants[o.task.row], o.task.seed);
        makeFolder(runDir);
        const TimeSeriesSet& s = *o.series;
        std::set<std::string> used;
        for (std::size_t c = 0; c < s.seriesCount(); ++c) {
            StoredSeries one;
            one.name = s.name(c);
            for (std::size_t r = 0; r < s.rowCount(); ++r) {
                one.times.push_back(toSeconds(s.timeAt(r)));
                one.values.push_back(s.valueAt(r, c));
            }
            const fs::path path = runDir / uniqueCsvName(used, one.name);
            writeSeriesCsv(path.string(), one);
            written.push_back(path.string());
        }
    }
    return written;
}

} // namespace es

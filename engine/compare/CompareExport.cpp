#include "compare/CompareExport.h"

#include "compare/CompareFormat.h"
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

} // namespace

std::string compareSeriesFolder(const std::string& variant, std::uint64_t seed)
{
    const std::string file = csvFileNameFor(fmt::format("{}-seed{}", variant, seed)); // sanitised, ".csv"
    return file.substr(0, file.size() - 4);
}

std::vector<std::string> writeCompareExport(const std::string& dir, const CompareTable& table,
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
            const std::string base = csvFileNameFor(one.name);
            std::string file = base;
            for (int n = 2; !used.insert(file).second; ++n) // as exportRunCsv: name-2.csv, ...
                file = base.substr(0, base.size() - 4) + "-" + std::to_string(n) + ".csv";
            const fs::path path = runDir / file;
            writeSeriesCsv(path.string(), one);
            written.push_back(path.string());
        }
    }
    return written;
}

} // namespace es

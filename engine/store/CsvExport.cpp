#include "store/CsvExport.h"

#include <fmt/format.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>

namespace fs = std::filesystem;

namespace es {

std::string csvField(const std::string& s)
{
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + '"';
}

std::string csvNumber(double v) { return std::isnan(v) ? std::string() : fmt::format("{}", v); }

namespace {

class CsvFile {
public:
    explicit CsvFile(const fs::path& path) : path_(path), out_(path, std::ios::binary | std::ios::trunc)
    {
        if (!out_) fail();
    }
    std::ofstream& out() { return out_; }
    void close()
    {
        out_.close();
        if (!out_) fail();
    }

private:
    [[noreturn]] void fail() const
    {
        throw StoreError(fmt::format("{}: cannot write: {}", path_.string(), std::strerror(errno)));
    }
    fs::path path_;
    std::ofstream out_;
};

} // namespace

std::string csvFileNameFor(const std::string& seriesName)
{
    std::string name;
    for (char c : seriesName) {
        const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                          c == '_' || c == '-';
        name += safe ? c : '_';
    }
    if (name.empty() || name[0] == '.') name = std::string(1, '_') + name; // no hidden files, no "." or ".."
    return name + ".csv";
}

void writeSeriesCsv(const std::string& path, const StoredSeries& s)
{
    CsvFile f(path);
    f.out() << "t_s," << csvField(s.name) << '\n';
    for (std::size_t r = 0; r < s.times.size(); ++r) f.out() << csvNumber(s.times[r]) << ',' << csvNumber(s.values[r]) << '\n';
    f.close();
}

void writeTextFile(const std::string& path, const std::string& text)
{
    CsvFile f(path);
    f.out() << text;
    f.close();
}

std::vector<std::string> exportRunCsv(RunStore& store, std::int64_t runId, const std::string& dir)
{
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec || !fs::is_directory(dir))
        throw StoreError(fmt::format("{}: cannot create the export folder: {}", dir,
                                     ec ? ec.message() : std::string("not a folder")));
    std::vector<std::string> written;
    std::set<std::string> used = {"failures.csv", "trace.csv"};

    for (const StoredSeries& s : store.loadSeries(runId)) {
        const std::string base = csvFileNameFor(s.name);
        std::string file = base;
        for (int n = 2; !used.insert(file).second; ++n) // two names that sanitise alike: name-2.csv, ...
            file = base.substr(0, base.size() - 4) + "-" + std::to_string(n) + ".csv";
        const fs::path path = fs::path(dir) / file;
        writeSeriesCsv(path.string(), s);
        written.push_back(path.string());
    }

    {
        const fs::path path = fs::path(dir) / "failures.csv";
        CsvFile f(path);
        f.out() << "at_s,target,what\n";
        for (const FailureEvent& e : store.loadFailures(runId))
            f.out() << csvNumber(e.at) << ',' << csvField(e.target) << ',' << csvField(e.what) << '\n';
        f.close();
        written.push_back(path.string());
    }

    if (store.traceRowCount(runId) > 0) {
        const fs::path path = fs::path(dir) / "trace.csv";
        CsvFile f(path);
        f.out() << "seq,t_ns,component,kind,a,b\n";
        store.forEachTraceRow(runId, [&](const StoredTraceRow& r) {
            f.out() << r.seq << ',' << r.time << ',' << csvField(r.component) << ',' << r.kind << ',' << r.a << ','
                    << r.b << '\n';
        });
        f.close();
        written.push_back(path.string());
    }
    return written;
}

} // namespace es

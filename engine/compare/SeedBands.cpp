#include "compare/SeedBands.h"

#include "store/CsvExport.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <unordered_map>

namespace es {

namespace {

struct Accumulator {
    double sum = 0, low = std::numeric_limits<double>::infinity(), high = -std::numeric_limits<double>::infinity();
    int n = 0;
    void add(double v)
    {
        if (!std::isfinite(v)) return;
        sum += v;
        low = std::min(low, v);
        high = std::max(high, v);
        ++n;
    }
};

} // namespace

std::vector<RowBands> seedBands(std::size_t rows, const std::vector<RunOutcome>& outcomes)
{
    std::vector<RowBands> out(rows);
    // [row][series name] -> time -> accumulator; the first run's order of names is kept.
    std::vector<std::vector<std::string>> order(rows);
    std::vector<std::unordered_map<std::string, std::map<SimTime, Accumulator>>> acc(rows);
    for (std::size_t r = 0; r < rows; ++r) out[r].row = r;
    for (const RunOutcome& o : outcomes) {
        if (!o.done || !o.series || o.task.row >= rows) continue;
        const TimeSeriesSet& s = *o.series;
        const std::size_t r = o.task.row;
        ++out[r].runs;
        for (std::size_t c = 0; c < s.seriesCount(); ++c) {
            auto [it, fresh] = acc[r].try_emplace(s.name(c));
            if (fresh) order[r].push_back(s.name(c));
            for (std::size_t i = 0; i < s.rowCount(); ++i) it->second[s.timeAt(i)].add(s.valueAt(i, c));
        }
    }
    for (std::size_t r = 0; r < rows; ++r) {
        for (const std::string& name : order[r]) {
            SeedBand b;
            b.name = name;
            for (const auto& [t, a] : acc[r][name]) {
                b.times.push_back(toSeconds(t));
                const bool any = a.n > 0;
                const double nan = std::numeric_limits<double>::quiet_NaN();
                b.mean.push_back(any ? a.sum / a.n : nan);
                b.low.push_back(any ? a.low : nan);
                b.high.push_back(any ? a.high : nan);
                b.seeds.push_back(a.n);
            }
            out[r].series.push_back(std::move(b));
        }
    }
    return out;
}

std::string seedBandCsv(const SeedBand& band)
{
    std::string out = "t_s,mean,min,max,seeds\n";
    for (std::size_t i = 0; i < band.times.size(); ++i)
        out += fmt::format("{},{},{},{},{}\n", band.times[i], csvNumber(band.mean[i]), csvNumber(band.low[i]),
                          csvNumber(band.high[i]), band.seeds[i]);
    return out;
}

} // namespace es

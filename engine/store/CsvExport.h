#pragma once
// Export of a stored run to CSV files in a folder: one file per time series (header `t_s,<name>`,
// file name = the series name with characters unsafe in file names replaced by '_'), failures.csv
// (`at_s,target,what`), and trace.csv (`seq,t_ns,component,kind,a,b`) when the run was traced.
#include "store/RunStore.h"

#include <string>
#include <vector>

namespace es {

// The file name (without folder) used for a series; exposed for tests and the CLI's listing.
std::string csvFileNameFor(const std::string& seriesName);

// A CSV field, quoted when it holds a comma, quote or line break.
std::string csvField(const std::string& s);
// Shortest text that reads back as the same double; NaN as an empty field.
std::string csvNumber(double v);
// One series as `t_s,<name>` and a row per sample (shared with the comparison export).
void writeSeriesCsv(const std::string& path, const StoredSeries& series);
// Writes `text` to `path` (replacing it). Both throw a StoreError naming the file.
void writeTextFile(const std::string& path, const std::string& text);

// Writes the files (creating `dir` when needed, overwriting files of the same names) and returns
// their paths. Throws a StoreError naming the folder or file when one cannot be written.
std::vector<std::string> exportRunCsv(RunStore& store, std::int64_t runId, const std::string& dir);

} // namespace es

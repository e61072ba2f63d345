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

// Writes the files (creating `dir` when needed, overwriting files of the same names) and returns
// their paths. Throws a StoreError naming the folder or file when one cannot be written.
std::vector<std::string> exportRunCsv(RunStore& store, std::int64_t runId, const std::string& dir);

} // namespace es

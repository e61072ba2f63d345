#pragma once
// `eventscape-cli export RUN --png DIR / --svg DIR / --pdf DIR`: a stored run's charts drawn with
// the window's chart code (ui/charts: StoredRunCharts, ChartExport). Only this command starts Qt (a
// QApplication on the offscreen platform), so `run` and `validate` stay fast and need no display.
// Built only with the window's libraries (EVENTSCAPE_BUILD_UI); without them the options say so.
#include <string>
#include <vector>

namespace es {
class Replications;
class RunStore;
struct CompareTable;
struct RunOutcome;
struct RunRecord;
} // namespace es

namespace cli {

struct ChartExportRequest {
    std::string pngDir, svgDir, pdfDir; // empty: that format is not asked for
    std::string size = "1600x900";      // WIDTHxHEIGHT in pixels
    int dpi = 96;                       // PNG
    bool allCharts = false;             // every chart, not only the scenario's `charts:`
    bool any() const { return !pngDir.empty() || !svgDir.empty() || !pdfDir.empty(); }
};

// Prints the files written on stdout; returns the exit code (0, or 2 with the reason on stderr).
int exportStoredRunCharts(es::RunStore& store, const es::RunRecord& run, const ChartExportRequest& request);

// `compare --export DIR`: the comparison's charts (DIR/charts/*.png|svg|pdf) and its report
// (DIR/report.html, DIR/report.pdf), ui/report. Returns how many files were written, and puts the
// first failure's message on stderr (the CSV and JSON files are already written by then).
int exportComparisonReport(const std::string& dir, const es::Replications& reps, const es::CompareTable& table,
                           const std::vector<es::RunOutcome>& outcomes);

} // namespace cli

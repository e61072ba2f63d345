#pragma once
// What every time chart marks besides its lines: the scenario's failure periods (shaded and
// labelled), the lesson's notes (numbered ticks on the time axis), the current simulated time (a
// cursor) and, on exported charts, a caption naming the scenario, variant and seed.
#include <QString>

#include <cstddef>
#include <vector>

namespace es {
struct Scenario;
struct FailureSpec;
}

namespace esui {

struct ChartBand {
    double t0 = 0, t1 = 0; // seconds
    QString label;         // "crash indexer"
};

struct ChartNote {
    double t = 0;
    QString text;
};

struct ChartMarks {
    std::vector<ChartBand> failures;
    std::vector<ChartNote> notes;
    double cursor = -1;    // seconds; < 0: none
    QString caption;       // empty: none
};

// The failures and notes of a scenario; a failure without an end lasts until `endSeconds`.
ChartMarks marksFromScenario(const es::Scenario& sc, double endSeconds);
// The bands of a run's failures as they stand at simulated time `now`: the scenario's (the first
// `fromScenario`) as marksFromScenario draws them, then those injected by hand, labelled so; one by
// hand that has no end yet runs up to `now`.
std::vector<ChartBand> failureBands(const std::vector<es::FailureSpec>& failures, std::size_t fromScenario, double endSeconds,
                                    double now);
// "Consumer catch-up — variant base, seed 3" for the exported caption.
QString captionFor(const es::Scenario& sc);

} // namespace esui

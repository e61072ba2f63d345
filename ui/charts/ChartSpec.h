#pragma once
// What one chart shows, in the project's own terms (no Qt Charts type): a title, the y axis (and an
// optional second one on the right), and the sampled series drawn as lines. The rest of the window
// and the command line describe charts with this; only ChartFigure knows how Qt Charts draws them.
#include <QString>

#include <string>
#include <vector>

namespace esui {

struct ChartLine {
    std::string series; // a name in the ChartStore, e.g. "indexer.lag_messages" (distribution: the group)
    QString label;      // in the legend
    int axis = 0;       // 0: left y axis, 1: right y axis
};

// A horizontal reference line across the whole time axis (a theory's value, a run's mean), dashed.
struct ChartReference {
    QString label;
    double value = 0;
    int axis = 0;
};

// Time: lines over simulated time from the store's sampled series (with the failure, note and cursor
// marks). Distribution: each line is a consumer group's latency distribution of the run so far (a
// CDF on a logarithmic latency axis, p50/p95/p99 marked), from the store's distributions.
enum class ChartKind { Time, Distribution };

struct ChartSpec {
    QString id;         // short and file-name safe: "lag-messages"; exported as <id>.png
    QString title;
    QString yTitle;     // with its unit: "lag (messages)"
    QString y2Title;    // empty: one y axis
    std::vector<ChartLine> lines;
    std::vector<ChartReference> references;
    ChartKind kind = ChartKind::Time;
};

} // namespace esui

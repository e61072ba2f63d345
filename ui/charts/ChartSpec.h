#pragma once
// What one chart shows, in the project's own terms (no Qt Charts type): a title, the y axis (and an
// optional second one on the right), and the sampled series drawn as lines. The rest of the window
// and the command line describe charts with this; only ChartFigure knows how Qt Charts draws them.
#include <QString>

#include <limits>

#include <string>
#include <vector>

namespace esui {

struct ChartLine {
    std::string series; // a name in the ChartStore, e.g. "indexer.lag_messages" (distribution: the group)
    QString label;      // in the legend
    int axis = 0;       // 0: left y axis, 1: right y axis
    // A band around the line, shaded in its colour: the lowest and highest series (e.g. the spread
    // of a comparison's seeds, or a confidence interval). Empty: no band.
    std::string bandLow{}, bandHigh{};
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
    // Time charts: the x axis's title when x is not simulated time (a sweep's value), empty: time.
    QString xTitle{};
    // Each y axis's range always covers [low, high] (NaN: only the data); [0] left, [1] right. Small
    // multiples give every panel the union of their data, so they share their axes.
    struct Cover {
        double low = std::numeric_limits<double>::quiet_NaN();
        double high = std::numeric_limits<double>::quiet_NaN();
    };
    Cover yCover[2] = {};
    // The left y axis goes no higher than this (NaN: no limit): a sweep's latency past the tipping
    // point runs off the top instead of flattening every stable point into the floor.
    double yLimit = std::numeric_limits<double>::quiet_NaN();
};

} // namespace esui

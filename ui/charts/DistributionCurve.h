#pragma once
// What the distribution chart draws for one consumer group, as plain points (no Qt Charts type):
// the cumulative distribution of its latencies so far (x: seconds, y: % of events at or below) and
// its p50/p95/p99 as marks on the curve, with a legend label that names them. The percentiles come
// from es::LatencyDistribution, by the same rule as the run summary's.
#include "metrics/LatencyDistribution.h"

#include <QList>
#include <QPointF>
#include <QString>

#include <array>

namespace esui {

inline constexpr std::array<double, 3> kDistributionQuantiles{0.50, 0.95, 0.99};

struct DistributionCurve {
    QList<QPointF> points; // (seconds, percent), increasing in both
    QList<QPointF> marks;  // (p_q seconds, q * 100) for each of kDistributionQuantiles
    QString label;         // "indexer: p50 12 ms · p95 40 ms · p99 81 ms"
};

// The curve of `d`; values of 0 s are drawn at `floorSeconds` (a logarithmic axis has no 0).
DistributionCurve distributionCurve(const es::LatencyDistribution& d, const QString& group, double floorSeconds = 1e-6);

// "850 µs", "12.3 ms", "1.52 s": three significant digits in the unit that reads best.
QString formatDuration(double seconds);

} // namespace esui

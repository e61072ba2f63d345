#include "charts/DistributionCurve.h"

#include <QObject>

#include <algorithm>

namespace esui {

QString formatDuration(double s)
{
    if (s < 1e-3) return QObject::tr("%1 µs").arg(s * 1e6, 0, 'g', 3);
    if (s < 1) return QObject::tr("%1 ms").arg(s * 1e3, 0, 'g', 3);
    return QObject::tr("%1 s").arg(s, 0, 'g', 3);
}

DistributionCurve distributionCurve(const es::LatencyDistribution& d, const QString& group, double floorSeconds)
{
    DistributionCurve c;
    c.label = group;
    if (d.count == 0) return c;
    for (const es::LatencyDistribution::CdfPoint& p : d.cdf()) {
        const double x = std::max(p.seconds, floorSeconds);
        // Several buckets below the floor collapse onto it: keep the highest share there.
        if (!c.points.isEmpty() && c.points.back().x() >= x) c.points.back().setY(std::max(c.points.back().y(), p.share * 100));
        else c.points.append(QPointF(x, p.share * 100));
    }
    QStringList parts;
    for (double q : kDistributionQuantiles) {
        const double v = d.quantileSeconds(q);
        c.marks.append(QPointF(std::max(v, floorSeconds), q * 100));
        parts << QObject::tr("p%1 %2").arg(q * 100, 0, 'g', 3).arg(formatDuration(v));
    }
    c.label = QObject::tr("%1: %2").arg(group, parts.join(QStringLiteral(" · ")));
    return c;
}

} // namespace esui

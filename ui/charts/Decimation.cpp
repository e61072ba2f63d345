#include "charts/Decimation.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace esui {

void decimateMinMax(const SeriesBuffer& buf, double t0, double t1, int columns, QList<QPointF>& out)
{
    out.clear();
    if (buf.empty() || !(t1 > t0)) return;
    columns = std::max(columns, 1);
    std::size_t i = buf.lowerBound(t0);
    if (i > 0) {
        const SeriesPoint& p = buf[i - 1];
        out.append({p.t, p.v});
    }
    const double perColumn = (t1 - t0) / columns;
    const std::size_t n = buf.size();
    // Walk the points once; a column ends at a precomputed boundary (no division per point).
    // The last column ends at t1 inclusive: "t < the next double after t1", one comparison per point.
    const double last = std::nextafter(t1, std::numeric_limits<double>::infinity());
    const SeriesPoint* pts = &buf[0];
    while (i < n && pts[i].t <= t1) {
        const int column = std::min(columns - 1, static_cast<int>((pts[i].t - t0) / perColumn));
        const double end = column == columns - 1 ? last : t0 + (column + 1) * perColumn;
        std::size_t lo = i, hi = i;
        double vlo = pts[i].v, vhi = vlo;
        std::size_t k = i + 1;
        for (; k < n && pts[k].t < end; ++k) {
            const double v = pts[k].v;
            if (v < vlo) vlo = v, lo = k;
            if (v > vhi) vhi = v, hi = k;
        }
        const std::size_t a = std::min(lo, hi), b = std::max(lo, hi);
        out.append({buf[a].t, buf[a].v});
        if (b != a) out.append({buf[b].t, buf[b].v});
        i = k;
    }
    // The newest point in the range is always drawn as it is: the line ends on the current value.
    if (i > 0 && buf[i - 1].t >= t0 && (out.isEmpty() || out.back().x() != buf[i - 1].t)) out.append({buf[i - 1].t, buf[i - 1].v});
    if (i < n) out.append({buf[i].t, buf[i].v});
}

void decimateEnvelope(const SeriesBuffer& buf, double t0, double t1, int columns, Envelope edge, QList<QPointF>& out)
{
    out.clear();
    if (buf.empty() || !(t1 > t0)) return;
    columns = std::max(columns, 1);
    const bool upper = edge == Envelope::Upper;
    std::size_t i = buf.lowerBound(t0);
    if (i > 0 && std::isfinite(buf[i - 1].v)) out.append({buf[i - 1].t, buf[i - 1].v});
    const double perColumn = (t1 - t0) / columns;
    const std::size_t n = buf.size();
    while (i < n && buf[i].t <= t1) {
        const int column = std::min(columns - 1, static_cast<int>((buf[i].t - t0) / perColumn));
        const double end = column == columns - 1 ? std::nextafter(t1, std::numeric_limits<double>::infinity())
                                                 : t0 + (column + 1) * perColumn;
        std::size_t best = n;
        for (; i < n && buf[i].t < end; ++i) {
            const double v = buf[i].v;
            if (!std::isfinite(v)) continue;
            if (best == n || (upper ? v > buf[best].v : v < buf[best].v)) best = i;
        }
        if (best != n) out.append({buf[best].t, buf[best].v});
    }
    if (i < n && std::isfinite(buf[i].v)) out.append({buf[i].t, buf[i].v});
}

} // namespace esui

#include "charts/Decimation.h"

#include <algorithm>
#include <cmath>

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
    while (i < n && buf[i].t <= t1) {
        const int column = std::min(columns - 1, static_cast<int>((buf[i].t - t0) / perColumn));
        const double end = column == columns - 1 ? t1 : t0 + (column + 1) * perColumn;
        std::size_t lo = i, hi = i;
        double vlo = buf[i].v, vhi = vlo;
        std::size_t k = i + 1;
        for (; k < n; ++k) {
            const SeriesPoint& p = buf[k];
            if (column == columns - 1 ? p.t > t1 : p.t >= end) break;
            if (p.v < vlo) vlo = p.v, lo = k;
            if (p.v > vhi) vhi = p.v, hi = k;
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

} // namespace esui

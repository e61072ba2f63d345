#pragma once
// Min/max decimation for drawing (as PlotJuggler and most scopes do): the points of a series inside
// a time range are split into pixel columns, and each column contributes its lowest and its highest
// point, in time order. A line through them looks the same as one through every point, and costs at
// most two points per column however long the run. The last point before the range and the first
// after it are kept too, so the line reaches the plot's edges, and so is the newest point inside it,
// so the line ends on the current value.
#include "charts/SeriesBuffer.h"

#include <QList>
#include <QPointF>

namespace esui {

// Replaces `out` with the decimated points of `buf` in [t0, t1] for `columns` pixel columns:
// at most 2 * columns + 3 points.
void decimateMinMax(const SeriesBuffer& buf, double t0, double t1, int columns, QList<QPointF>& out);

// One edge of a shaded band: per pixel column only the extreme point outwards (the lowest for the
// band's lower edge, the highest for its upper edge), so the decimated band covers every point and
// its two edges never cross. At most columns + 2 points. NaN points are skipped.
enum class Envelope { Lower, Upper };
void decimateEnvelope(const SeriesBuffer& buf, double t0, double t1, int columns, Envelope edge, QList<QPointF>& out);

} // namespace esui

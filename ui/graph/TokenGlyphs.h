#pragma once
// How a message token looks, shared by the token layer (which caches each look as a sprite) and the
// legend (which explains them). The fill is the event type's colour; the kind of hop changes the
// shape: a plain disc for a delivery, a disc in an amber ring for a redelivery, two overlapping
// discs for a duplicate, a square with a cross for a dead-lettered message, and a hollow red-crossed
// ring for a dropped one, so the five differ in shape, not only in colour.
#include "graph/GraphPalette.h"
#include "model/FlowRecorder.h"

#include <QColor>
#include <QRectF>

class QPainter;

namespace esui {

// A categorical colour per event type index (well apart in hue; lighter on a dark background).
QColor eventTypeColour(int type, bool dark);

// Paints the token for `kind` in `r` (a square), filled with `fill`.
void paintTokenGlyph(QPainter* p, const QRectF& r, const QColor& fill, es::HopKind kind, const GraphPalette& palette);

} // namespace esui

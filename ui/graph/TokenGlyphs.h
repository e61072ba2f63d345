#pragma once
// How a message token looks, shared by the token layer (which caches each look as a sprite) and the
// legend (which explains them). The fill is the event type's colour; the kind of hop changes the
// shape: a plain disc for a delivery, a disc in an amber ring for a redelivery, two overlapping
// discs for a duplicate, a square with a cross for a dead-lettered message, and a hollow red-crossed
// ring for a dropped one, so the five differ in shape, not only in colour. Synchronous calls are
// diamonds, apart from every message: a filled one for a request going out, a hollow one with a green
// (answered) or red (an error came back) centre for the response coming back, a red cross on a
// white disc for a call the caller gave up on, and a red no-entry sign for a call refused or
// rejected at once (a 503).
#include "graph/GraphPalette.h"
#include "model/FlowRecorder.h"

#include <QColor>
#include <QRectF>

class QPainter;

namespace esui {

// A categorical colour per event type index (well apart in hue; lighter on a dark background).
QColor eventTypeColour(int type, bool dark);

// Paints the token for `kind` in `r` (a square), filled with `fill`.
// `failed`: a call response that carries an error.
void paintTokenGlyph(QPainter* p, const QRectF& r, const QColor& fill, es::HopKind kind, const GraphPalette& palette,
                     bool failed = false);

} // namespace esui

#pragma once
// The graph's colours, derived from the application palette so the view follows light and dark
// themes: fills are the base colour tinted with a per-kind accent, text is the palette's text colour.
#include "sim/ServiceGraph.h"

#include <QColor>

namespace esui {

struct GraphPalette {
    QColor base, text, muted, track, downFill, selection, edge;
    QColor danger{0xd3, 0x2f, 0x2f};
    QColor warning{0xf0, 0xa0, 0x20};
    bool dark = false;

    static GraphPalette current();
    QColor accent(NodeKind k) const;
    QColor fill(NodeKind k) const;
};

QColor blend(const QColor& a, const QColor& b, double t);

} // namespace esui

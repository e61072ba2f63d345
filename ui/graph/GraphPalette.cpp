#include "graph/GraphPalette.h"

#include <QApplication>
#include <QPalette>

namespace esui {

QColor blend(const QColor& a, const QColor& b, double t)
{
    return QColor::fromRgbF(static_cast<float>(a.redF() + (b.redF() - a.redF()) * t),
                            static_cast<float>(a.greenF() + (b.greenF() - a.greenF()) * t),
                            static_cast<float>(a.blueF() + (b.blueF() - a.blueF()) * t));
}

GraphPalette GraphPalette::current()
{
    const QPalette p = QApplication::palette();
    GraphPalette g;
    g.base = p.color(QPalette::Base);
    g.text = p.color(QPalette::Text);
    g.dark = g.base.lightnessF() < 0.5;
    g.muted = blend(g.base, g.text, 0.45);
    g.track = blend(g.base, g.text, 0.10);
    g.downFill = blend(g.base, QColor(128, 128, 128), 0.30);
    g.selection = p.color(QPalette::Highlight);
    g.edge = blend(g.base, g.text, 0.55);
    return g;
}

QColor GraphPalette::accent(NodeKind k) const
{
    // Hues far apart, so kinds differ by colour as well as by shape; lighter on a dark background.
    QColor c;
    switch (k) {
    case NodeKind::Producer: c = QColor(0x2e, 0x8b, 0x57); break;
    case NodeKind::Consumer: c = QColor(0x4a, 0x6f, 0xa5); break;
    case NodeKind::Queue: c = QColor(0x1f, 0x7a, 0xc8); break;
    case NodeKind::Topic: c = QColor(0x8e, 0x44, 0xad); break;
    case NodeKind::Log: c = QColor(0xc8, 0x6b, 0x12); break;
    case NodeKind::Bus: c = QColor(0x12, 0x8c, 0x8c); break;
    case NodeKind::DeadLetters: c = QColor(0xa3, 0x2d, 0x2d); break; // where failures end up: red-brown
    }
    return dark ? c.lighter(150) : c;
}

QColor GraphPalette::fill(NodeKind k) const { return blend(base, accent(k), dark ? 0.22 : 0.12); }

} // namespace esui

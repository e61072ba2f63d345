#include "graph/TokenGlyphs.h"

#include <QPainter>
#include <QPainterPath>

#include <array>

namespace esui {

QColor eventTypeColour(int type, bool dark)
{
    // Ten hues in an order that keeps neighbours apart (types are numbered in the order they appear,
    // so the first two or three types of a lesson get the most distinct colours).
    static constexpr std::array<QRgb, 10> kHues = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd,
                                                   0x8c564b, 0xe377c2, 0x17becf, 0xbcbd22, 0x7f7f7f};
    const QColor c = QColor::fromRgb(kHues[static_cast<std::size_t>(type) % kHues.size()]);
    return dark ? c.lighter(135) : c;
}

namespace {

QPolygonF diamond(const QRectF& r)
{
    return QPolygonF({QPointF(r.center().x(), r.top()), QPointF(r.right(), r.center().y()),
                      QPointF(r.center().x(), r.bottom()), QPointF(r.left(), r.center().y())});
}

const QColor kAnswered(0x2e, 0x9d, 0x4f);

} // namespace

void paintTokenGlyph(QPainter* p, const QRectF& r, const QColor& fill, es::HopKind kind, const GraphPalette& palette,
                     bool failed)
{
    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    const QColor outline = palette.dark ? fill.lighter(160) : fill.darker(170);
    const double w = r.width();
    switch (kind) {
    case es::HopKind::Deliver: {
        p->setPen(QPen(outline, w * 0.08));
        p->setBrush(fill);
        p->drawEllipse(r.adjusted(w * 0.2, w * 0.2, -w * 0.2, -w * 0.2));
        break;
    }
    case es::HopKind::Redelivery: {
        p->setPen(QPen(palette.warning, w * 0.14));
        p->setBrush(Qt::NoBrush);
        p->drawEllipse(r.adjusted(w * 0.08, w * 0.08, -w * 0.08, -w * 0.08));
        p->setPen(QPen(outline, w * 0.06));
        p->setBrush(fill);
        p->drawEllipse(r.adjusted(w * 0.28, w * 0.28, -w * 0.28, -w * 0.28));
        break;
    }
    case es::HopKind::Duplicate: {
        p->setPen(QPen(outline, w * 0.07));
        p->setBrush(fill);
        const QRectF a(r.left() + w * 0.05, r.top() + w * 0.25, w * 0.55, w * 0.55);
        p->drawEllipse(a);
        p->drawEllipse(a.translated(w * 0.35, -w * 0.15));
        break;
    }
    case es::HopKind::DeadLetter: {
        const QRectF sq = r.adjusted(w * 0.15, w * 0.15, -w * 0.15, -w * 0.15);
        p->setPen(QPen(outline, w * 0.08));
        p->setBrush(fill);
        p->drawRect(sq);
        p->setPen(QPen(palette.text, w * 0.1, Qt::SolidLine, Qt::RoundCap));
        const QRectF x = sq.adjusted(w * 0.14, w * 0.14, -w * 0.14, -w * 0.14);
        p->drawLine(x.topLeft(), x.bottomRight());
        p->drawLine(x.topRight(), x.bottomLeft());
        break;
    }
    case es::HopKind::Dropped: {
        p->setPen(QPen(fill, w * 0.1, Qt::DashLine));
        p->setBrush(Qt::NoBrush);
        p->drawEllipse(r.adjusted(w * 0.15, w * 0.15, -w * 0.15, -w * 0.15));
        p->setPen(QPen(palette.danger, w * 0.13, Qt::SolidLine, Qt::RoundCap));
        const QRectF x = r.adjusted(w * 0.3, w * 0.3, -w * 0.3, -w * 0.3);
        p->drawLine(x.topLeft(), x.bottomRight());
        p->drawLine(x.topRight(), x.bottomLeft());
        break;
    }
    case es::HopKind::CallRequest: {
        p->setPen(QPen(outline, w * 0.08));
        p->setBrush(fill);
        p->drawPolygon(diamond(r.adjusted(w * 0.08, w * 0.08, -w * 0.08, -w * 0.08)));
        break;
    }
    case es::HopKind::CallResponse: {
        p->setPen(QPen(fill, w * 0.12));
        p->setBrush(palette.base);
        p->drawPolygon(diamond(r.adjusted(w * 0.1, w * 0.1, -w * 0.1, -w * 0.1)));
        p->setPen(Qt::NoPen);
        p->setBrush(failed ? palette.danger : kAnswered);
        p->drawEllipse(r.center(), w * 0.16, w * 0.16);
        break;
    }
    case es::HopKind::CallTimeout: {
        p->setPen(QPen(palette.danger, w * 0.07));
        p->setBrush(palette.base);
        p->drawEllipse(r.adjusted(w * 0.04, w * 0.04, -w * 0.04, -w * 0.04));
        p->setPen(QPen(palette.danger, w * 0.14, Qt::SolidLine, Qt::RoundCap));
        const QRectF x = r.adjusted(w * 0.28, w * 0.28, -w * 0.28, -w * 0.28);
        p->drawLine(x.topLeft(), x.bottomRight());
        p->drawLine(x.topRight(), x.bottomLeft());
        break;
    }
    case es::HopKind::CallRejected: {
        p->setPen(Qt::NoPen);
        p->setBrush(palette.danger);
        p->drawEllipse(r.adjusted(w * 0.04, w * 0.04, -w * 0.04, -w * 0.04));
        p->setBrush(Qt::white);
        p->drawRect(QRectF(r.left() + w * 0.22, r.center().y() - w * 0.08, w * 0.56, w * 0.16));
        break;
    }
    }
    p->restore();
}

} // namespace esui

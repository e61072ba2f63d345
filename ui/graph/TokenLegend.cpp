#include "graph/TokenLegend.h"

#include "graph/GraphPalette.h"
#include "graph/TokenGlyphs.h"

#include <QPainter>

namespace esui {

namespace {

constexpr int kRow = 18, kPad = 8, kGlyph = 13;

struct KindRow {
    es::HopKind kind;
    const char* text;
};
constexpr KindRow kKinds[] = {
    {es::HopKind::Deliver, QT_TRANSLATE_NOOP("TokenLegend", "delivery")},
    {es::HopKind::Redelivery, QT_TRANSLATE_NOOP("TokenLegend", "redelivery")},
    {es::HopKind::Duplicate, QT_TRANSLATE_NOOP("TokenLegend", "duplicate copy")},
    {es::HopKind::DeadLetter, QT_TRANSLATE_NOOP("TokenLegend", "dead-lettered")},
    {es::HopKind::Dropped, QT_TRANSLATE_NOOP("TokenLegend", "dropped")},
};
constexpr KindRow kCallKinds[] = {
    {es::HopKind::CallRequest, QT_TRANSLATE_NOOP("TokenLegend", "request")},
    {es::HopKind::CallResponse, QT_TRANSLATE_NOOP("TokenLegend", "response (red: an error)")},
    {es::HopKind::CallTimeout, QT_TRANSLATE_NOOP("TokenLegend", "caller gave up (timeout)")},
    {es::HopKind::CallRejected, QT_TRANSLATE_NOOP("TokenLegend", "refused / rejected (503)")},
};

} // namespace

TokenLegend::TokenLegend(QWidget* parent) : QWidget(parent)
{
    setAttribute(Qt::WA_TransparentForMouseEvents); // never steals a click from the graph
    setObjectName(QStringLiteral("tokenLegend"));
    resize(sizeHint());
}

void TokenLegend::setTypeNames(const std::vector<std::string>& names)
{
    // Types are interned as a run meets them and never renamed: only a new one changes the legend,
    // so the check per frame is a size comparison.
    if (static_cast<qsizetype>(names.size()) == types_.size()) return;
    types_.clear();
    for (const std::string& n : names) types_ << QString::fromStdString(n);
    resize(sizeHint());
    update();
}

void TokenLegend::setShowsMessages(bool on)
{
    if (on == messages_) return;
    messages_ = on;
    resize(sizeHint());
    update();
}

void TokenLegend::setShowsCalls(bool on)
{
    if (on == calls_) return;
    calls_ = on;
    resize(sizeHint());
    update();
}

QSize TokenLegend::sizeHint() const
{
    const QFontMetrics fm(font());
    int w = fm.horizontalAdvance(messages_ ? tr("band: many messages, per simulated second") : tr("response (red: an error)"));
    for (const QString& t : types_) w = std::max(w, fm.horizontalAdvance(t));
    if (calls_)
        for (const KindRow& k : kCallKinds) w = std::max(w, fm.horizontalAdvance(tr(k.text)));
    int rows = 1 + static_cast<int>(types_.size());
    if (messages_) rows += static_cast<int>(std::size(kKinds)) + 1;
    if (calls_) rows += 1 + static_cast<int>(std::size(kCallKinds));
    return {w + kGlyph + 3 * kPad, rows * kRow + 2 * kPad};
}

void TokenLegend::paintEvent(QPaintEvent*)
{
    const GraphPalette pal = GraphPalette::current();
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    QColor bg = pal.base;
    bg.setAlphaF(0.88f);
    p.setPen(QPen(pal.track, 1));
    p.setBrush(bg);
    p.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 5, 5);

    int y = kPad;
    auto row = [&](const QString& text, auto&& glyph) {
        glyph(QRectF(kPad, y + (kRow - kGlyph) / 2.0, kGlyph, kGlyph));
        p.setPen(pal.text);
        p.drawText(QRect(kPad * 2 + kGlyph, y, width() - kGlyph - 3 * kPad, kRow), Qt::AlignVCenter | Qt::AlignLeft, text);
        y += kRow;
    };
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(pal.text);
    p.drawText(QRect(kPad, y, width() - 2 * kPad, kRow), Qt::AlignVCenter, messages_ ? tr("Messages") : tr("Event types"));
    y += kRow;
    p.setFont(font());
    const QColor neutral = pal.muted;
    if (messages_)
        for (const KindRow& k : kKinds)
            row(tr(k.text), [&](const QRectF& r) { paintTokenGlyph(&p, r, neutral, k.kind, pal); });
    for (int t = 0; t < types_.size(); ++t)
        row(types_[t], [&](const QRectF& r) {
            paintTokenGlyph(&p, r, eventTypeColour(t, pal.dark), messages_ ? es::HopKind::Deliver : es::HopKind::CallRequest, pal);
        });
    if (messages_) row(tr("band: many messages, per simulated second"), [&](const QRectF& r) {
        QColor band = eventTypeColour(0, pal.dark);
        band.setAlphaF(0.5f);
        p.setPen(QPen(band, 6, Qt::SolidLine, Qt::FlatCap));
        p.drawLine(QPointF(r.left(), r.center().y()), QPointF(r.right(), r.center().y()));
    });
    if (!calls_) return;
    p.setFont(bold);
    p.setPen(pal.text);
    p.drawText(QRect(kPad, y, width() - 2 * kPad, kRow), Qt::AlignVCenter, tr("Calls"));
    y += kRow;
    p.setFont(font());
    for (const KindRow& k : kCallKinds)
        row(tr(k.text), [&](const QRectF& r) { paintTokenGlyph(&p, r, neutral, k.kind, pal); });
}

} // namespace esui

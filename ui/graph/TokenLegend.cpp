#include "graph/TokenLegend.h"

#include "graph/GraphPalette.h"
#include "graph/TokenGlyphs.h"

#include <QEvent>
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
    {es::HopKind::Duplicate, QT_TRANSLATE_NOOP("TokenLegend", "duplicate")},
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
    relayout();
}

void TokenLegend::relayout()
{
    cache_ = QPixmap();
    resize(sizeHint());
    update();
}

void TokenLegend::setMaxWidth(int w)
{
    if (w == maxWidth_) return;
    maxWidth_ = std::max(200, w);
    relayout();
}

void TokenLegend::setTypeNames(const std::vector<std::string>& names)
{
    // Types are interned as a run meets them and never renamed: only a new one changes the legend,
    // so the check per frame is a size comparison.
    if (static_cast<qsizetype>(names.size()) == types_.size()) return;
    types_.clear();
    for (const std::string& n : names) types_ << QString::fromStdString(n);
    relayout();
}

void TokenLegend::setShowsMessages(bool on)
{
    if (on == messages_) return;
    messages_ = on;
    relayout();
}

void TokenLegend::setShowsCalls(bool on)
{
    if (on == calls_) return;
    calls_ = on;
    relayout();
}

std::vector<TokenLegend::Entry> TokenLegend::entries() const
{
    std::vector<Entry> out;
    auto add = [&out](QString text, bool heading, int kind = -1, int type = -1) {
        Entry e;
        e.text = std::move(text);
        e.heading = heading;
        e.kind = kind;
        e.type = type;
        out.push_back(std::move(e));
    };
    // A heading only where two groups need telling apart (messages and calls): a lone "Messages" is
    // a word the strip's one line at 1280 px cannot spare.
    if (calls_ || !messages_) add(messages_ ? tr("Messages") : tr("Event types"), true);
    if (messages_)
        for (const KindRow& k : kKinds) add(tr(k.text), false, static_cast<int>(k.kind));
    for (int t = 0; t < types_.size(); ++t)
        add(types_[t], false, static_cast<int>(messages_ ? es::HopKind::Deliver : es::HopKind::CallRequest), t);
    if (messages_) add(tr("band: busy edge, msg/s"), false, -2); // short: the strip fits one line at 1280 px
    if (calls_) {
        add(tr("Calls"), true);
        for (const KindRow& k : kCallKinds) add(tr(k.text), false, static_cast<int>(k.kind));
    }
    return out;
}

QSize TokenLegend::flow(std::vector<Entry>& entries) const
{
    const QFontMetrics fm(font());
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics fmBold(bold);
    int x = kPad, y = kPad, widest = 0;
    for (Entry& e : entries) {
        const int w = (e.heading ? fmBold.horizontalAdvance(e.text) : kGlyph + kPad / 2 + fm.horizontalAdvance(e.text)) + 2 * kPad;
        // A heading starts a row of its own kind only when the row is already busy with another kind.
        if (x > kPad && x + w > maxWidth_ - kPad) {
            x = kPad;
            y += kRow;
        }
        e.place = QRect(x, y, w, kRow);
        x += w;
        widest = std::max(widest, x);
    }
    return {widest + kPad, y + kRow + kPad};
}

QSize TokenLegend::sizeHint() const
{
    std::vector<Entry> e = entries();
    return flow(e);
}

void TokenLegend::paintEvent(QPaintEvent*)
{
    const bool dark = GraphPalette::current().dark;
    const qreal ratio = devicePixelRatioF();
    if (cache_.isNull() || cache_.deviceIndependentSize() != QSizeF(size()) || cache_.devicePixelRatio() != ratio || cacheDark_ != dark) {
        cache_ = QPixmap(size() * ratio);
        cache_.setDevicePixelRatio(ratio);
        cache_.fill(Qt::transparent);
        QPainter p(&cache_);
        render(p);
        cacheDark_ = dark;
    }
    QPainter(this).drawPixmap(0, 0, cache_);
}

void TokenLegend::changeEvent(QEvent* e)
{
    QWidget::changeEvent(e);
    if (e->type() == QEvent::FontChange || e->type() == QEvent::PaletteChange) relayout();
}

void TokenLegend::render(QPainter& p) const
{
    const GraphPalette pal = GraphPalette::current();
    p.setRenderHint(QPainter::Antialiasing);
    QColor bg = pal.base;
    bg.setAlphaF(0.88f);
    p.setPen(QPen(pal.track, 1));
    p.setBrush(bg);
    p.drawRoundedRect(QRectF(QPointF(0, 0), QSizeF(size())).adjusted(0.5, 0.5, -0.5, -0.5), 5, 5);
    std::vector<Entry> list = entries();
    flow(list);
    QFont bold = font();
    bold.setBold(true);
    const QColor neutral = pal.muted;
    for (const Entry& e : list) {
        if (e.heading) {
            p.setFont(bold);
            p.setPen(pal.text);
            p.drawText(e.place, Qt::AlignVCenter | Qt::AlignLeft, e.text);
            p.setFont(font());
            continue;
        }
        const QRectF glyph(e.place.left(), e.place.top() + (kRow - kGlyph) / 2.0, kGlyph, kGlyph);
        if (e.kind == -2) {
            QColor band = eventTypeColour(0, pal.dark);
            band.setAlphaF(0.5f);
            p.setPen(QPen(band, 6, Qt::SolidLine, Qt::FlatCap));
            p.drawLine(QPointF(glyph.left(), glyph.center().y()), QPointF(glyph.right(), glyph.center().y()));
        } else {
            const QColor colour = e.type >= 0 ? eventTypeColour(e.type, pal.dark) : neutral;
            paintTokenGlyph(&p, glyph, colour, static_cast<es::HopKind>(e.kind), pal);
        }
        p.setPen(pal.text);
        p.drawText(e.place.adjusted(kGlyph + kPad / 2, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft, e.text);
    }
}

} // namespace esui

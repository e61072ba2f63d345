#include "journey/SequenceDiagram.h"

#include "run/JourneyFormat.h"

#include <QEvent>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace esui {

namespace {

constexpr double kMinLaneSpacing = 170;
constexpr double kMaxLaneSpacing = 340;
constexpr double kGapSeconds = 0.5; // a quieter stretch than this between two steps gets its own row
constexpr double kMargin = 12;

QString str(const std::string& s) { return QString::fromStdString(s); }

QString laneName(const es::Journey& j, std::uint32_t lane)
{
    if (lane & SequenceLayout::kDeadLetters)
        return QObject::tr("%1 dead letters").arg(str(j.nodeName(static_cast<std::uint16_t>(lane & 0xffff))));
    return str(j.nodeName(static_cast<std::uint16_t>(lane)));
}

// What the row's arrow or mark says; which event it happened to is in the column on the left (a
// journey mixes the root event and the events its handling caused).
QString rowLabel(const es::Journey& j, const es::JourneyStep& s) { return str(es::stepWhat(j, s)); }

} // namespace

QColor stepColour(es::StepKind kind)
{
    switch (kind) {
    case es::StepKind::Deliver: return QColor(45, 55, 72);
    case es::StepKind::Redelivery: return QColor(214, 120, 0);
    case es::StepKind::Duplicate: return QColor(128, 60, 170);
    case es::StepKind::DeadLetter:
    case es::StepKind::Dropped:
    case es::StepKind::AttemptFailed:
    case es::StepKind::CallTimeout:
    case es::StepKind::CallRejected: return QColor(200, 40, 40);
    case es::StepKind::CallRequest:
    case es::StepKind::CallResponse: return QColor(30, 100, 200);
    case es::StepKind::Handled: return QColor(30, 140, 70);
    case es::StepKind::Deduplicated: return QColor(128, 60, 170);
    case es::StepKind::RetryScheduled: return QColor(120, 120, 120);
    }
    return Qt::black;
}

SequenceLayout layOutSequence(const es::Journey& j, const QFont& font)
{
    SequenceLayout l;
    const QFontMetricsF fm(font);
    auto addLane = [&](std::uint32_t lane) {
        if (std::find(l.lanes.begin(), l.lanes.end(), lane) == l.lanes.end()) l.lanes.push_back(lane);
    };
    for (const es::JourneyStep& s : j.steps) {
        addLane(s.from);
        addLane(s.to);
        if (s.kind == es::StepKind::DeadLetter) addLane(SequenceLayout::kDeadLetters | s.from);
    }
    auto laneIndex = [&](std::uint32_t lane) {
        return static_cast<double>(std::find(l.lanes.begin(), l.lanes.end(), lane) - l.lanes.begin());
    };
    // Wide enough for every lane's name, and for each hop's words between the lanes it joins.
    double spacing = kMinLaneSpacing;
    for (std::uint32_t lane : l.lanes) spacing = std::max(spacing, fm.horizontalAdvance(laneName(j, lane)) + 36);
    for (const es::JourneyStep& s : j.steps) {
        const std::uint32_t to = s.kind == es::StepKind::DeadLetter ? SequenceLayout::kDeadLetters | s.from : s.to;
        const double lanesApart = std::abs(laneIndex(to) - laneIndex(s.from));
        if (lanesApart > 0) spacing = std::max(spacing, std::min(kMaxLaneSpacing, (fm.horizontalAdvance(rowLabel(j, s)) + 24) / lanesApart));
    }
    double eventWidth = 0;
    for (const es::JourneyStep& s : j.steps) eventWidth = std::max(eventWidth, fm.horizontalAdvance(str(es::stepEvent(j, s))));
    l.eventX = fm.horizontalAdvance(QStringLiteral("0000.000000 s")) + 2 * kMargin;
    l.timeWidth = l.eventX + eventWidth + 2 * kMargin;
    l.headerHeight = fm.height() * 2.2 + kMargin;
    l.rowHeight = std::ceil(fm.height() * 1.9);
    for (std::size_t i = 0; i < l.lanes.size(); ++i) l.laneX.push_back(l.timeWidth + spacing * (static_cast<double>(i) + 0.5));
    double y = l.headerHeight + l.rowHeight * 0.5;
    for (std::size_t i = 0; i < j.steps.size(); ++i) {
        if (i > 0) {
            const double gap = es::toSeconds(j.steps[i].at - j.steps[i - 1].at);
            if (gap > kGapSeconds) {
                l.rows.push_back({-1, gap, y - l.rowHeight * 0.2});
                y += l.rowHeight * 0.6;
            }
        }
        l.rows.push_back({static_cast<int>(i), 0, y});
        y += l.rowHeight;
    }
    // The last lane's marks write to their right: room for one label.
    double labels = 0;
    for (const es::JourneyStep& s : j.steps) labels = std::max(labels, fm.horizontalAdvance(rowLabel(j, s)));
    const double right = l.laneX.empty() ? l.timeWidth : l.laneX.back() + std::min(labels, spacing * 1.6) + kMargin;
    l.size = QSizeF(std::max(right, l.timeWidth + spacing), y + kMargin);
    return l;
}

void paintSequence(QPainter& p, const es::Journey& j, const SequenceLayout& l, const QFont& font)
{
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.setFont(font);
    const QFontMetricsF fm(font);
    const QColor ink(40, 44, 52), faint(150, 155, 165);
    const double bottom = l.size.height() - kMargin;
    const double spacing = l.laneX.size() > 1 ? l.laneX[1] - l.laneX[0] : kMinLaneSpacing;

    // Lanes: the node's name in a box (brokers shaded) and a dashed lifeline.
    for (std::size_t i = 0; i < l.lanes.size(); ++i) {
        const QString name = laneName(j, l.lanes[i]);
        const bool broker = (l.lanes[i] & SequenceLayout::kDeadLetters) || (l.lanes[i] < j.nodes.size() && j.nodes[l.lanes[i]].broker);
        const double w = fm.horizontalAdvance(name) + 20;
        const QRectF box(l.laneX[i] - w / 2, kMargin, w, fm.height() * 1.6);
        p.setPen(QPen(ink, 1));
        p.setBrush(broker ? QColor(232, 238, 248) : QColor(248, 248, 250));
        p.drawRoundedRect(box, 4, 4);
        p.drawText(box, Qt::AlignCenter, name);
        p.setPen(QPen(faint, 1, Qt::DashLine));
        p.drawLine(QPointF(l.laneX[i], box.bottom()), QPointF(l.laneX[i], bottom));
    }
    auto laneOf = [&](std::uint32_t n) {
        const auto it = std::find(l.lanes.begin(), l.lanes.end(), n);
        return l.laneX[static_cast<std::size_t>(it - l.lanes.begin())];
    };

    for (const SequenceLayout::Row& row : l.rows) {
        if (row.step < 0) { // a quiet stretch
            p.setPen(faint);
            p.drawText(QRectF(kMargin, row.y - fm.height() / 2, l.size.width(), fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                       QObject::tr("… %1 s later").arg(row.gap, 0, 'f', 3));
            continue;
        }
        const es::JourneyStep& s = j.steps[static_cast<std::size_t>(row.step)];
        const QColor c = stepColour(s.kind);
        p.setPen(ink);
        p.drawText(QRectF(kMargin, row.y - fm.height() / 2, l.eventX - 2 * kMargin, fm.height()), Qt::AlignRight | Qt::AlignVCenter,
                   QStringLiteral("%1 s").arg(es::toSeconds(s.at), 0, 'f', 6));
        // The event, when it is another than the row above's.
        const int i = row.step;
        if (i == 0 || j.steps[static_cast<std::size_t>(i - 1)].envelope.eventId != s.envelope.eventId) {
            p.setPen(faint.darker(140));
            p.drawText(QRectF(l.eventX, row.y - fm.height() / 2, l.timeWidth - l.eventX, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                       str(es::stepEvent(j, s)));
        }
        const QString label = rowLabel(j, s);
        // A dead letter travels from its queue into the queue's dead letters.
        const bool deadLetter = s.kind == es::StepKind::DeadLetter;
        const double x0 = laneOf(s.from), x1 = deadLetter ? laneOf(SequenceLayout::kDeadLetters | s.from) : laneOf(s.to);
        if (s.from != s.to || deadLetter) {
            // An arrow from lane to lane; a call's answer and a redelivery dashed, so they read apart.
            const bool dashed = s.kind == es::StepKind::CallResponse || s.kind == es::StepKind::Redelivery ||
                                s.kind == es::StepKind::Duplicate;
            const double y = row.y + fm.height() * 0.35;
            p.setPen(QPen(c, 1.6, dashed ? Qt::DashLine : Qt::SolidLine));
            p.drawLine(QPointF(x0, y), QPointF(x1, y));
            const double dir = x1 > x0 ? 1 : -1;
            QPainterPath head;
            head.moveTo(x1, y);
            head.lineTo(x1 - dir * 8, y - 4);
            head.lineTo(x1 - dir * 8, y + 4);
            head.closeSubpath();
            p.fillPath(head, c);
            const double width = std::abs(x1 - x0) - 8;
            p.setPen(c);
            p.drawText(QRectF(std::min(x0, x1) + 4, row.y - fm.height() * 0.85, width, fm.height()), Qt::AlignCenter,
                       fm.elidedText(label, Qt::ElideRight, width));
        } else {
            // At one node: a dot on its lane, the words to its right.
            p.setPen(Qt::NoPen);
            p.setBrush(c);
            p.drawEllipse(QPointF(x0, row.y), 4.5, 4.5);
            const double width = std::max(60.0, l.size.width() - x0 - 10 - kMargin);
            const QString text = fm.elidedText(label, Qt::ElideRight, std::min(width, spacing * 1.6));
            const QRectF r(x0 + 10, row.y - fm.height() / 2, fm.horizontalAdvance(text) + 4, fm.height());
            p.fillRect(r, QColor(255, 255, 255, 220)); // readable across the lifelines it crosses
            p.setPen(c);
            p.drawText(r, Qt::AlignLeft | Qt::AlignVCenter, text);
        }
    }
    p.restore();
}

SequenceDiagram::SequenceDiagram(QWidget* parent) : QWidget(parent)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    setBackgroundRole(QPalette::Base);
}

void SequenceDiagram::setJourney(es::Journey journey)
{
    journey_ = std::move(journey);
    layout_ = layOutSequence(journey_, font());
    setMinimumSize(layout_.size.toSize());
    updateGeometry();
    update();
}

QSize SequenceDiagram::sizeHint() const { return layout_.size.toSize().expandedTo(QSize(400, 200)); }

void SequenceDiagram::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), Qt::white);
    paintSequence(p, journey_, layout_, font());
}

void SequenceDiagram::changeEvent(QEvent* e)
{
    if (e->type() == QEvent::FontChange) setJourney(journey_); // presentation mode: a larger font
    QWidget::changeEvent(e);
}

} // namespace esui

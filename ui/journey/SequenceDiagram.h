#pragma once
// A message's journey as a sequence diagram: a lane per node it touched (left to right in the order
// it reached them), simulated time downwards one row per step, an arrow per hop (published,
// delivered, delivered again, a call and its answer) and a mark on the lane for what happened at one
// node (handled, attempt failed, retry, dead-lettered, lost). Long quiet stretches become a "… 4.4 s
// later" row. One painting function for the window and the exports (PaintedExport), so an SVG or
// PDF of it stays vector.
#include "model/journey/Journey.h"

#include <QColor>
#include <QFont>
#include <QSizeF>
#include <QWidget>

#include <vector>

class QPainter;

namespace esui {

struct SequenceLayout {
    // Each lane's node index, or kDeadLetters | node for that node's dead-letter queue (a lane of
    // its own, where dead-lettered messages end, as the graph draws it).
    static constexpr std::uint32_t kDeadLetters = 0x10000;
    std::vector<std::uint32_t> lanes;
    std::vector<double> laneX;        // the lane's centre
    double eventX = 0;                // where the event column starts (after the times)
    double timeWidth = 0, headerHeight = 0, rowHeight = 0; // timeWidth: both columns
    struct Row {
        int step = -1;       // index into the journey's steps; -1: a gap row
        double gap = 0;      // a gap row: simulated seconds since the step above
        double y = 0;        // the row's middle
    };
    std::vector<Row> rows;
    QSizeF size;
};

SequenceLayout layOutSequence(const es::Journey& journey, const QFont& font);
// Paints `layout` of `journey` with its top left at (0, 0).
void paintSequence(QPainter& p, const es::Journey& journey, const SequenceLayout& layout, const QFont& font);
// The colour a step's arrow or mark is drawn in (shared with its legend).
QColor stepColour(es::StepKind kind);

class SequenceDiagram : public QWidget {
    Q_OBJECT
public:
    explicit SequenceDiagram(QWidget* parent = nullptr);
    void setJourney(es::Journey journey);
    const es::Journey& journey() const { return journey_; }
    const SequenceLayout& layout() const { return layout_; }
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent*) override;
    void changeEvent(QEvent* e) override;

private:
    es::Journey journey_;
    SequenceLayout layout_;
};

} // namespace esui

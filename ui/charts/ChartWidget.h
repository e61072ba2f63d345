#pragma once
// A ChartFigure on screen: a graphics view over the figure's scene, kept at the view's size. Its
// context menu offers "Export chart…" (PNG, SVG or PDF, through ChartExport).
#include "charts/ChartFigure.h"

#include <QGraphicsView>

namespace esui {

class ChartWidget : public QGraphicsView {
    Q_OBJECT
public:
    explicit ChartWidget(ChartSpec spec, QWidget* parent = nullptr);
    ChartFigure& figure() { return figure_; }
    const ChartFigure& figure() const { return figure_; }

signals:
    void resized();           // the plot has another width: the lines need decimating again
    void exportRequested();   // the context menu's "Export chart…"

protected:
    void resizeEvent(QResizeEvent* e) override;
    void contextMenuEvent(QContextMenuEvent* e) override;

private:
    ChartFigure figure_;
};

} // namespace esui

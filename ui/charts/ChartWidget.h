#pragma once
// A ChartFigure on screen: a graphics view over the figure's scene, kept at the view's size. Its
// context menu is filled by whoever listens to contextMenuRequested (the window's
// ChartExportActions: export as PNG, SVG, PDF or CSV, copy), so this class knows no file dialog. On a time chart,
// Ctrl+wheel zooms the time axis around the pointer, a drag pans it and a double-click goes back to
// following the run: the widget only reports them; the charts dock moves every chart's axis at once.
#include "charts/ChartFigure.h"

#include <QGraphicsView>
#include <QMenu> // complete: a signal argument



#include <optional>

namespace esui {

class ChartWidget : public QGraphicsView {
    Q_OBJECT
public:
    explicit ChartWidget(ChartSpec spec, QWidget* parent = nullptr);
    ChartFigure& figure() { return figure_; }
    const ChartFigure& figure() const { return figure_; }

signals:
    void resized();           // the plot has another width: the lines need decimating again
    // A right click: add actions to `menu` (shown when not empty after the signal returns).
    void contextMenuRequested(QMenu* menu);
    // Zoom the time axis by `factor` (< 1: in) keeping simulated time `around` where it is.
    void zoomRequested(double around, double factor);
    void panRequested(double dt); // move the time axis by dt seconds
    void followRequested();       // back to following the run

protected:
    void resizeEvent(QResizeEvent* e) override;
    void contextMenuEvent(QContextMenuEvent* e) override;
    void wheelEvent(QWheelEvent* e) override;
    void mousePressEvent(QMouseEvent* e) override;
    void mouseMoveEvent(QMouseEvent* e) override;
    void mouseReleaseEvent(QMouseEvent* e) override;
    void mouseDoubleClickEvent(QMouseEvent* e) override;

private:
    bool isTimeChart() const { return figure_.spec().kind == ChartKind::Time; }
    bool inPlot(const QPoint& viewPos) const;

    ChartFigure figure_;
    std::optional<double> dragFrom_; // scene x where a pan started
};

} // namespace esui

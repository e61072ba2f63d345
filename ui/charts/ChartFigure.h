#pragma once
// One chart as a figure: a ChartSpec drawn from a ChartStore over a time range, with the marks
// (failure bands, notes, cursor, caption). It owns a QGraphicsScene holding the chart, so the window
// shows it in a view and an export paints the very same scene onto any QPainter (image, SVG, PDF).
// Qt Charts stays inside the .cpp (deprecated in later Qt 6: this is the one place to replace).
#include "charts/ChartMarks.h"
#include "charts/ChartSpec.h"

#include <QRectF>
#include <QSizeF>

#include <functional>
#include <memory>
#include <vector>

class QGraphicsScene;
class QPainter;

namespace esui {

class ChartStore;
class SeriesSource;

class ChartFigure {
public:
    explicit ChartFigure(ChartSpec spec);
    ~ChartFigure();
    ChartFigure(const ChartFigure&) = delete;
    ChartFigure& operator=(const ChartFigure&) = delete;

    const ChartSpec& spec() const;
    void setMarks(const ChartMarks& marks);
    const ChartMarks& marks() const;
    // The time range on the x axis, in seconds.
    void setTimeRange(double t0, double t1);
    // Replaces every line's points in one go (QXYSeries::replace) with the store's points in the time
    // range, min/max-decimated to the plot's pixel columns; rescales the y axes.
    void refresh(const SeriesSource& store);
    // Only the marks changed (the cursor moved): repaints them, leaves the lines alone.
    void updateMarks();
    // Replaces the reference lines (drawn dashed after the data lines, in the y range).
    void setReferences(const std::vector<ChartReference>& refs);
    void setDark(bool dark);
    // The run before this one (another variant or seed of the same scenario) drawn dashed under each
    // line from `previous` (which must outlive the figure or the next call), named in the title, so
    // "compare with the sync variant" is read off one axis; nullptr removes it. Time charts only.
    void setPreviousRun(const ChartStore* previous, const QString& name);
    bool showsPreviousRun() const;
    int previousPointCount(int line) const; // for tests
    // Compact: for a dock a few hundred pixels wide (small fonts, no axis titles: the chart's title
    // names the unit). Exports are drawn full.
    void setCompact(bool compact);

    // Shows or hides line `line` (its legend entry stays, faded, so it can be clicked back on). A
    // hidden line does not count for the y range.
    void setLineVisible(int line, bool visible);
    bool lineVisible(int line) const;
    // Called with the line's index when its legend entry is clicked (after its visibility flipped).
    void setLegendToggled(std::function<void(int)> onToggle);
    // What a click on line `line`'s legend entry does: flips it and tells the callback.
    void toggleLine(int line);
    // The spec with only the lines shown now: what an export of this chart draws and writes (a line
    // the reader hid through the legend is left out of the PNG, SVG, PDF and CSV alike).
    ChartSpec shownSpec() const;

    // The plot area in scene units, and the simulated time at a scene x (time charts).
    QRectF plotArea() const;
    double timeAt(double sceneX) const;
    double rangeStart() const;
    double rangeEnd() const;

    // The figure's size in scene units (pixels when shown or exported 1:1).
    void resize(const QSizeF& size);
    QSizeF size() const;
    // Paints the whole figure into `target` (the figure is laid out at the target's size first).
    void paint(QPainter& painter, const QRectF& target);
    QGraphicsScene* scene() const;

    // For tests and hover: the points line `line` shows now, and its last value (NaN when empty).
    int pointCount(int line) const;
    // The points of line `line`'s band's upper edge (0 without a band).
    int bandPointCount(int line) const;
    double lastValue(int line) const;
    // The legend's text for line `line` (distribution charts: it names the percentiles).
    QString legendLabel(int line) const;
    // Distribution charts: the p50, p95 and p99 (seconds) marked on line `line`; empty otherwise.
    std::vector<double> percentiles(int line) const;
    // The plot area's pixel columns (what refresh() decimates to).
    int columns() const;

private:
    void applyLinePens(); // cosmetic 1 px in the dock, 2 px exported: see the definition
    struct Impl;
    std::unique_ptr<Impl> d_;
};

} // namespace esui

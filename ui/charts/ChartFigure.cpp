#include "charts/ChartFigure.h"

#include "charts/ChartBands.h"
#include "charts/ChartStore.h"
#include "charts/Decimation.h"
#include "charts/DistributionCurve.h"
#include "charts/MarksItem.h"

#include <QCursor>
#include <QGraphicsLayout>
#include <QToolTip>
#include <QGraphicsScene>
#include <QPainter>
#include <QtCharts/QChart>
#include <QtCharts/QLegend>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QLineSeries>
#include <QtCharts/QLogValueAxis>
#include <QtCharts/QScatterSeries>
#include <QtCharts/QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

namespace esui {

struct ChartFigure::Impl {
    ChartSpec spec;
    ChartMarks marks;
    QGraphicsScene scene;
    QChart* chart = nullptr; // owned by the scene
    QValueAxis* x = nullptr;       // time charts
    QLogValueAxis* logX = nullptr; // distribution charts: latency, logarithmic
    std::vector<QScatterSeries*> quantileMarks; // distribution charts: p50/p95/p99 per line
    QValueAxis* y[2] = {nullptr, nullptr};
    std::vector<QLineSeries*> lines;
    std::vector<QLineSeries*> refs;
    MarksItem* marksItem = nullptr;
    double t0 = 0, t1 = 1;
    bool compact = false;
    std::vector<bool> hidden;            // per line
    std::function<void(int)> onLegendToggled;
    int yTicks = 5;                     // time charts: the y tick count the plot's height asks for
    std::vector<QList<QPointF>> next;   // per line: the points refresh() decimated
    std::vector<char> changed;          // per line: differ from what the series holds
    // The run before this one (another variant or seed of the same file), dashed under each line.
    const ChartStore* ghostStore = nullptr;
    std::vector<QLineSeries*> ghosts;   // per line, when ghostStore is set
    std::vector<QList<QPointF>> ghostNext;
    std::vector<char> ghostChanged;
    std::unique_ptr<ChartBands> bands;  // time charts: the lines' shaded bands, when any has one

    void updateTicks();
    // Sets y axis `a` to the round range around [lo, hi] (as QValueAxis::applyNiceNumbers rounds it,
    // from the wanted tick count), touching the axis only where something differs. Returns whether
    // the range moved (every line on that axis is laid out again then).
    bool needsRange(int a, double lo, double hi, double* min, double* max, int* ticks) const;
    bool distribution() const { return spec.kind == ChartKind::Distribution; }
    void refreshDistribution(const SeriesSource& store);
};

namespace {

// 1, 2 or 5 times a power of ten, the smallest at least `raw`.
double niceStep(double raw)
{
    if (!(raw > 0)) return 1;
    const double p = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * p >= raw) return m * p;
    return 10 * p;
}

// The round range and tick count QValueAxis::applyNiceNumbers gives [min, max] for `ticks` ticks
// (Qt's loose nice numbers: a 1/2/5 × 10^k step), computed here so the axis is set once, and only
// when it moves: every range change lays out every line on the axis again.
double niceNumber(double x, bool ceiling)
{
    const double z = std::pow(10.0, std::floor(std::log10(x)));
    const double q = x / z;
    if (ceiling) return (q <= 1 ? 1 : q <= 2 ? 2 : q <= 5 ? 5 : 10) * z;
    return (q < 1.5 ? 1 : q < 3 ? 2 : q < 7 ? 5 : 10) * z;
}

void looseNiceNumbers(double& min, double& max, int& ticks)
{
    const double range = niceNumber(max - min, true);
    const double step = niceNumber(range / std::max(ticks - 1, 1), false);
    min = std::floor(min / step);
    max = std::ceil(max / step);
    ticks = static_cast<int>(max - min) + 1;
    min *= step;
    max *= step;
}

// Exactly equal (a refresh with nothing new leaves the series alone); NaNs equal each other.
bool same(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

bool samePoints(const QList<QPointF>& a, const QList<QPointF>& b)
{
    if (a.size() != b.size()) return false;
    for (qsizetype i = 0; i < a.size(); ++i)
        if (!same(a[i].x(), b[i].x()) || !same(a[i].y(), b[i].y())) return false;
    return true;
}

} // namespace

bool ChartFigure::Impl::needsRange(int a, double lo, double hi, double* min, double* max, int* ticks) const
{
    // Some head room, and a visible axis when everything is zero.
    *min = lo < 0 ? lo * 1.05 : 0.0;
    *max = hi > 0 ? hi * 1.05 : 1.0;
    *ticks = yTicks;
    looseNiceNumbers(*min, *max, *ticks); // round ticks: 0, 500, 1000, … rather than 0, 1.29e+03, …
    return y[a]->min() != *min || y[a]->max() != *max;
}

// Ticks every 1/2/5 × 10^k seconds, about one per 90 pixels, anchored at 0 so they read as round
// times; y ticks by the plot's height.
void ChartFigure::Impl::updateTicks()
{
    const QRectF plot = chart->plotArea();
    if (x) {
        const double perPixel = (t1 - t0) / std::max(plot.width(), 1.0);
        x->setTickType(QValueAxis::TicksDynamic);
        x->setTickAnchor(0);
        x->setTickInterval(niceStep(perPixel * (compact ? 70 : 100)));
    }
    if (distribution()) { // 0, 20, …, 100 %, or 0, 50, 100 in a small dock
        y[0]->setTickCount(plot.height() < 150 ? 3 : 6);
        return;
    }
    // Applied by refresh(), with the rounded range (rounding changes the count).
    yTicks = std::clamp(static_cast<int>(plot.height() / (compact ? 40 : 60)) + 1, 3, 7);
}

ChartFigure::ChartFigure(ChartSpec spec) : d_(std::make_unique<Impl>())
{
    d_->spec = std::move(spec);
    d_->chart = new QChart;
    d_->chart->setTitle(d_->spec.title);
    d_->chart->setAnimationOptions(QChart::NoAnimation); // data moves every frame: no tweening
    d_->chart->legend()->setAlignment(Qt::AlignBottom);
    d_->chart->setMargins(QMargins(4, 4, 4, 4));
    // Square corners: a rounded background is antialiased path filling on every repaint (7% of a
    // live chart's paint), for corners nobody looks at.
    d_->chart->setBackgroundRoundness(0);
    d_->scene.addItem(d_->chart);
    QAbstractAxis* xAxis = nullptr;
    if (d_->distribution()) {
        d_->logX = new QLogValueAxis;
        d_->logX->setBase(10);
        d_->logX->setTitleText(QObject::tr("latency, event creation to effect (s)"));
        d_->logX->setLabelFormat(QStringLiteral("%g"));
        d_->logX->setMinorTickCount(8); // 2 … 9 in every decade
        d_->logX->setRange(1e-3, 1);
        xAxis = d_->logX;
    } else {
        d_->x = new QValueAxis;
        d_->x->setTitleText(d_->spec.xTitle.isEmpty() ? QObject::tr("simulated time (s)") : d_->spec.xTitle);
        d_->x->setLabelFormat(d_->spec.xTitle.isEmpty() ? QStringLiteral("%.0f") : QStringLiteral("%g"));
        xAxis = d_->x;
    }
    d_->chart->addAxis(xAxis, Qt::AlignBottom);
    d_->y[0] = new QValueAxis;
    d_->y[0]->setTitleText(d_->spec.yTitle);
    d_->y[0]->setLabelFormat(QStringLiteral("%.3g"));
    d_->chart->addAxis(d_->y[0], Qt::AlignLeft);
    if (!d_->spec.y2Title.isEmpty()) {
        d_->y[1] = new QValueAxis;
        d_->y[1]->setTitleText(d_->spec.y2Title);
        d_->y[1]->setLabelFormat(QStringLiteral("%.3g"));
        d_->chart->addAxis(d_->y[1], Qt::AlignRight);
    }
    for (const ChartLine& l : d_->spec.lines) {
        auto* s = new QLineSeries;
        s->setName(l.label);
        s->setUseOpenGL(false); // OpenGL series do not export to SVG or PDF
        d_->chart->addSeries(s);
        s->attachAxis(xAxis);
        s->attachAxis(d_->y[l.axis == 1 && d_->y[1] ? 1 : 0]);
        d_->lines.push_back(s);
    }
    if (d_->distribution()) {
        d_->y[0]->setRange(0, 100);
        d_->y[0]->setLabelFormat(QStringLiteral("%.0f"));
        // The percentiles as dots on each curve, in the curve's colour; the legend names them.
        for (QLineSeries* line : d_->lines) {
            auto* m = new QScatterSeries;
            m->setMarkerSize(8);
            m->setColor(line->color());
            m->setBorderColor(line->color());
            d_->chart->addSeries(m);
            m->attachAxis(xAxis);
            m->attachAxis(d_->y[0]);
            for (QLegendMarker* lm : d_->chart->legend()->markers(m)) lm->setVisible(false);
            d_->quantileMarks.push_back(m);
        }
    }
    d_->hidden.assign(d_->lines.size(), false);
    if (!d_->distribution()) {
        d_->bands = std::make_unique<ChartBands>(d_->chart, xAxis, d_->y, d_->spec, d_->lines);
        if (d_->bands->empty()) d_->bands.reset();
    }
    // A click on a legend entry shows or hides its line (the usual way to thin a busy chart).
    for (std::size_t i = 0; i < d_->lines.size(); ++i)
        for (QLegendMarker* lm : d_->chart->legend()->markers(d_->lines[i]))
            QObject::connect(lm, &QLegendMarker::clicked, d_->chart, [this, i] { toggleLine(static_cast<int>(i)); });
    setReferences(d_->spec.references);
    d_->marksItem = new MarksItem(d_->chart, d_->x, &d_->marks); // no time axis: the caption only
    d_->scene.addItem(d_->marksItem);
    MarksItem* marks = d_->marksItem;
    QObject::connect(d_->chart, &QChart::plotAreaChanged, d_->chart, [marks] { marks->refresh(); });
    // Hover shows the exact value under the pointer (the lines are decimated, their points are real).
    for (std::size_t i = 0; i < d_->lines.size(); ++i) {
        QLineSeries* s = d_->lines[i];
        const bool dist = d_->distribution();
        QObject::connect(s, &QLineSeries::hovered, s, [s, dist](const QPointF& p, bool on) {
            if (!on) QToolTip::hideText();
            else if (dist) QToolTip::showText(QCursor::pos(), QObject::tr("%1\n%2% of events within %3").arg(s->name()).arg(p.y(), 0, 'f', 1).arg(formatDuration(p.x())));
            else QToolTip::showText(QCursor::pos(), QObject::tr("%1: %2 at t = %3 s").arg(s->name()).arg(p.y(), 0, 'g', 4).arg(p.x(), 0, 'f', 1));
        });
    }
    resize(QSizeF(640, 300));
    setTimeRange(0, 1);
}

ChartFigure::~ChartFigure() = default;

const ChartSpec& ChartFigure::spec() const { return d_->spec; }
const ChartMarks& ChartFigure::marks() const { return d_->marks; }
QGraphicsScene* ChartFigure::scene() const { return &d_->scene; }

void ChartFigure::setMarks(const ChartMarks& marks)
{
    const bool captionChanged = marks.caption.isEmpty() != d_->marks.caption.isEmpty();
    d_->marks = marks;
    if (captionChanged) // room under the legend for the caption line
        d_->chart->setMargins(QMargins(4, 4, 4, marks.caption.isEmpty() ? 4 : 4 + QFontMetrics(d_->chart->font()).height()));
    updateMarks();
}

void ChartFigure::updateMarks() { d_->marksItem->refresh(); }

void ChartFigure::setTimeRange(double t0, double t1)
{
    if (!(t1 > t0)) t1 = t0 + 1;
    const bool moved = t0 != d_->t0 || t1 != d_->t1;
    d_->t0 = t0;
    d_->t1 = t1;
    d_->updateTicks(); // first: the old interval over a much longer range would lay out thousands of ticks
    if (d_->x) {
        // A new range lays out every line's old points again (a stroke of the whole path each), and
        // refresh() then replaces them: empty the lines first, so each is laid out once per frame.
        if (moved) {
            for (QLineSeries* s : d_->lines)
                if (s->count() > 0) s->replace(QList<QPointF>{});
            for (QLineSeries* s : d_->ghosts)
                if (s->count() > 0) s->replace(QList<QPointF>{});
            if (d_->bands) d_->bands->clear();
        }
        d_->x->setRange(t0, t1);
    }
    updateMarks();
}

int ChartFigure::columns() const { return std::max(1, static_cast<int>(d_->chart->plotArea().width())); }

// Each line is a group's CDF; the latency axis spans whole decades around every group's values.
void ChartFigure::Impl::refreshDistribution(const SeriesSource& store)
{
    double lo = std::numeric_limits<double>::infinity(), hi = 0;
    bool relabelled = false;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const ChartLine& l = spec.lines[i];
        DistributionCurve c;
        if (const es::LatencyDistribution* d = store.distribution(l.series)) c = distributionCurve(*d, l.label);
        else c.label = l.label;
        for (const QPointF& p : c.points) lo = std::min(lo, p.x()), hi = std::max(hi, p.x());
        // The dock refreshes every chart when rows arrive; a distribution that did not move since
        // (no event completed) is not laid out again.
        if (!samePoints(c.points, lines[i]->points())) lines[i]->replace(c.points);
        if (!samePoints(c.marks, quantileMarks[i]->points())) quantileMarks[i]->replace(c.marks);
        if (lines[i]->name() != c.label) lines[i]->setName(c.label), relabelled = true;
    }
    // The legend sizes its entries on the next event loop turn; an export paints before that, with
    // the new labels elided to the old widths. Lay it out now.
    if (relabelled) {
        if (QGraphicsLayout* l = chart->layout()) l->invalidate(), l->activate();
        if (QGraphicsLayout* l = chart->legend()->layout()) l->invalidate(), l->activate();
    }
    if (hi > 0) {
        const double a = std::pow(10.0, std::floor(std::log10(lo))), z = std::pow(10.0, std::ceil(std::log10(hi)));
        const double b = z > a ? z : a * 10;
        if (logX->min() != a || logX->max() != b) logX->setRange(a, b);
    }
}

void ChartFigure::refresh(const SeriesSource& store)
{
    if (d_->distribution()) {
        d_->refreshDistribution(store);
        updateMarks();
        return;
    }
    // Cost (bench/bench_charts.cpp): laying a line out strokes its whole path, so each line is laid
    // out at most once per refresh: lines whose points did not change are left alone, a y axis is
    // set once, to its rounded range, and only when that moves, and the lines on an axis that moves
    // are emptied first instead of being laid out for the old points and then for the new ones.
    double lo[2] = {0, 0}, hi[2] = {0, 0};
    const int cols = columns();
    const std::size_t n = d_->lines.size();
    d_->next.resize(n);
    d_->changed.assign(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
        const ChartLine& l = d_->spec.lines[i];
        QList<QPointF>& pts = d_->next[i];
        pts.clear();
        if (const SeriesBuffer* b = store.series(l.series)) decimateMinMax(*b, d_->t0, d_->t1, cols, pts);
        const int axis = l.axis == 1 && d_->y[1] ? 1 : 0;
        if (!d_->hidden[i])
            for (const QPointF& p : pts) {
                if (!std::isfinite(p.y())) continue;
                lo[axis] = std::min(lo[axis], p.y());
                hi[axis] = std::max(hi[axis], p.y());
            }
        d_->changed[i] = !samePoints(pts, d_->lines[i]->points());
    }
    d_->ghostNext.resize(d_->ghosts.size());
    d_->ghostChanged.assign(d_->ghosts.size(), 0);
    for (std::size_t i = 0; i < d_->ghosts.size(); ++i) {
        const ChartLine& l = d_->spec.lines[i];
        QList<QPointF>& pts = d_->ghostNext[i];
        pts.clear();
        if (const SeriesBuffer* b = d_->ghostStore->series(l.series)) decimateMinMax(*b, d_->t0, d_->t1, cols, pts);
        const int axis = l.axis == 1 && d_->y[1] ? 1 : 0;
        if (!d_->hidden[i])
            for (const QPointF& p : pts)
                if (std::isfinite(p.y())) lo[axis] = std::min(lo[axis], p.y()), hi[axis] = std::max(hi[axis], p.y());
        d_->ghostChanged[i] = !samePoints(pts, d_->ghosts[i]->points());
    }
    for (const ChartReference& r : d_->spec.references)
        if (std::isfinite(r.value)) lo[0] = std::min(lo[0], r.value), hi[0] = std::max(hi[0], r.value);
    if (d_->bands) d_->bands->prepare(store, d_->t0, d_->t1, cols, d_->hidden, lo, hi);
    // Small multiples share one axis: each panel covers the union of all panels' data.
    for (int a = 0; a < 2; ++a) {
        if (std::isfinite(d_->spec.yCover[a].low)) lo[a] = std::min(lo[a], d_->spec.yCover[a].low);
        if (std::isfinite(d_->spec.yCover[a].high)) hi[a] = std::max(hi[a], d_->spec.yCover[a].high);
    }
    if (std::isfinite(d_->spec.yLimit)) hi[0] = std::min(hi[0], d_->spec.yLimit);
    for (int a = 0; a < 2; ++a) {
        if (!d_->y[a]) continue;
        double min = 0, max = 1;
        int ticks = d_->yTicks;
        if (d_->needsRange(a, lo[a], hi[a], &min, &max, &ticks)) {
            for (std::size_t i = 0; i < n; ++i) {
                const int axis = d_->spec.lines[i].axis == 1 && d_->y[1] ? 1 : 0;
                if (axis == a && d_->changed[i] && d_->lines[i]->count() > 0) d_->lines[i]->replace(QList<QPointF>{});
                if (axis == a && i < d_->ghosts.size() && d_->ghostChanged[i] && d_->ghosts[i]->count() > 0)
                    d_->ghosts[i]->replace(QList<QPointF>{});
            }
            if (d_->bands) d_->bands->clear();
            d_->y[a]->setRange(min, max);
        }
        if (d_->y[a]->tickCount() != ticks) d_->y[a]->setTickCount(ticks);
        const double span = max - min;
        const QString format = span >= 20 ? QStringLiteral("%.0f") : span >= 2 ? QStringLiteral("%.1f") : QStringLiteral("%.3g");
        if (d_->y[a]->labelFormat() != format) d_->y[a]->setLabelFormat(format);
    }
    for (std::size_t i = 0; i < n; ++i)
        if (d_->changed[i]) d_->lines[i]->replace(d_->next[i]); // one signal for the whole series
    for (std::size_t i = 0; i < d_->ghosts.size(); ++i)
        if (d_->ghostChanged[i]) d_->ghosts[i]->replace(d_->ghostNext[i]);
    if (d_->bands) d_->bands->apply();
    for (std::size_t i = 0; i < d_->refs.size(); ++i) {
        const double v = d_->spec.references[i].value;
        const QList<QPointF> pts{{d_->t0, v}, {d_->t1, v}};
        if (!samePoints(pts, d_->refs[i]->points())) d_->refs[i]->replace(pts);
    }
    updateMarks();
}

void ChartFigure::setReferences(const std::vector<ChartReference>& refs)
{
    d_->spec.references = refs;
    while (d_->refs.size() < refs.size()) {
        auto* s = new QLineSeries;
        QPen pen = s->pen();
        pen.setStyle(Qt::DashLine);
        pen.setWidthF(1.5);
        // The first reference (theory) in black, the second (the run's own mean) in red.
        pen.setColor(d_->refs.empty() ? QColor(30, 30, 30) : QColor(200, 30, 30));
        s->setPen(pen);
        d_->chart->addSeries(s);
        s->attachAxis(d_->x);
        s->attachAxis(d_->y[0]);
        d_->refs.push_back(s);
    }
    while (d_->refs.size() > refs.size()) {
        d_->chart->removeSeries(d_->refs.back());
        delete d_->refs.back();
        d_->refs.pop_back();
    }
    for (std::size_t i = 0; i < refs.size(); ++i) {
        if (d_->refs[i]->name() != refs[i].label) d_->refs[i]->setName(refs[i].label);
        d_->refs[i]->replace(QList<QPointF>{{d_->t0, refs[i].value}, {d_->t1, refs[i].value}});
    }
    if (d_->compact) d_->chart->legend()->setVisible(d_->lines.size() + d_->refs.size() > 1);
}

void ChartFigure::setDark(bool dark)
{
    const auto theme = dark ? QChart::ChartThemeDark : QChart::ChartThemeLight;
    if (d_->chart->theme() == theme) return;
    d_->chart->setTheme(theme);
    applyLinePens(); // a theme sets every series' pen anew
    if (d_->bands) d_->bands->recolour();
}

void ChartFigure::applyLinePens()
{
    // In the dock, a line is a cosmetic 1 px pen: Qt Charts draws a line as separate segments, and the
    // raster engine rasterizes the theme's 2 px segments one by one with antialiased coverage (a
    // quarter of the window's time with six charts live and 2,000 tokens), while cosmetic 1 px lines
    // take its fast stroker. An exported chart (a slide, a report) keeps the theme's 2 px.
    for (QLineSeries* s : d_->lines) {
        QPen pen = s->pen();
        if (pen.isCosmetic() == d_->compact) continue;
        pen.setCosmetic(d_->compact);
        pen.setWidthF(d_->compact ? 1 : 2);
        s->setPen(pen);
    }
    // The previous run's line: its line's colour, faded and dashed.
    for (std::size_t i = 0; i < d_->ghosts.size(); ++i) {
        QPen pen = d_->lines[i]->pen();
        QColor c = pen.color();
        c.setAlphaF(0.55f);
        pen.setColor(c);
        pen.setStyle(Qt::DashLine);
        if (d_->ghosts[i]->pen() != pen) d_->ghosts[i]->setPen(pen);
    }
}

void ChartFigure::setPreviousRun(const ChartStore* previous, const QString& name)
{
    if (d_->distribution()) return; // a distribution has no time axis to share
    if (!previous) {
        for (QLineSeries* g : d_->ghosts) {
            d_->chart->removeSeries(g);
            delete g;
        }
        d_->ghosts.clear();
        d_->ghostStore = nullptr;
        d_->chart->setTitle(d_->spec.title);
        return;
    }
    d_->ghostStore = previous;
    QAbstractAxis* xAxis = d_->x;
    while (d_->ghosts.size() < d_->lines.size()) {
        const std::size_t i = d_->ghosts.size();
        auto* g = new QLineSeries;
        g->setName(d_->spec.lines[i].label);
        g->setUseOpenGL(false);
        d_->chart->addSeries(g);
        g->attachAxis(xAxis);
        g->attachAxis(d_->y[d_->spec.lines[i].axis == 1 && d_->y[1] ? 1 : 0]);
        g->setVisible(!d_->hidden[i]);
        for (QLegendMarker* lm : d_->chart->legend()->markers(g)) lm->setVisible(false); // the title names it
        d_->ghosts.push_back(g);
    }
    applyLinePens();
    d_->chart->setTitle(QObject::tr("%1 · dashed: %2").arg(d_->spec.title, name));
}

bool ChartFigure::showsPreviousRun() const { return d_->ghostStore != nullptr; }

int ChartFigure::previousPointCount(int line) const
{
    return line >= 0 && line < static_cast<int>(d_->ghosts.size()) ? static_cast<int>(d_->ghosts[static_cast<std::size_t>(line)]->count()) : 0;
}

void ChartFigure::setCompact(bool compact)
{
    d_->compact = compact;
    QFont small = d_->chart->font();
    small.setPointSizeF(compact ? 7.5 : 10);
    QFont title = small;
    title.setPointSizeF(compact ? 9 : 14);
    title.setBold(true);
    d_->chart->setTitleFont(title);
    d_->chart->legend()->setFont(small);
    for (QAbstractAxis* a : std::initializer_list<QAbstractAxis*>{d_->x, d_->logX, d_->y[0], d_->y[1]}) {
        if (!a) continue;
        a->setLabelsFont(small);
        a->setTitleFont(small);
        a->setTitleVisible(!compact);
    }
    // One line needs no legend in the dock (the title says what it is).
    d_->chart->legend()->setVisible(!compact || d_->lines.size() + d_->refs.size() > 1);
    d_->chart->setMargins(compact ? QMargins(0, 0, 0, 0) : QMargins(4, 4, 4, 4));
    d_->chart->layout()->activate();
    d_->updateTicks();
    applyLinePens();
}

void ChartFigure::resize(const QSizeF& size)
{
    d_->chart->setGeometry(QRectF(QPointF(0, 0), size));
    d_->scene.setSceneRect(QRectF(QPointF(0, 0), size));
    // Lay the chart out now, not on the next event loop turn: refresh() decimates to the plot area's
    // width, and an export paints right after resizing.
    if (QGraphicsLayout* l = d_->chart->layout()) l->activate();
    d_->updateTicks();
    updateMarks();
}

QSizeF ChartFigure::size() const { return d_->chart->size(); }

void ChartFigure::paint(QPainter& painter, const QRectF& target)
{
    resize(target.size());
    d_->scene.render(&painter, target, QRectF(QPointF(0, 0), target.size()));
}

int ChartFigure::bandPointCount(int line) const
{
    return d_->bands && line >= 0 ? d_->bands->pointCount(static_cast<std::size_t>(line)) : 0;
}

int ChartFigure::pointCount(int line) const
{
    return line >= 0 && line < static_cast<int>(d_->lines.size()) ? static_cast<int>(d_->lines[static_cast<std::size_t>(line)]->count()) : 0;
}

void ChartFigure::setLineVisible(int line, bool visible)
{
    if (line < 0 || line >= static_cast<int>(d_->lines.size())) return;
    const auto i = static_cast<std::size_t>(line);
    d_->hidden[i] = !visible;
    d_->lines[i]->setVisible(visible);
    if (i < d_->ghosts.size()) d_->ghosts[i]->setVisible(visible);
    if (d_->bands) d_->bands->setVisible(i, visible);
    if (i < d_->quantileMarks.size()) {
        d_->quantileMarks[i]->setVisible(visible);
        for (QLegendMarker* lm : d_->chart->legend()->markers(d_->quantileMarks[i])) lm->setVisible(false);
    }
    // Qt Charts hides a hidden series' legend entry too: keep it, faded, to click it back on.
    for (QLegendMarker* lm : d_->chart->legend()->markers(d_->lines[i])) {
        lm->setVisible(true);
        QColor label = d_->chart->legend()->labelColor();
        label.setAlphaF(visible ? 1.0 : 0.4);
        lm->setLabelBrush(label);
        QBrush b = lm->brush();
        QColor c = b.color();
        c.setAlphaF(visible ? 1.0 : 0.25);
        b.setColor(c);
        lm->setBrush(b);
    }
}

bool ChartFigure::lineVisible(int line) const
{
    return line >= 0 && line < static_cast<int>(d_->hidden.size()) && !d_->hidden[static_cast<std::size_t>(line)];
}

void ChartFigure::toggleLine(int line)
{
    setLineVisible(line, !lineVisible(line));
    if (d_->onLegendToggled) d_->onLegendToggled(line);
}

ChartSpec ChartFigure::shownSpec() const
{
    ChartSpec shown = d_->spec;
    shown.lines.clear();
    for (std::size_t i = 0; i < d_->spec.lines.size(); ++i)
        if (!d_->hidden[i]) shown.lines.push_back(d_->spec.lines[i]);
    return shown;
}

void ChartFigure::setLegendToggled(std::function<void(int)> onToggle) { d_->onLegendToggled = std::move(onToggle); }

QRectF ChartFigure::plotArea() const { return d_->chart->plotArea(); }

double ChartFigure::timeAt(double sceneX) const
{
    const QRectF plot = d_->chart->plotArea();
    return d_->t0 + (sceneX - plot.left()) / std::max(plot.width(), 1.0) * (d_->t1 - d_->t0);
}

double ChartFigure::rangeStart() const { return d_->t0; }
double ChartFigure::rangeEnd() const { return d_->t1; }

QString ChartFigure::legendLabel(int line) const
{
    if (line < 0 || line >= static_cast<int>(d_->lines.size())) return {};
    const QList<QLegendMarker*> m = d_->chart->legend()->markers(d_->lines[static_cast<std::size_t>(line)]);
    return m.isEmpty() ? QString() : m.front()->label();
}

std::vector<double> ChartFigure::percentiles(int line) const
{
    std::vector<double> out;
    if (line < 0 || line >= static_cast<int>(d_->quantileMarks.size())) return out;
    for (const QPointF& p : d_->quantileMarks[static_cast<std::size_t>(line)]->points()) out.push_back(p.x());
    return out;
}

double ChartFigure::lastValue(int line) const
{
    if (pointCount(line) == 0) return std::numeric_limits<double>::quiet_NaN();
    const QLineSeries* s = d_->lines[static_cast<std::size_t>(line)];
    return s->at(s->count() - 1).y();
}

} // namespace esui

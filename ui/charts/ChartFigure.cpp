#include "charts/ChartFigure.h"

#include "charts/ChartStore.h"
#include "charts/Decimation.h"
#include "charts/MarksItem.h"

#include <QCursor>
#include <QGraphicsLayout>
#include <QToolTip>
#include <QGraphicsScene>
#include <QPainter>
#include <QtCharts/QChart>
#include <QtCharts/QLegend>
#include <QtCharts/QLineSeries>
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
    QValueAxis* x = nullptr;
    QValueAxis* y[2] = {nullptr, nullptr};
    std::vector<QLineSeries*> lines;
    std::vector<QLineSeries*> refs;
    MarksItem* marksItem = nullptr;
    double t0 = 0, t1 = 1;
    bool compact = false;
    QList<QPointF> scratch;

    void updateTicks();
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

} // namespace

// Ticks every 1/2/5 × 10^k seconds, about one per 90 pixels, anchored at 0 so they read as round
// times; y ticks by the plot's height.
void ChartFigure::Impl::updateTicks()
{
    const QRectF plot = chart->plotArea();
    const double perPixel = (t1 - t0) / std::max(plot.width(), 1.0);
    x->setTickType(QValueAxis::TicksDynamic);
    x->setTickAnchor(0);
    x->setTickInterval(niceStep(perPixel * (compact ? 70 : 100)));
    const int yTicks = std::clamp(static_cast<int>(plot.height() / (compact ? 40 : 60)) + 1, 3, 7);
    for (QValueAxis* a : y)
        if (a) a->setTickCount(yTicks);
}

ChartFigure::ChartFigure(ChartSpec spec) : d_(std::make_unique<Impl>())
{
    d_->spec = std::move(spec);
    d_->chart = new QChart;
    d_->chart->setTitle(d_->spec.title);
    d_->chart->setAnimationOptions(QChart::NoAnimation); // data moves every frame: no tweening
    d_->chart->legend()->setAlignment(Qt::AlignBottom);
    d_->chart->setMargins(QMargins(4, 4, 4, 4));
    d_->scene.addItem(d_->chart);
    d_->x = new QValueAxis;
    d_->x->setTitleText(QObject::tr("simulated time (s)"));
    d_->x->setLabelFormat(QStringLiteral("%.0f"));
    d_->chart->addAxis(d_->x, Qt::AlignBottom);
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
        s->attachAxis(d_->x);
        s->attachAxis(d_->y[l.axis == 1 && d_->y[1] ? 1 : 0]);
        d_->lines.push_back(s);
    }
    setReferences(d_->spec.references);
    d_->marksItem = new MarksItem(d_->chart, d_->x, &d_->marks);
    d_->scene.addItem(d_->marksItem);
    MarksItem* marks = d_->marksItem;
    QObject::connect(d_->chart, &QChart::plotAreaChanged, d_->chart, [marks] { marks->refresh(); });
    // Hover shows the exact value under the pointer (the lines are decimated, their points are real).
    for (std::size_t i = 0; i < d_->lines.size(); ++i) {
        QLineSeries* s = d_->lines[i];
        QObject::connect(s, &QLineSeries::hovered, s, [s](const QPointF& p, bool on) {
            if (on) QToolTip::showText(QCursor::pos(), QObject::tr("%1: %2 at t = %3 s").arg(s->name()).arg(p.y(), 0, 'g', 4).arg(p.x(), 0, 'f', 1));
            else QToolTip::hideText();
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
    d_->t0 = t0;
    d_->t1 = t1;
    d_->updateTicks(); // first: the old interval over a much longer range would lay out thousands of ticks
    d_->x->setRange(t0, t1);
    updateMarks();
}

int ChartFigure::columns() const { return std::max(1, static_cast<int>(d_->chart->plotArea().width())); }

void ChartFigure::refresh(const ChartStore& store)
{
    double lo[2] = {0, 0}, hi[2] = {0, 0};
    const int cols = columns();
    for (std::size_t i = 0; i < d_->lines.size(); ++i) {
        const ChartLine& l = d_->spec.lines[i];
        d_->scratch.clear();
        if (const SeriesBuffer* b = store.series(l.series)) decimateMinMax(*b, d_->t0, d_->t1, cols, d_->scratch);
        const int axis = l.axis == 1 && d_->y[1] ? 1 : 0;
        for (const QPointF& p : d_->scratch) {
            if (!std::isfinite(p.y())) continue;
            lo[axis] = std::min(lo[axis], p.y());
            hi[axis] = std::max(hi[axis], p.y());
        }
        d_->lines[i]->replace(d_->scratch); // one signal for the whole series
    }
    for (std::size_t i = 0; i < d_->refs.size(); ++i) {
        const double v = d_->spec.references[i].value;
        if (std::isfinite(v)) lo[0] = std::min(lo[0], v), hi[0] = std::max(hi[0], v);
        d_->refs[i]->replace(QList<QPointF>{{d_->t0, v}, {d_->t1, v}});
    }
    for (int a = 0; a < 2; ++a) {
        if (!d_->y[a]) continue;
        // Some head room, and a visible axis when everything is zero.
        const double top = hi[a] > 0 ? hi[a] * 1.05 : 1.0;
        d_->y[a]->setRange(lo[a] < 0 ? lo[a] * 1.05 : 0.0, top);
        d_->y[a]->applyNiceNumbers(); // round ticks: 0, 500, 1000, … rather than 0, 1.29e+03, …
        const double span = d_->y[a]->max() - d_->y[a]->min();
        d_->y[a]->setLabelFormat(span >= 20 ? QStringLiteral("%.0f") : span >= 2 ? QStringLiteral("%.1f") : QStringLiteral("%.3g"));
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
    if (d_->chart->theme() != theme) d_->chart->setTheme(theme);
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
    for (QValueAxis* a : {d_->x, d_->y[0], d_->y[1]}) {
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

int ChartFigure::pointCount(int line) const
{
    return line >= 0 && line < static_cast<int>(d_->lines.size()) ? static_cast<int>(d_->lines[static_cast<std::size_t>(line)]->count()) : 0;
}

double ChartFigure::lastValue(int line) const
{
    if (pointCount(line) == 0) return std::numeric_limits<double>::quiet_NaN();
    const QLineSeries* s = d_->lines[static_cast<std::size_t>(line)];
    return s->at(s->count() - 1).y();
}

} // namespace esui

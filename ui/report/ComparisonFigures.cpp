#include "report/ComparisonFigures.h"

#include "charts/ChartCatalog.h"
#include "charts/ChartFigure.h"
#include "charts/StoredRunCharts.h"
#include "charts/TheoryLines.h"
#include "compare/CompareTable.h"
#include "compare/Replications.h"
#include "compare/SeedBands.h"
#include "compare/SweepAnalysis.h"
#include "run/TheoryReference.h"
#include "store/RunStore.h"

#include <QFont>
#include <QFontMetricsF>
#include <QObject>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <limits>

namespace esui {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

QString q(const std::string& s) { return QString::fromStdString(s); }

QString seedsText(const es::CompareTable& t)
{
    if (t.seeds.empty()) return QObject::tr("no seeds");
    if (t.seeds.size() == 1) return QObject::tr("seed %1").arg(t.seeds.front());
    return QObject::tr("%1 seeds (%2 … %3, the same for every variant)").arg(t.seeds.size()).arg(t.seeds.front()).arg(t.seeds.back());
}

// A row's chart store: each band's mean under the series' own name (so the catalog's charts find
// it), its lowest and highest seed as NAME.min and NAME.max.
std::shared_ptr<const ChartStore> storeOfBands(const es::RowBands& row)
{
    std::vector<es::StoredSeries> series;
    for (const es::SeedBand& b : row.series) {
        series.push_back({b.name, b.times, b.mean});
        series.push_back({b.name + ".min", b.times, b.low});
        series.push_back({b.name + ".max", b.times, b.high});
    }
    return std::shared_ptr<const ChartStore>(chartStoreFromSeries(series));
}

// Every panel's axes cover the lowest and highest value any panel draws on them (lines and bands).
void shareAxes(std::vector<ComparisonPanel>& panels)
{
    double lo[2] = {std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity()};
    double hi[2] = {-lo[0], -lo[0]};
    for (const ComparisonPanel& p : panels)
        for (const ChartLine& l : p.spec.lines) {
            const int a = l.axis == 1 ? 1 : 0;
            for (const std::string& name : {l.series, l.bandLow, l.bandHigh}) {
                const SeriesBuffer* b = name.empty() ? nullptr : p.store->series(name);
                if (!b) continue;
                for (std::size_t i = 0; i < b->size(); ++i)
                    if (std::isfinite((*b)[i].v)) lo[a] = std::min(lo[a], (*b)[i].v), hi[a] = std::max(hi[a], (*b)[i].v);
            }
        }
    for (ComparisonPanel& p : panels)
        for (int a = 0; a < 2; ++a)
            if (hi[a] >= lo[a]) p.spec.yCover[a] = {lo[a], hi[a]};
}

int gridColumns(std::size_t panels) { return panels <= 3 ? 1 : 2; }

QSize gridSize(std::size_t panels, int columns)
{
    const int rows = static_cast<int>((panels + static_cast<std::size_t>(columns) - 1) / static_cast<std::size_t>(columns));
    return QSize(1600, std::clamp(120 + rows * 380, 600, 2400));
}

std::vector<ComparisonFigure> smallMultiples(const es::Replications& reps, const es::CompareTable& table,
                                             const std::vector<es::RunOutcome>& outcomes)
{
    std::vector<ComparisonFigure> out;
    const std::size_t rows = table.variants.size();
    if (rows == 0 || rows > kMaxPanels || !table.sweepKey.empty()) return out;
    const std::vector<es::RowBands> bands = es::seedBands(rows, outcomes);
    std::vector<std::shared_ptr<const ChartStore>> stores;
    double end = 1;
    for (const es::RowBands& b : bands) {
        if (b.runs == 0) return out; // no series kept: nothing to draw from
        stores.push_back(storeOfBands(b));
        end = std::max(end, stores.back()->lastTime());
    }
    std::vector<std::string> names;
    for (const es::SeedBand& b : bands.front().series) names.push_back(b.name);
    const es::Scenario& base = reps.scenario(0);
    std::vector<ChartSpec> specs = defaultCharts(names, idleComponents(base));
    specs.erase(std::remove_if(specs.begin(), specs.end(), [](const ChartSpec& s) { return s.kind != ChartKind::Time; }),
                specs.end());
    const std::size_t chosen = putChosenFirst(specs, chosenChartIds(base));
    specs.resize(std::min(specs.size(), chosen > 0 ? chosen : std::size_t{2}));

    for (const ChartSpec& spec : specs) {
        ComparisonFigure f;
        f.id = QStringLiteral("small-") + spec.id;
        f.title = QObject::tr("%1 — one panel per variant").arg(spec.title);
        f.caption = QObject::tr("%1 (%2) · %3. Line: the mean over the seeds; band: the lowest to the highest seed; "
                                "every panel on the same axes; shaded: the variant's failures.")
                        .arg(q(table.title), q(table.scenarioId), seedsText(table));
        for (std::size_t r = 0; r < rows; ++r) {
            ComparisonPanel p;
            p.spec = spec;
            p.spec.title = q(table.variants[r]);
            for (ChartLine& l : p.spec.lines) l.bandLow = l.series + ".min", l.bandHigh = l.series + ".max";
            if (spec.id == QLatin1String("latency")) p.spec.references = theoryLines(es::theoryFor(reps.scenario(r)), *stores[r]);
            p.marks = marksFromScenario(reps.scenario(r), end);
            p.marks.cursor = -1;
            p.t1 = end;
            p.store = stores[r];
            f.panels.push_back(std::move(p));
        }
        shareAxes(f.panels);
        f.columns = gridColumns(f.panels.size());
        f.size = gridSize(f.panels.size(), f.columns);
        out.push_back(std::move(f));
    }
    return out;
}

// One figure of a sweep: these columns of the table (scaled for the axis), per variant.
struct SweepChart {
    const char* id;
    QString title, yTitle;
    std::vector<std::string> columns;
    double scale;
};

std::vector<SweepChart> sweepCharts()
{
    return {
        {"sweep-latency", QObject::tr("User-facing latency p50 and p99"), QObject::tr("latency (ms)"),
         {"latency_p50_s", "latency_p99_s"}, 1e3},
        {"sweep-max-lag", QObject::tr("Largest consumer lag"), QObject::tr("max lag (messages)"), {"max_lag_messages"}, 1},
        {"sweep-utilisation", QObject::tr("Busiest consumer's utilisation"), QObject::tr("busy (%)"),
         {"busiest_utilisation"}, 100},
        {"sweep-completed", QObject::tr("Completed"), QObject::tr("completed"), {"completed"}, 1},
        {"sweep-failed", QObject::tr("Failed and lost"), QObject::tr("count"), {"failed", "lost", "dead_lettered"}, 1},
        {"sweep-duplicates", QObject::tr("Duplicate effects"), QObject::tr("count"), {"duplicate_effects"}, 1},
        {"sweep-recovery", QObject::tr("Time to recover after a failure"), QObject::tr("recovery (s)"), {"recovery_s"}, 1},
        {"sweep-staleness", QObject::tr("Largest read-model staleness"), QObject::tr("staleness (ms)"), {"max_staleness_s"}, 1e3},
        {"sweep-oversold", QObject::tr("Oversold"), QObject::tr("orders"), {"oversold"}, 1},
    };
}

double theoryValue(const es::RowTheory& t, const std::string& column)
{
    if (column == "latency_p50_s") return t.p50;
    if (column == "latency_p99_s") return t.p99;
    if (column == "busiest_utilisation") return t.utilisation;
    return kNaN;
}

std::vector<ComparisonFigure> sweepFigures(const es::Replications& reps, const es::CompareTable& table)
{
    std::vector<ComparisonFigure> out;
    if (table.sweepKey.empty()) return out;
    const es::SweepAnalysis sw = es::analyseSweep(reps, table);
    if (sw.x.empty()) return out;
    const bool several = sw.variants.size() > 1;
    auto columnOf = [&table](const std::string& key) {
        for (std::size_t c = 0; c < table.columns.size(); ++c)
            if (table.columns[c].key == key) return c;
        return table.columns.size();
    };
    // The saturated side of each variant's tipping point (theory where it exists, else measured).
    std::vector<ChartBand> saturated;
    for (const es::SweepVariant& v : sw.variants) {
        const std::optional<es::TippingPoint>& tip = v.theory ? v.theory : v.measured;
        if (!tip) continue;
        ChartBand b;
        b.t0 = tip->saturatedAbove ? tip->x : sw.x.front();
        b.t1 = tip->saturatedAbove ? sw.x.back() : tip->x;
        b.label = v.theory ? QObject::tr("ρ ≥ 1 past %1 = %2: the backlog grows without bound").arg(q(sw.shortKey)).arg(tip->x, 0, 'g', 3)
                           : QObject::tr("saturated past %1 ≈ %2: busiest consumer ≥ %3% busy")
                                 .arg(q(sw.shortKey)).arg(tip->x, 0, 'g', 3).arg(es::kSaturatedUtilisation * 100, 0, 'f', 0);
        if (several) b.label += QStringLiteral(" (") + q(v.variant) + QStringLiteral(")");
        if (std::none_of(saturated.begin(), saturated.end(), [&b](const ChartBand& o) { return o.t0 == b.t0 && o.t1 == b.t1; }))
            saturated.push_back(b);
    }
    // The rows below the tipping point, whose values set the latency axis's top: ρ < 1 where theory
    // knows, else the busiest consumer under the saturation level, else every row.
    const std::size_t busiest = columnOf("busiest_utilisation");
    std::vector<char> stableRow(table.variants.size(), 1);
    for (std::size_t r = 0; r < table.variants.size(); ++r) {
        if (std::isfinite(sw.theory[r].utilisation)) stableRow[r] = sw.theory[r].utilisation < 1;
        else if (busiest < table.columns.size() && table.cells[r][busiest].interval.n > 0)
            stableRow[r] = table.cells[r][busiest].interval.mean < es::kSaturatedUtilisation;
    }
    for (const SweepChart& chart : sweepCharts()) {
        std::vector<es::StoredSeries> series;
        ChartSpec spec;
        spec.id = QString::fromLatin1(chart.id);
        spec.title = chart.title;
        spec.yTitle = chart.yTitle;
        spec.xTitle = q(sw.key);
        double stableHigh = 0;
        bool any = false, nonZero = false;
        for (const std::string& key : chart.columns) {
            const std::size_t c = columnOf(key);
            if (c == table.columns.size()) continue;
            const QString label = q(table.columns[c].label).remove(QStringLiteral(" ms"));
            for (const es::SweepVariant& v : sw.variants) {
                es::StoredSeries mean{v.variant + "|" + key, {}, {}}, lo{mean.name + ".lo", {}, {}}, hi{mean.name + ".hi", {}, {}};
                es::StoredSeries theory{"theory|" + v.variant + "|" + key, {}, {}};
                for (std::size_t k = 0; k < sw.x.size(); ++k) {
                    const std::size_t r = v.rows[k];
                    if (r >= table.variants.size()) continue;
                    const es::Interval& i = table.cells[r][c].interval;
                    if (i.n == 0) continue;
                    const double half = std::isfinite(i.halfWidth) ? i.halfWidth : 0;
                    mean.times.push_back(sw.x[k]), mean.values.push_back(i.mean * chart.scale);
                    lo.times.push_back(sw.x[k]), lo.values.push_back((i.mean - half) * chart.scale);
                    hi.times.push_back(sw.x[k]), hi.values.push_back((i.mean + half) * chart.scale);
                    nonZero = nonZero || i.mean != 0 || half != 0;
                    const double t = theoryValue(sw.theory[r], key);
                    if (std::isfinite(t)) theory.times.push_back(sw.x[k]), theory.values.push_back(t * chart.scale);
                    const double top = std::max((i.mean + half) * chart.scale, std::isfinite(t) ? t * chart.scale : 0.0);
                    if (stableRow[r]) stableHigh = std::max(stableHigh, top);
                }
                if (mean.times.empty()) continue;
                any = true;
                const QString name = several ? QStringLiteral("%1 %2").arg(q(v.variant), label) : label;
                spec.lines.push_back({mean.name, name, 0, lo.name, hi.name});
                series.push_back(std::move(mean)), series.push_back(std::move(lo)), series.push_back(std::move(hi));
                if (!theory.times.empty()) {
                    const QString model = key == "busiest_utilisation" ? QObject::tr("theory ρ = λ / cμ")
                                                                       : QObject::tr("%1 M/M/c theory").arg(label);
                    spec.lines.push_back({theory.name, several ? QStringLiteral("%1 %2").arg(q(v.variant), model) : model, 0, {}, {}});
                    series.push_back(std::move(theory));
                }
            }
        }
        if (!any || !nonZero) continue; // a column no row has, or zero everywhere: nothing to read off it
        if (spec.id == QLatin1String("sweep-utilisation"))
            spec.references.push_back({QObject::tr("saturated: %1%").arg(es::kSaturatedUtilisation * 100, 0, 'f', 0),
                                       es::kSaturatedUtilisation * 100, 0});
        if (spec.id == QLatin1String("sweep-latency") && !saturated.empty() && stableHigh > 0) spec.yLimit = stableHigh * 3;
        ComparisonFigure f;
        f.id = spec.id;
        f.title = QObject::tr("%1 against %2").arg(chart.title, q(sw.shortKey));
        f.caption = QObject::tr("%1 (%2) · %3 per point. Line: the mean over the seeds; band: its 95% interval (Student's t)%4; "
                                "shaded: past the tipping point.")
                        .arg(q(table.title), q(table.scenarioId), seedsText(table))
                        .arg(std::isfinite(spec.yLimit) ? QObject::tr("; values above the top run off the chart") : QString());
        ComparisonPanel p;
        p.spec = spec;
        p.marks.failures = saturated;
        p.t0 = sw.x.front();
        p.t1 = sw.x.back() > sw.x.front() ? sw.x.back() : sw.x.front() + 1;
        p.store = std::shared_ptr<const ChartStore>(chartStoreFromSeries(series));
        f.panels.push_back(std::move(p));
        f.size = QSize(1600, 900);
        out.push_back(std::move(f));
    }
    return out;
}

} // namespace

std::vector<ComparisonFigure> comparisonFigures(const es::Replications& reps, const es::CompareTable& table,
                                                const std::vector<es::RunOutcome>& outcomes)
{
    std::vector<ComparisonFigure> out = smallMultiples(reps, table, outcomes);
    for (ComparisonFigure& f : sweepFigures(reps, table)) out.push_back(std::move(f));
    return out;
}

PaintFunction paintComparisonFigure(const ComparisonFigure& figure)
{
    return [&figure](QPainter& p, const QRectF& target) {
        QFont title = p.font();
        title.setPixelSize(22);
        title.setBold(true);
        QFont caption = p.font();
        caption.setPixelSize(14);
        const double titleH = QFontMetricsF(title).height() + 12;
        const double captionH = QFontMetricsF(caption).height() * 2 + 12;
        p.setPen(QColor(20, 20, 20));
        p.setFont(title);
        p.drawText(QRectF(target.left() + 12, target.top() + 6, target.width() - 24, titleH), Qt::AlignLeft | Qt::AlignVCenter,
                   QFontMetricsF(title).elidedText(figure.title, Qt::ElideRight, target.width() - 24));
        p.setFont(caption);
        p.setPen(QColor(80, 80, 80));
        p.drawText(QRectF(target.left() + 12, target.bottom() - captionH, target.width() - 24, captionH),
                   Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap, figure.caption);
        const int cols = std::max(1, figure.columns);
        const std::size_t n = figure.panels.size();
        const int rows = static_cast<int>((n + static_cast<std::size_t>(cols) - 1) / static_cast<std::size_t>(cols));
        const QRectF grid(target.left(), target.top() + titleH, target.width(), target.height() - titleH - captionH);
        const double w = grid.width() / cols, h = grid.height() / std::max(rows, 1);
        for (std::size_t i = 0; i < n; ++i) {
            const ComparisonPanel& panel = figure.panels[i];
            const QRectF cell(grid.left() + static_cast<double>(i % static_cast<std::size_t>(cols)) * w,
                              grid.top() + static_cast<double>(i / static_cast<std::size_t>(cols)) * h, w, h);
            ChartFigure chart(panel.spec);
            chart.setCompact(false);
            chart.resize(cell.size());
            chart.setMarks(panel.marks);
            chart.setTimeRange(panel.t0, panel.t1);
            chart.refresh(*panel.store);
            chart.paint(p, cell);
        }
    };
}

} // namespace esui

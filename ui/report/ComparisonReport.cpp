#include "report/ComparisonReport.h"

#include "compare/CompareFormat.h"
#include "compare/CompareTable.h"
#include "compare/Replications.h"
#include "compare/SweepAnalysis.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QObject>
#include <QPainter>
#include <QRegularExpression>
#include <QTextDocument>

#include <cmath>

namespace esui {

namespace {

QString q(const std::string& s) { return QString::fromStdString(s).toHtmlEscaped(); }

QString joined(const std::vector<std::string>& items, const QString& none)
{
    if (items.empty()) return none;
    QStringList out;
    for (const std::string& s : items) out << q(s);
    return out.join(QStringLiteral(", "));
}

QString settingsHtml(const es::Replications& reps, const es::CompareTable& t)
{
    QString h = QStringLiteral("<table class=\"kv\" border=\"0\" cellpadding=\"3\">");
    auto row = [&h](const QString& k, const QString& v) {
        h += QStringLiteral("<tr><th align=\"left\">%1</th><td>%2</td></tr>").arg(k, v);
    };
    row(QObject::tr("Scenario"), QStringLiteral("%1 — %2").arg(q(t.scenarioId), q(t.title)));
    row(QObject::tr("File"), q(t.scenarioPath));
    row(QObject::tr("Rows"), joined(t.variants, QObject::tr("none")));
    row(QObject::tr("Overrides (--set)"), joined(t.sets, QObject::tr("none")));
    if (!t.sweepKey.empty() && reps.plan().sweep)
        row(QObject::tr("Sweep"), QStringLiteral("%1 over %2").arg(q(t.sweepKey), joined(reps.plan().sweep->values, {})));
    row(QObject::tr("Seeds"), t.seeds.empty() ? QObject::tr("none")
                                              : QObject::tr("%1 per row, %2 … %3; seed k is the same in every row (paired)")
                                                    .arg(t.seeds.size()).arg(t.seeds.front()).arg(t.seeds.back()));
    row(QObject::tr("Runs"), QObject::tr("%1 of %2 finished").arg(t.runsDone).arg(t.runsPlanned));
    row(QObject::tr("Latency columns"), QStringLiteral("%1: %2").arg(q(es::latencySourceName(t.latencySource)),
                                                                     q(es::latencySourceMeaning(t.latencySource))));
    row(QObject::tr("Recovery"), QObject::tr("every consumer group's lag back under %1 s after a failure ends").arg(t.recoveryLag));
    row(QObject::tr("Baseline"), q(t.variants.empty() ? std::string() : t.variants[t.baseline]));
    h += QStringLiteral("</table>");
    return h;
}

// The columns worth a place in the report: those some row has a value other than 0 for (a column of
// zeros says "none of that happened", which the note under the table lists; table.csv has them all).
std::vector<std::size_t> shownColumns(const es::CompareTable& t, QStringList* zero)
{
    std::vector<std::size_t> shown;
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
        bool some = false;
        for (std::size_t r = 0; r < t.variants.size(); ++r) {
            const es::Interval& i = t.cells[r][c].interval;
            some = some || (i.n > 0 && (i.mean != 0 || (std::isfinite(i.halfWidth) && i.halfWidth != 0)));
        }
        if (some) shown.push_back(c);
        else if (zero) *zero << q(t.columns[c].label);
    }
    return shown;
}

QString resultsHtml(const es::CompareTable& t, bool differences)
{
    const std::vector<std::size_t> columns = shownColumns(t, nullptr);
    QString h = QStringLiteral("<table class=\"results\" border=\"1\" cellspacing=\"0\" cellpadding=\"4\"><tr><th align=\"left\">%1</th>")
                    .arg(QObject::tr("row"));
    for (std::size_t c : columns) h += QStringLiteral("<th>%1</th>").arg(q(t.columns[c].label));
    h += QStringLiteral("</tr>");
    for (std::size_t r = 0; r < t.variants.size(); ++r) {
        if (differences && r == t.baseline) continue;
        h += QStringLiteral("<tr><th align=\"left\">%1</th>").arg(q(t.variants[r]));
        for (std::size_t c : columns) {
            const double scale = t.columns[c].textScale;
            if (differences) {
                const es::Interval& d = t.differences[r][c];
                // An interval that excludes 0: the seeds agree on the difference.
                const bool sure = d.n > 1 && std::isfinite(d.halfWidth) && (d.low() > 0 || d.high() < 0);
                h += QStringLiteral("<td align=\"right\"%1>%2</td>")
                         .arg(sure ? QStringLiteral(" class=\"sure\"") : QString(), q(es::compareCellText(d, scale, true)));
                continue;
            }
            const es::CompareCell& cell = t.cells[r][c];
            const QString cls = cell.best ? QStringLiteral(" class=\"best\" bgcolor=\"#d8f0d8\"")
                                : cell.worst ? QStringLiteral(" class=\"worst\" bgcolor=\"#f6d8d8\"") : QString();
            const QString mark = cell.best ? QStringLiteral(" ★") : cell.worst ? QStringLiteral(" ▼") : QString();
            h += QStringLiteral("<td align=\"right\"%1>%2%3</td>").arg(cls, q(es::compareCellText(cell.interval, scale)), mark);
        }
        h += QStringLiteral("</tr>");
    }
    h += QStringLiteral("</table>");
    return h;
}

QString sweepHtml(const es::Replications& reps, const es::CompareTable& t)
{
    if (t.sweepKey.empty()) return {};
    const es::SweepAnalysis s = es::analyseSweep(reps, t);
    QString h = QStringLiteral("<h2>%1</h2><ul>").arg(QObject::tr("Where it tips over"));
    for (const es::SweepVariant& v : s.variants) {
        QStringList parts;
        auto side = [](const es::TippingPoint& p) { return p.saturatedAbove ? QObject::tr("above") : QObject::tr("below"); };
        if (v.theory)
            parts << QObject::tr("theory: ρ = λ / cμ reaches 1 at %1 = %2 (saturated %3)")
                         .arg(q(s.shortKey)).arg(v.theory->x, 0, 'g', 4).arg(side(*v.theory));
        if (v.measured)
            parts << QObject::tr("measured: the busiest consumer passes %1% busy between the points either side of %2 = %3 (saturated %4)")
                         .arg(es::kSaturatedUtilisation * 100, 0, 'f', 0).arg(q(s.shortKey)).arg(v.measured->x, 0, 'g', 4)
                         .arg(side(*v.measured));
        if (parts.isEmpty()) parts << QObject::tr("no tipping point inside the swept range");
        h += QStringLiteral("<li><b>%1</b>: %2</li>").arg(q(v.variant), parts.join(QStringLiteral("; ")));
    }
    return h + QStringLiteral("</ul>");
}

// An inline SVG that scales with the page (QSvgGenerator writes a fixed size in mm).
QString inlineSvg(const ComparisonFigure& f)
{
    PaintedDocument doc;
    doc.size = f.size;
    doc.title = f.title;
    doc.description = f.caption;
    QString svg = QString::fromUtf8(paintedSvg(doc, paintComparisonFigure(f)));
    const qsizetype close = svg.indexOf(QLatin1Char('>'));
    QString head = svg.left(close);
    head.replace(QRegularExpression(QStringLiteral(" (width|height)=\"[^\"]*\"")), QString());
    return head + QStringLiteral(" width=\"100%\"") + svg.mid(close);
}

const char* kStyle = R"(body{font-family:sans-serif;margin:2em;color:#202020;max-width:1400px}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.25em;margin-top:1.6em}
table.kv th{padding-right:1.5em;vertical-align:top}
table.results{border-collapse:collapse;font-size:8pt}table.results th,table.results td{white-space:nowrap}table.results td,table.results th{border:1px solid #bbb;padding:3px 6px}
td.best{background:#d8f0d8}td.worst{background:#f6d8d8}td.sure{font-weight:bold}
figure{margin:1.5em 0}figcaption{color:#555;font-size:.9em}p.note{color:#555;font-size:.9em})";

} // namespace

QString comparisonReportHtml(const es::Replications& reps, const es::CompareTable& t,
                             const std::vector<ComparisonFigure>& figures, bool inlineFigures)
{
    QString h = QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>%1</title><style>%2</style></head><body>\n")
                    .arg(QObject::tr("Comparison: %1").arg(q(t.title)), QString::fromLatin1(kStyle));
    h += QStringLiteral("<h1>%1</h1>").arg(QObject::tr("Comparison: %1").arg(q(t.title)));
    h += QStringLiteral("<p class=\"note\">%1</p>").arg(QObject::tr("Made by Eventscape on %1.").arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODate)));
    h += QStringLiteral("<h2>%1</h2>").arg(QObject::tr("What was compared")) + settingsHtml(reps, t);
    h += QStringLiteral("<h2>%1</h2>").arg(QObject::tr("Results: mean ± 95% interval over the seeds"));
    h += resultsHtml(t, false);
    QStringList zero;
    shownColumns(t, &zero);
    h += QStringLiteral("<p class=\"note\">%1%2</p>").arg(QObject::tr("★ best and ▼ worst of each column. The interval is "
        "mean ± t(0.975, n − 1) · s / √n (Student's t). Latency in ms, utilisation in %."),
        zero.isEmpty() ? QString() : QObject::tr(" Zero or absent in every run, left out here (table.csv has them): %1.").arg(zero.join(QStringLiteral(", "))));
    if (t.variants.size() > 1) {
        h += QStringLiteral("<h2>%1</h2>").arg(QObject::tr("Paired differences to %1").arg(q(t.variants[t.baseline])));
        h += resultsHtml(t, true);
        h += QStringLiteral("<p class=\"note\">%1</p>").arg(QObject::tr("Row − baseline, seed by seed (the rows share their "
            "seeds and random streams), mean ± 95% interval. In bold: the interval excludes 0, the seeds agree on the difference."));
    }
    h += sweepHtml(reps, t);
    if (!figures.empty()) {
        h += QStringLiteral("<h2>%1</h2>").arg(QObject::tr("Charts"));
        for (const ComparisonFigure& f : figures) {
            if (inlineFigures) h += QStringLiteral("<figure>%1<figcaption>%2</figcaption></figure>\n").arg(inlineSvg(f), f.caption.toHtmlEscaped());
            else h += QStringLiteral("<p>%1 — %2</p>").arg(f.title.toHtmlEscaped(), QObject::tr("on its own page below"));
        }
    }
    return h + QStringLiteral("</body></html>\n");
}

QStringList writeComparisonReport(const QString& dir, const es::Replications& reps, const es::CompareTable& table,
                                  const std::vector<es::RunOutcome>& outcomes, QString* error)
{
    QStringList written;
    auto fail = [error](const QString& why) {
        if (error && error->isEmpty()) *error = why;
    };
    const std::vector<ComparisonFigure> figures = comparisonFigures(reps, table, outcomes);
    const QString charts = QDir(dir).filePath(QStringLiteral("charts"));
    if (!QDir().mkpath(charts)) {
        fail(QObject::tr("cannot create folder %1").arg(charts));
        return written;
    }
    for (const ComparisonFigure& f : figures) {
        PaintedDocument doc;
        doc.size = f.size;
        doc.title = f.title;
        doc.description = f.caption;
        for (ChartFormat format : {ChartFormat::Png, ChartFormat::Svg, ChartFormat::Pdf}) {
            const QString path = QDir(charts).filePath(f.id + QLatin1Char('.') + chartFormatSuffix(format));
            QString why;
            if (writePainted(doc, paintComparisonFigure(f), path, format, &why)) written << path;
            else fail(why);
        }
    }

    const QString html = QDir(dir).filePath(QStringLiteral("report.html"));
    QFile file(html);
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        file.write(comparisonReportHtml(reps, table, figures, true).toUtf8());
        file.close();
        written << html;
    } else {
        fail(QObject::tr("cannot write %1: %2").arg(html, file.errorString()));
    }

    // The PDF: A4 landscape at 96 px per inch; the text laid out over as many pages as it needs.
    PaintedDocument page;
    page.size = QSize(1123, 794);
    page.title = QObject::tr("Comparison: %1").arg(QString::fromStdString(table.title));
    auto text = std::make_shared<QTextDocument>();
    text->setHtml(comparisonReportHtml(reps, table, figures, false));
    constexpr double kMargin = 48;
    const QSizeF body(page.size.width() - 2 * kMargin, page.size.height() - 2 * kMargin);
    text->setPageSize(body);
    std::vector<PaintFunction> pages;
    for (int i = 0; i < text->pageCount(); ++i)
        pages.push_back([text, i, body](QPainter& p, const QRectF&) {
            p.translate(kMargin, kMargin - i * body.height());
            text->drawContents(&p, QRectF(QPointF(0, i * body.height()), body));
        });
    for (const ComparisonFigure& f : figures)
        pages.push_back([&f](QPainter& p, const QRectF& target) {
            // The figure at its own size, scaled to fit the page: the same drawing as charts/ID.pdf.
            const QSizeF size(f.size);
            const double k = std::min((target.width() - 2 * kMargin) / size.width(), (target.height() - 2 * kMargin) / size.height());
            p.translate(target.center().x() - size.width() * k / 2, target.center().y() - size.height() * k / 2);
            p.scale(k, k);
            paintComparisonFigure(f)(p, QRectF(QPointF(0, 0), size));
        });
    const QString pdf = QDir(dir).filePath(QStringLiteral("report.pdf"));
    QString why;
    if (writePaintedPdfPages(page, pages, pdf, &why)) written << pdf;
    else fail(why);
    return written;
}

} // namespace esui

// Issue 16, "Headless, the same results": `eventscape-cli compare --export DIR` writes the charts
// (PNG, SVG, PDF) and a report (HTML with inline SVG, PDF) that open, the series CSV files hold
// what the store keeps, the seeds' bands are their spread, and a sweep marks where it tips over
// beside the queueing theory's curve.
#include "CliProcess.h"
#include "compare/CompareTable.h"
#include "compare/Replications.h"
#include "compare/SeedBands.h"
#include "metrics/QueueTheory.h"
#include "report/ComparisonFigures.h"
#include "report/ComparisonReport.h"
#include "store/RunStore.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include <cmath>

namespace {

const QString kMmc = QStringLiteral(SCENARIOS_DIR "/bench/mmc.yaml");

bool svgParses(const QByteArray& text, QString* why)
{
    QXmlStreamReader xml(text);
    while (!xml.atEnd()) xml.readNext();
    if (xml.hasError()) *why = xml.errorString();
    return !xml.hasError();
}

int pdfPages(const QString& path)
{
    QProcess p;
    p.start(QStringLiteral("pdfinfo"), {path});
    if (!p.waitForFinished(30000) || p.exitCode() != 0) return -1;
    const auto m = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(QString::fromUtf8(p.readAllStandardOutput()));
    return m.hasMatch() ? m.captured(1).toInt() : -1;
}

QList<QByteArray> csvLines(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return f.readAll().trimmed().split('\n');
}

} // namespace

class TestCompareReport : public QObject {
    Q_OBJECT
private slots:
    void lessonComparisonWritesFilesThatOpen();
    void seriesFilesHoldWhatTheStoreKeeps();
    void bandsAreTheSeedsSpreadOnSharedAxes();
    void sweepMarksTheTippingPointBesideTheory();
    void sojournQuantilesHaveTheirClosedForm();
};

void TestCompareReport::lessonComparisonWritesFilesThatOpen()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("out"));
    const CliResult r = runCli({QStringLiteral("compare"), QStringLiteral("sync-vs-events"), QStringLiteral("--variants"),
                                QStringLiteral("base,sync"), QStringLiteral("--seeds"), QStringLiteral("3"),
                                QStringLiteral("--no-store"), QStringLiteral("--export"), out});
    QVERIFY2(r.exitCode == 0, r.err.constData());

    const QDir charts(out + QStringLiteral("/charts"));
    const QStringList pngs = charts.entryList({QStringLiteral("*.png")}, QDir::Files);
    QVERIFY2(pngs.contains(QStringLiteral("small-users.png")), qPrintable(pngs.join(' ')));
    for (const QString& png : pngs) {
        const QString id = png.chopped(4);
        // The PNG has the figure's size: the SVG's view box, 1600 wide, one 380-pixel row per two panels.
        const QImage image(charts.filePath(png));
        QVERIFY2(!image.isNull(), qPrintable(png));
        QSvgRenderer svg(charts.filePath(id + QStringLiteral(".svg")));
        QVERIFY2(svg.isValid(), qPrintable(id));
        QCOMPARE(image.size(), svg.viewBox().size());
        QCOMPARE(image.width(), 1600);
        QString why;
        QFile svgFile(charts.filePath(id + QStringLiteral(".svg")));
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        QVERIFY2(svgParses(svgFile.readAll(), &why), qPrintable(why));
        QCOMPARE(pdfPages(charts.filePath(id + QStringLiteral(".pdf"))), 1);
    }
    // The report: a page or more of text, then one page per figure.
    const int pages = pdfPages(out + QStringLiteral("/report.pdf"));
    QVERIFY2(pages >= 1 + pngs.size(), qPrintable(QString::number(pages)));

    QFile html(out + QStringLiteral("/report.html"));
    QVERIFY(html.open(QIODevice::ReadOnly));
    const QByteArray page = html.readAll();
    // Self-contained: every figure inline as SVG that parses, nothing linked beside it.
    QCOMPARE(page.count("<svg"), pngs.size());
    QVERIFY(!page.contains("src=\"") && !page.contains("href=\""));
    qsizetype at = 0;
    while ((at = page.indexOf("<svg", at)) >= 0) {
        const qsizetype end = page.indexOf("</svg>", at);
        QVERIFY(end > at);
        QString why;
        QVERIFY2(svgParses(page.mid(at, end + 6 - at), &why), qPrintable(why));
        at = end;
    }
    // The table's numbers are in it, as the text table prints them.
    QFile json(out + QStringLiteral("/table.json"));
    QVERIFY(json.open(QIODevice::ReadOnly));
    const QJsonArray rows = QJsonDocument::fromJson(json.readAll()).object().value("rows").toArray();
    QVERIFY(!rows.isEmpty());
    QVERIFY(page.contains("<th align=\"left\">sync</th>"));
    QVERIFY(page.contains("Paired differences to base"));
}

void TestCompareReport::seriesFilesHoldWhatTheStoreKeeps()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("out")), store = dir.filePath(QStringLiteral("runs.sqlite"));
    const CliResult r = runCli({QStringLiteral("compare"), QStringLiteral("consumer-catch-up"), QStringLiteral("--variants"),
                                QStringLiteral("base"), QStringLiteral("--seeds"), QStringLiteral("2"), QStringLiteral("--store"),
                                store, QStringLiteral("--export"), out});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    es::RunStore s(store.toStdString());
    const std::vector<es::ComparisonRecord> comparisons = s.listComparisons();
    QCOMPARE(comparisons.size(), std::size_t{1});
    QCOMPARE(comparisons.front().runs.size(), std::size_t{2});
    int compared = 0;
    for (const es::ComparisonRun& run : comparisons.front().runs) {
        const std::optional<es::RunRecord> rec = s.loadRunByUuid(run.runUuid);
        QVERIFY(rec);
        for (const es::StoredSeries& series : s.loadSeries(rec->id)) {
            if (series.name != "indexer.lag_messages" && series.name != "events_in_system") continue;
            const QString file = QStringLiteral("%1/series/%2-seed%3/%4.csv").arg(out, QString::fromStdString(run.variant)).arg(run.seed).arg(QString::fromStdString(series.name));
            const QList<QByteArray> lines = csvLines(file);
            QCOMPARE(static_cast<std::size_t>(lines.size()), series.times.size() + 1);
            QCOMPARE(lines.front(), QByteArray("t_s,") + QByteArray::fromStdString(series.name));
            for (std::size_t i = 0; i < series.times.size(); ++i) {
                const QList<QByteArray> cells = lines[static_cast<qsizetype>(i + 1)].split(',');
                QCOMPARE(cells[0].toDouble(), series.times[i]);
                QCOMPARE(cells[1].toDouble(), series.values[i]);
            }
            ++compared;
        }
    }
    QCOMPARE(compared, 4);
}

void TestCompareReport::bandsAreTheSeedsSpreadOnSharedAxes()
{
    es::ReplicationPlan plan;
    plan.scenarioPath = SCENARIOS_DIR "/lessons/consumer-catch-up.yaml";
    plan.seeds = 3;
    plan.jobs = 2;
    plan.keepSeries = true;
    es::Replications reps(plan);
    const std::vector<es::RunOutcome> outcomes = reps.run();
    const es::CompareTable table = es::buildCompareTable(reps, outcomes);
    QVERIFY(table.variants.size() >= 2);

    // At every sample: the band's mean is the seeds' mean, its edges their lowest and highest.
    const std::vector<es::RowBands> bands = es::seedBands(table.variants.size(), outcomes);
    const es::RunOutcome* seeds[3] = {nullptr, nullptr, nullptr};
    for (const es::RunOutcome& o : outcomes)
        if (o.task.row == 0) seeds[o.task.seedIndex] = &o;
    const es::SeedBand* lag = nullptr;
    for (const es::SeedBand& b : bands[0].series)
        if (b.name == "indexer.lag_messages") lag = &b;
    QVERIFY(lag);
    const std::size_t column = [&] {
        for (std::size_t c = 0; c < seeds[0]->series->seriesCount(); ++c)
            if (seeds[0]->series->name(c) == "indexer.lag_messages") return c;
        return std::size_t{0};
    }();
    QCOMPARE(lag->times.size(), seeds[0]->series->rowCount());
    bool spread = false;
    for (std::size_t i = 0; i < lag->times.size(); ++i) {
        const double v[3] = {seeds[0]->series->valueAt(i, column), seeds[1]->series->valueAt(i, column),
                             seeds[2]->series->valueAt(i, column)};
        QVERIFY(std::abs(lag->mean[i] - (v[0] + v[1] + v[2]) / 3) <= 1e-9 * std::max(1.0, lag->mean[i]));
        QCOMPARE(lag->low[i], std::min({v[0], v[1], v[2]}));
        QCOMPARE(lag->high[i], std::max({v[0], v[1], v[2]}));
        spread = spread || lag->high[i] > lag->low[i];
    }
    QVERIFY(spread); // the seeds differ: a band, not a line

    // The small multiples: a panel per variant, every line banded, every panel on the same axes.
    const std::vector<esui::ComparisonFigure> figures = esui::comparisonFigures(reps, table, outcomes);
    QVERIFY(!figures.empty());
    for (const esui::ComparisonFigure& f : figures) {
        QCOMPARE(f.panels.size(), table.variants.size());
        for (const esui::ComparisonPanel& p : f.panels) {
            QCOMPARE(p.spec.yCover[0].high, f.panels.front().spec.yCover[0].high);
            QCOMPARE(p.spec.yCover[0].low, f.panels.front().spec.yCover[0].low);
            for (const esui::ChartLine& l : p.spec.lines) QVERIFY(!l.bandLow.empty() && p.store->series(l.bandHigh));
        }
    }
}

void TestCompareReport::sweepMarksTheTippingPointBesideTheory()
{
    // M/M/c with λ = 32/s and μ = 10/s per worker: ρ = 3.2 / c reaches 1 at c = 3.2.
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("out"));
    const CliResult r = runCli({QStringLiteral("compare"), kMmc, QStringLiteral("--seeds"), QStringLiteral("3"),
                                QStringLiteral("--sweep"), QStringLiteral("services.server.concurrency=2..6:1"),
                                QStringLiteral("--set"), QStringLiteral("duration=600s"), QStringLiteral("--no-store"),
                                QStringLiteral("--export"), out});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QFile f(out + QStringLiteral("/sweep.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject sweep = QJsonDocument::fromJson(f.readAll()).object();
    const QJsonObject base = sweep.value("variants").toArray().first().toObject();
    const QJsonObject theory = base.value("tipping_point_theory").toObject();
    QVERIFY(std::abs(theory.value("x").toDouble() - 3.2) < 1e-9);
    QCOMPARE(theory.value("saturated").toString(), QStringLiteral("below"));
    // Measured: c = 3 keeps every worker busy (ρ = 1.07), c = 4 does not (ρ = 0.8).
    const QJsonObject measured = base.value("tipping_point_measured").toObject();
    QCOMPARE(measured.value("x").toDouble(), 3.5);
    // The theory's p50 at c = 4 is the closed form, and the simulated p50 is near it.
    const QJsonArray points = base.value("points").toArray();
    const QJsonObject c4 = points.at(2).toObject();
    QCOMPARE(c4.value("value").toString(), QStringLiteral("4"));
    const double p50 = c4.value("theory").toObject().value("p50_s").toDouble();
    QCOMPARE(p50, es::theory::mmcSojournQuantile(4, 32, 10, 0.5));
    QVERIFY(points.at(0).toObject().value("theory").toObject().value("p50_s").isNull()); // unstable: none
    QFile table(out + QStringLiteral("/table.json"));
    QVERIFY(table.open(QIODevice::ReadOnly));
    for (const QJsonValue& row : QJsonDocument::fromJson(table.readAll()).object().value("rows").toArray()) {
        const QJsonObject o = row.toObject();
        if (o.value("variant").toString() != QStringLiteral("concurrency=4") || o.value("column").toString() != QStringLiteral("latency_p50_s")) continue;
        QVERIFY2(std::abs(o.value("mean").toDouble() / p50 - 1) < 0.15, qPrintable(QString::number(o.value("mean").toDouble())));
    }
    // The curves: latency with the theory beside it, and the utilisation that reaches 100%.
    for (const char* id : {"sweep-latency", "sweep-utilisation", "sweep-max-lag"})
        QVERIFY2(QFileInfo::exists(QStringLiteral("%1/charts/%2.svg").arg(out, QLatin1String(id))), id);
    QFile svg(out + QStringLiteral("/charts/sweep-latency.svg"));
    QVERIFY(svg.open(QIODevice::ReadOnly));
    const QByteArray text = svg.readAll();
    QVERIFY(text.contains("M/M/c theory"));
    QVERIFY(text.contains("the backlog grows without bound"));
}

void TestCompareReport::sojournQuantilesHaveTheirClosedForm()
{
    // M/M/1: the time in system is exponential with rate μ − λ, so its p-quantile is −ln(1 − p) / (μ − λ).
    for (double p : {0.5, 0.95, 0.99})
        QVERIFY(std::abs(es::theory::mmcSojournQuantile(1, 8, 10, p) / (-std::log(1 - p) / 2) - 1) < 1e-8);
    // M/M/c: the chance over t falls from 1, and its median lies between the service's and the M/M/1's.
    QCOMPARE(es::theory::mmcSojournExceeds(4, 32, 10, 0), 1.0);
    const double m = es::theory::mmcSojournQuantile(4, 32, 10, 0.5);
    QVERIFY(std::abs(es::theory::mmcSojournExceeds(4, 32, 10, m) - 0.5) < 1e-8);
    QVERIFY(m > std::log(2) / 10);
    QVERIFY(std::isinf(es::theory::mmcSojournQuantile(3, 32, 10, 0.5))); // unstable
}

QTEST_MAIN(TestCompareReport)
#include "tst_compare_report.moc"

// Export of one chart (issue 14, Export): a PNG has the asked size and DPI (pHYs, and the drawing is
// scaled, not only labelled); SVG parses and carries the title, axis titles with units, the legend
// and the caption; the PDF opens in pdfinfo at the asked page size; the CSV's rows are the store's
// points (count and values) with units in the header; a stored run's series load into a ChartStore
// point for point.
#include "PdfInfo.h"
#include "charts/ChartCsv.h"
#include "charts/ChartExport.h"
#include "charts/ChartStore.h"
#include "charts/StoredRunCharts.h"
#include "store/RunStore.h"

#include <QFile>
#include <QImage>
#include <QRegularExpression>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include <cmath>

using namespace esui;

namespace {

// Two series sampled every 0.5 s from 0.5 to 50 s; the second is NaN in its first ten rows (a
// latency with no event yet).
ChartStore twoLineStore()
{
    SeriesRows rows;
    rows.run = 1;
    rows.names = {"g.lag_messages", "h.lag_messages"};
    for (int i = 1; i <= 100; ++i) {
        const double t = i * 0.5;
        rows.times.push_back(t);
        rows.values.push_back(std::sin(t) * 100 + 100.1);
        rows.values.push_back(i <= 10 ? std::nan("") : t / 3);
    }
    ChartStore store;
    store.append(rows);
    return store;
}

ChartExportJob job(QSize size, int dpi = 96)
{
    ChartSpec spec{"lag", "Consumer lag", "lag (messages)", {}, {{"g.lag_messages", "g", 0}, {"h.lag_messages", "h", 0}}, {}};
    ChartExportJob j{spec, {}, 0, 50, size};
    j.dpi = dpi;
    j.marks.failures.push_back({10, 20, "crash g"});
    j.marks.caption = "Catch-up — variant slow, seed 42";
    return j;
}

// The mean grey-level difference of `a`, shrunk to `b`'s size, and `b`.
double meanDifference(const QImage& a, const QImage& b)
{
    const QImage x = a.scaled(b.size(), Qt::IgnoreAspectRatio, Qt::SmoothTransformation).convertToFormat(QImage::Format_RGB32);
    const QImage y = b.convertToFormat(QImage::Format_RGB32);
    double sum = 0;
    for (int r = 0; r < y.height(); ++r)
        for (int c = 0; c < y.width(); ++c) sum += std::abs(qGray(x.pixel(c, r)) - qGray(y.pixel(c, r)));
    return sum / (y.width() * y.height());
}

QList<QStringList> csvRows(const QString& text)
{
    QList<QStringList> rows;
    for (const QString& line : text.split('\n', Qt::SkipEmptyParts)) rows << line.split(',');
    return rows;
}

} // namespace

class TestChartExport : public QObject {
    Q_OBJECT
private slots:
    void pngHasTheAskedSizeAndDpi()
    {
        QTemporaryDir dir;
        const ChartStore store = twoLineStore();
        for (int dpi : {96, 300}) {
            const QString path = dir.filePath(QString("lag-%1.png").arg(dpi));
            QVERIFY(exportChart(job(QSize(1500, 900), dpi), store, path, ChartFormat::Png));
            const QImage png(path);
            QCOMPARE(png.size(), QSize(1500, 900));
            // The pHYs chunk: dots per metre from the DPI (PNG stores whole dots per metre).
            QCOMPARE(png.dotsPerMeterX(), qRound(dpi / 0.0254));
            QCOMPARE(png.dotsPerMeterY(), qRound(dpi / 0.0254));
        }
        // At 300 dpi the drawing is scaled, not only labelled: shrunk to 480 x 288 (1500 x 900 at
        // 96/300) it looks like the chart drawn at 480 x 288 and 96 dpi, much more than the 96 dpi
        // file shrunk the same way does (its text and lines are laid out for 1500 pixels).
        const QImage reference = renderChartImage(job(QSize(480, 288), 96), store);
        const double scaled = meanDifference(QImage(dir.filePath("lag-300.png")), reference);
        const double unscaled = meanDifference(QImage(dir.filePath("lag-96.png")), reference);
        QVERIFY2(scaled < unscaled * 0.6, qPrintable(QString("%1 vs %2").arg(scaled).arg(unscaled)));
        // renderChartImage is what Copy puts on the clipboard: the same pixels as the file.
        QCOMPARE(renderChartImage(job(QSize(1500, 900), 300), store).convertToFormat(QImage::Format_ARGB32),
                 QImage(dir.filePath("lag-300.png")).convertToFormat(QImage::Format_ARGB32));
    }

    void svgParsesAndCarriesTitleAxesLegendCaption()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("lag.svg");
        QVERIFY(exportChart(job(QSize(1000, 500)), twoLineStore(), path, ChartFormat::Svg));
        QVERIFY(QSvgRenderer(path).isValid());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&f);
        QString text;
        int paths = 0;
        while (!xml.atEnd()) {
            const auto token = xml.readNext();
            if (token == QXmlStreamReader::StartElement && (xml.name() == u"path" || xml.name() == u"polyline")) ++paths;
            if (token == QXmlStreamReader::Characters) text += xml.text().toString() + QLatin1Char('|');
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(paths > 5); // vector, not an embedded image
        for (const char* expected : {"Consumer lag", "simulated time (s)", "lag (messages)", "Catch-up — variant slow, seed 42", "crash g"})
            QVERIFY2(text.contains(QString::fromUtf8(expected)), qPrintable(QString("%1 not in %2").arg(expected, text.left(400))));
        // The legend names both lines.
        QVERIFY(text.contains("|g|") && text.contains("|h|"));
    }

    void pdfOpensAtTheAskedPageSize()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("lag.pdf");
        QVERIFY(exportChart(job(QSize(800, 448)), twoLineStore(), path, ChartFormat::Pdf));
        const auto info = pdfInfo(path);
        if (!info) QSKIP("pdfinfo (poppler-utils) is not installed: scripts/setup.sh installs it");
        QCOMPARE(info->exitCode, 0);
        QVERIFY2(info->report.contains(QRegularExpression("Pages:\\s+1\\n")), qPrintable(info->report));
        QVERIFY2(info->report.contains("600 x 336 pts"), qPrintable(info->report)); // 800 x 448 px at 96 dpi
        QVERIFY2(info->report.contains("Consumer lag"), qPrintable(info->report));   // the title
    }

    void csvRowsAreTheStoresPoints()
    {
        const ChartStore store = twoLineStore();
        const ChartExportJob j = job(QSize(800, 400));
        const QList<QStringList> rows = csvRows(chartCsv(j.spec, store, 0, 50));
        QCOMPARE(rows.front(), (QStringList{"simulated time (s)", "g: lag (messages)", "h: lag (messages)"}));
        const SeriesBuffer& g = *store.series("g.lag_messages");
        const SeriesBuffer& h = *store.series("h.lag_messages");
        QCOMPARE(rows.size() - 1, static_cast<qsizetype>(g.size()));
        for (std::size_t i = 0; i < g.size(); ++i) {
            const QStringList& r = rows[static_cast<qsizetype>(i) + 1];
            QCOMPARE(r.size(), 3);
            QCOMPARE(r[0].toDouble(), g[i].t); // exact: the shortest text that reads back the same
            QCOMPARE(r[1].toDouble(), g[i].v);
            if (std::isnan(h[i].v)) QVERIFY(r[2].isEmpty());
            else QCOMPARE(r[2].toDouble(), h[i].v);
        }
        // The chart's time range bounds the rows: 10 s to 20 s is rows 10.0, 10.5, …, 20.0.
        QCOMPARE(csvRows(chartCsv(j.spec, store, 10, 20)).size() - 1, 21);
        // A second axis' unit goes into its columns' headers.
        ChartSpec users{"users", "Users", "latency (s)", "requests / s", {{"g.lag_messages", "p50", 0}, {"h.lag_messages", "ok/s", 1}}, {}};
        QCOMPARE(csvRows(chartCsv(users, store, 0, 50)).front(), (QStringList{"simulated time (s)", "p50: latency (s)", "ok/s: requests / s"}));
        QTemporaryDir dir;
        QVERIFY(writeChartCsv(j.spec, store, 0, 50, dir.filePath("lag.csv")));
        QString error;
        QVERIFY(!writeChartCsv(j.spec, store, 0, 50, "/nonexistent/x.csv", &error));
        QVERIFY(error.contains("/nonexistent/x.csv"));
    }

    void storedSeriesLoadPointForPoint()
    {
        es::StoredSeries a{"q.depth", {1, 2, 3, 4}, {5, 6, std::nan(""), 8}};
        es::StoredSeries b{"q.dlq", {1, 2, 3, 4}, {0, 0, 1, 1}};
        const auto store = chartStoreFromSeries({a, b});
        QCOMPARE(store->names(), (std::vector<std::string>{"q.depth", "q.dlq"}));
        const SeriesBuffer& d = *store->series("q.depth");
        QCOMPARE(d.size(), std::size_t{4});
        QCOMPARE(d[3].v, 8.0);
        QVERIFY(std::isnan(d[2].v));
        QCOMPARE((*store->series("q.dlq"))[2].v, 1.0);
        // More rows than a window buffer holds: none is compacted away.
        es::StoredSeries longRun{"q.depth", {}, {}};
        for (int i = 0; i < 100000; ++i) longRun.times.push_back(i), longRun.values.push_back(i % 7);
        QCOMPARE(chartStoreFromSeries({longRun})->series("q.depth")->size(), std::size_t{100000});
    }
};

QTEST_MAIN(TestChartExport)
#include "tst_chart_export.moc"

// The chart layer (ui/charts/) on its own: min/max decimation keeps every pixel column's extremes
// within a bounded point count; the window's buffers stay bounded and keep peaks; the store skips
// repeated rows and starts over on a new run; a failure period is shaded where it happened; PNG, SVG
// and PDF exports come out of the one painting path with the asked size and real content.
#include "charts/ChartCatalog.h"
#include "charts/ChartExport.h"
#include "charts/ChartFigure.h"
#include "charts/ChartStore.h"
#include "charts/Decimation.h"
#include "charts/SeriesBuffer.h"
#include "charts/TheoryLines.h"
#include "metrics/LatencyDistribution.h"

#include <QFile>
#include <QImage>
#include <QPainter>
#include <QProcess>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include <cmath>
#include <random>

using namespace esui;

namespace {

// One series "g.lag_messages" (and a second, "g.lag_seconds"), sampled every 0.1 s from 0.1 to 100 s:
// a triangle that rises from 30 s to 60 s and falls back by 70 s.
ChartStore triangleStore()
{
    SeriesRows rows;
    rows.run = 1;
    rows.names = {"g.lag_messages", "g.lag_seconds"};
    for (int i = 1; i <= 1000; ++i) {
        const double t = i * 0.1;
        const double v = t < 30 ? 0 : t < 60 ? (t - 30) * 80 : t < 70 ? (70 - t) * 240 : 0;
        rows.times.push_back(t);
        rows.values.push_back(v);
        rows.values.push_back(v / 80);
    }
    ChartStore store;
    store.append(rows);
    return store;
}

ChartSpec lagSpec() { return ChartSpec{"lag", "Consumer lag", "lag (messages)", {}, {{"g.lag_messages", "g", 0}}, {}}; }

ChartExportJob lagJob(QSize size)
{
    ChartExportJob job{lagSpec(), {}, 0, 100, size};
    job.marks.failures.push_back({30, 60, "crash g"});
    job.marks.notes.push_back({29, "about to crash"});
    job.marks.cursor = 100;
    job.marks.caption = "test — variant base, seed 1";
    return job;
}

bool reddish(QRgb c) { return qRed(c) > qGreen(c) + 12 && qRed(c) > qBlue(c) + 12; }

} // namespace

class TestCharts : public QObject {
    Q_OBJECT
private slots:
    void decimationKeepsEveryColumnsMinAndMax()
    {
        SeriesBuffer buf(1 << 20);
        std::mt19937 rng(7);
        std::normal_distribution<double> noise(0, 1);
        const int n = 200000;
        for (int i = 0; i < n; ++i) buf.append(i * 0.001, std::sin(i * 0.0005) * 10 + noise(rng)); // t in [0, 200)
        const double t0 = 20, t1 = 180;
        const int columns = 640;
        QList<QPointF> out;
        decimateMinMax(buf, t0, t1, columns, out);
        QVERIFY2(out.size() <= 2 * columns + 3, qPrintable(QString::number(out.size())));
        QVERIFY(out.size() >= columns); // every column has points here
        for (int i = 1; i < out.size(); ++i) QVERIFY(out[i].x() > out[i - 1].x()); // time order, no repeats
        // Each column's true extremes are among the points drawn.
        const double w = (t1 - t0) / columns;
        std::vector<double> lo(columns, 1e300), hi(columns, -1e300);
        for (std::size_t i = buf.lowerBound(t0); i < buf.size() && buf[i].t <= t1; ++i) {
            const int c = std::min(columns - 1, static_cast<int>((buf[i].t - t0) / w));
            lo[c] = std::min(lo[c], buf[i].v);
            hi[c] = std::max(hi[c], buf[i].v);
        }
        std::vector<double> dlo(columns, 1e300), dhi(columns, -1e300);
        for (const QPointF& p : out) {
            if (p.x() < t0 || p.x() > t1) continue;
            const int c = std::min(columns - 1, static_cast<int>((p.x() - t0) / w));
            dlo[c] = std::min(dlo[c], p.y());
            dhi[c] = std::max(dhi[c], p.y());
        }
        for (int c = 0; c < columns; ++c) {
            QCOMPARE(dlo[c], lo[c]);
            QCOMPARE(dhi[c], hi[c]);
        }
        // The line reaches both edges and ends on the newest point in range.
        QVERIFY(out.front().x() < t0);
        QVERIFY(out.back().x() > t1);
        std::size_t past = buf.lowerBound(t1);
        while (buf[past].t <= t1) ++past;
        QCOMPARE(out[out.size() - 2].x(), buf[past - 1].t);
    }

    void bufferIsBoundedAndKeepsPeaks()
    {
        SeriesBuffer buf(1000);
        for (int i = 0; i < 1'000'000; ++i) {
            const double v = i == 654'321 ? 1e6 : i == 123'457 ? -5e5 : (i % 17);
            buf.append(i, v);
            QVERIFY(buf.size() <= buf.capacity());
        }
        double lo = 1e300, hi = -1e300;
        for (std::size_t i = 0; i < buf.size(); ++i) {
            lo = std::min(lo, buf[i].v), hi = std::max(hi, buf[i].v);
            if (i) QVERIFY(buf[i].t > buf[i - 1].t);
        }
        QCOMPARE(hi, 1e6);
        QCOMPARE(lo, -5e5);
        QVERIFY(buf.size() >= buf.capacity() / 4);
        QCOMPARE(buf.back().t, 999'999.0); // the newest point survives
    }

    void storeSkipsRepeatedRowsAndStartsOverOnANewRun()
    {
        SeriesRows a{1, {"x"}, {1, 2, 3}, {10, 20, 30}};
        ChartStore store;
        QVERIFY(store.append(a));
        SeriesRows again{1, {"x"}, {2, 3, 4}, {20, 30, 40}}; // a snapshot that repeats two rows
        QVERIFY(store.append(again));
        QCOMPARE(store.series("x")->size(), std::size_t{4});
        QVERIFY(!store.append(SeriesRows{1, {"x"}, {4}, {40}}));
        QCOMPARE(store.lastTime(), 4.0);
        QVERIFY(store.append(SeriesRows{2, {"x"}, {1}, {99}})); // a restart
        QCOMPARE(store.series("x")->size(), std::size_t{1});
        QCOMPARE(store.series("x")->back().v, 99.0);
        QVERIFY(store.series("nope") == nullptr);
    }

    void catalogMakesChartsOnlyForWhatIsSampled()
    {
        const std::vector<std::string> names = {"indexer.lag_messages", "indexer.lag_seconds", "indexer.latency_p50_s",
                                                "indexer.latency_p95_s", "indexer.latency_p99_s", "indexer.throughput_per_s",
                                                "indexer.in_progress", "catalog.produced_per_s", "log.indexer.p0.lag",
                                                "log.indexer.p0.lag_seconds", "indexer.lag_status"};
        const std::vector<ChartSpec> charts = defaultCharts(names);
        QStringList ids;
        for (const ChartSpec& c : charts) ids << c.id;
        QCOMPARE(ids, QStringList({"lag-messages", "lag-seconds", "partition-lag", "partition-lag-seconds", "latency",
                                   "latency-distribution", "throughput", "in-flight"})); // no queue chart
        QCOMPARE(charts[5].kind, ChartKind::Distribution);
        QCOMPARE(charts[5].lines.size(), std::size_t{1});
        QCOMPARE(charts[5].lines[0].series, std::string("indexer"));
        QCOMPARE(charts[1].lines.size(), std::size_t{1}); // the per-partition series stays out of the group's chart
        QCOMPARE(charts[2].lines.size(), std::size_t{1}); // and has its own
        QCOMPARE(charts[4].lines.size(), std::size_t{3});
        QCOMPARE(lagStatusGroups(names), std::vector<std::string>{"indexer"});
    }

    void figureShowsTheStoresLastValue()
    {
        const ChartStore store = triangleStore();
        ChartFigure f(lagSpec());
        f.resize(QSizeF(800, 300));
        f.setTimeRange(0, 100);
        f.refresh(store);
        QVERIFY(f.pointCount(0) > 0 && f.pointCount(0) <= 2 * f.columns() + 3);
        QCOMPARE(f.lastValue(0), store.series("g.lag_messages")->back().v);
        f.setTimeRange(0, 65);
        f.refresh(store);
        // A range that ends before the data does: the line runs on to the first point past its edge.
        const SeriesBuffer& b = *store.series("g.lag_messages");
        std::size_t past = 0;
        while (b[past].t <= 65) ++past;
        QCOMPARE(f.lastValue(0), b[past].v);
    }

    void failurePeriodIsShadedAtItsTimes()
    {
        // Draw the chart with no line at all, so only the marks colour the plot.
        ChartStore empty;
        ChartExportJob job = lagJob(QSize(1000, 400));
        QImage image(job.size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        ChartFigure f(job.spec);
        f.resize(QSizeF(job.size));
        f.setMarks(job.marks);
        f.setTimeRange(0, 100);
        f.refresh(empty);
        {
            QPainter p(&image);
            f.paint(p, QRectF(0, 0, 1000, 400));
        }
        // Scan a row through the middle of the image: red where 30..60 s is, not elsewhere.
        const int y = 200;
        int firstRed = -1, lastRed = -1;
        for (int x = 0; x < image.width(); ++x)
            if (reddish(image.pixel(x, y))) {
                if (firstRed < 0) firstRed = x;
                lastRed = x;
            }
        QVERIFY(firstRed > 0);
        // The plot spans roughly the image minus the axes: check proportions instead of pixels.
        const double a = firstRed / 1000.0, z = lastRed / 1000.0;
        QVERIFY2(a > 0.25 && a < 0.45 && z > 0.5 && z < 0.7, qPrintable(QString("%1 .. %2").arg(a).arg(z)));
    }

    void exportsPngSvgPdfFromTheSamePainting()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const ChartStore store = triangleStore();
        const ChartExportJob job = lagJob(QSize(1200, 500));
        const QStringList files = exportCharts({job}, store, dir.path(), {ChartFormat::Png, ChartFormat::Svg, ChartFormat::Pdf});
        QCOMPARE(files.size(), 3);

        QImage png(dir.filePath("lag.png"));
        QCOMPARE(png.size(), QSize(1200, 500));
        const QRgb background = png.pixel(2, 2);
        int other = 0;
        for (int y = 0; y < png.height(); y += 3)
            for (int x = 0; x < png.width(); x += 3) other += png.pixel(x, y) != background;
        QVERIFY2(other > 2000, qPrintable(QString::number(other)));

        QSvgRenderer svg(dir.filePath("lag.svg"));
        QVERIFY(svg.isValid());
        QFile svgFile(dir.filePath("lag.svg"));
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&svgFile);
        int paths = 0;
        while (!xml.atEnd())
            if (xml.readNext() == QXmlStreamReader::StartElement && (xml.name() == u"path" || xml.name() == u"polyline")) ++paths;
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(paths > 5); // vector lines, not one embedded image

        QFile pdf(dir.filePath("lag.pdf"));
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QCOMPARE(pdf.read(5), QByteArray("%PDF-"));
        const QString pdfinfo = QStandardPaths::findExecutable("pdfinfo");
        if (pdfinfo.isEmpty()) QSKIP("pdfinfo (poppler-utils) is not installed");
        QProcess info;
        info.start(pdfinfo, {dir.filePath("lag.pdf")});
        QVERIFY(info.waitForFinished(20000));
        QCOMPARE(info.exitCode(), 0);
        const QString out = QString::fromUtf8(info.readAllStandardOutput());
        QVERIFY2(out.contains("Pages:           1"), qPrintable(out));
        QVERIFY2(out.contains("900 x 375 pts"), qPrintable(out)); // 1200 x 500 px at 96 dpi
    }

    void theoryLinesCompareTheSimulatedMean()
    {
        es::TheoryReference mm1;
        mm1.model = "M/M/1";
        mm1.group = "server";
        mm1.meanSojourn = 0.5;
        ChartStore store;
        QVERIFY(theoryLines(std::nullopt, store).empty());
        QCOMPARE(theoryLines(mm1, store).size(), std::size_t{1}); // no data yet: theory only
        // Two windows: 0.4 s at 10/s and 0.7 s at 30/s: the mean per effect is (4 + 21) / 40 = 0.625 s.
        store.append(SeriesRows{1, {"server.latency_mean_s", "server.throughput_per_s"}, {1, 2}, {0.4, 10, 0.7, 30}});
        QCOMPARE(simulatedMeanLatency(store, "server"), 0.625);
        const std::vector<ChartReference> refs = theoryLines(mm1, store);
        QCOMPARE(refs.size(), std::size_t{2});
        QCOMPARE(refs[0].value, 0.5);
        QVERIFY2(refs[0].label.contains("M/M/1") && refs[0].label.contains("0.5"), qPrintable(refs[0].label));
        QCOMPARE(refs[1].value, 0.625);
        QVERIFY2(refs[1].label.contains("+25.0%"), qPrintable(refs[1].label));
        // Drawn as lines of their own, after the data lines.
        ChartSpec spec{"latency", "Latency", "s", {}, {{"server.latency_mean_s", "mean", 0}}, refs};
        ChartFigure f(spec);
        f.setTimeRange(0, 2);
        f.refresh(store);
        QCOMPARE(f.pointCount(0), 2);
        f.setReferences({});
        QCOMPARE(f.spec().references.size(), std::size_t{0});
    }

    void distributionQuantilesAreTheHistogramsOwn()
    {
        // Log-normal-ish latencies from 0.2 ms to seconds, with a few exact repeats.
        es::LatencyHistogram h;
        std::mt19937_64 rng(11);
        std::lognormal_distribution<double> ln(std::log(0.02), 1.2);
        for (int i = 0; i < 50000; ++i) h.record(static_cast<es::SimTime>(ln(rng) * 1e9));
        for (int i = 0; i < 100; ++i) h.record(5'000'000);
        es::LatencyDistribution d;
        d.assign("g", h);
        QCOMPARE(d.count, h.count());
        QVERIFY(d.buckets.size() < 2000); // compact: only the buckets that hold values
        for (double q : {0.0, 0.001, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999, 1.0}) QCOMPARE(d.quantileSeconds(q), h.quantileSeconds(q));
        const auto cdf = d.cdf();
        QCOMPARE(cdf.size(), d.buckets.size() + 1);
        QCOMPARE(cdf.front().share, 0.0);
        QCOMPARE(cdf.back().share, 1.0);
        QCOMPARE(cdf.back().seconds, h.maxSeconds());
        for (std::size_t i = 1; i < cdf.size(); ++i) QVERIFY(cdf[i].seconds > cdf[i - 1].seconds && cdf[i].share > cdf[i - 1].share);

        // Drawn: one curve and the three percentiles as marks, on a chart that exports.
        ChartStore store;
        store.setDistributions({d});
        ChartSpec spec{"dist", "Latency distribution", "events at or below (%)", {}, {{"g", "g", 0}}, {}};
        spec.kind = ChartKind::Distribution;
        ChartFigure f(spec);
        f.refresh(store);
        QCOMPARE(f.pointCount(0), static_cast<int>(cdf.size()));
        QCOMPARE(f.lastValue(0), 100.0);
        const std::vector<double> p = f.percentiles(0);
        QCOMPARE(p.size(), std::size_t{3});
        QCOMPARE(p[0], h.quantileSeconds(0.50));
        QCOMPARE(p[1], h.quantileSeconds(0.95));
        QCOMPARE(p[2], h.quantileSeconds(0.99));
        QVERIFY2(f.legendLabel(0).startsWith("g: p50 ") && f.legendLabel(0).contains(" · p99 "), qPrintable(f.legendLabel(0)));
        QTemporaryDir dir;
        ChartExportJob job{spec, {}, 0, 1, QSize(800, 400)};
        job.marks.caption = "caption";
        QVERIFY(exportChart(job, store, dir.filePath("d.png"), ChartFormat::Png));
        QImage png(dir.filePath("d.png"));
        QCOMPARE(png.size(), QSize(800, 400));
        // An empty group draws nothing, and no marks.
        ChartStore empty;
        f.refresh(empty);
        QCOMPARE(f.pointCount(0), 0);
        QVERIFY(f.percentiles(0).empty());
    }

    void unwritablePathIsReported()
    {
        QString error;
        QVERIFY(!exportChart(lagJob(QSize(200, 100)), triangleStore(), "/nonexistent/dir/x.png", ChartFormat::Png, &error));
        QVERIFY(error.contains("/nonexistent/dir/x.png"));
        QCOMPARE(chartFormatForPath("a/b.SVG"), std::optional<ChartFormat>(ChartFormat::Svg));
        QVERIFY(!chartFormatFromName("jpeg"));
    }
};

QTEST_MAIN(TestCharts)
#include "tst_charts.moc"

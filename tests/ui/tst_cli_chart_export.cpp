// Headless chart export of a stored run (issue 14, Done means): `eventscape-cli run --store` saves a
// lesson's run; `eventscape-cli export RUN --png/--svg/--pdf DIR` draws its charts from the stored
// series with the window's chart code: the catalog's charts, PNGs of the asked size and DPI that are
// pixel for pixel what StoredRunCharts + ChartExport draw in this process, SVGs that parse, PDFs that
// pdfinfo opens at the asked page size. `run` needs no display (it never starts Qt); bad chart
// options exit with 2.
#include "PdfInfo.h"
#include "charts/ChartCatalog.h"
#include "charts/ChartExport.h"
#include "charts/StoredRunCharts.h"
#include "store/RunStore.h"

#include <QDir>
#include <QImage>
#include <QProcess>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QtTest>

using namespace esui;

namespace {

const char* kLesson = SCENARIOS_DIR "/lessons/consumer-catch-up.yaml";

struct Result {
    int exitCode = -1;
    QString out, err;
};

Result runCli(const QStringList& args, const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(CLI_PATH), args);
    Result r;
    if (!p.waitForFinished(180000)) return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

} // namespace

class TestCliChartExport : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QString store_;

private slots:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        store_ = dir_.filePath("runs.sqlite");
        // No display and a platform that needs one: `run` must not start Qt at all.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove("DISPLAY");
        env.remove("WAYLAND_DISPLAY");
        env.insert("QT_QPA_PLATFORM", "xcb");
        const Result r = runCli({"run", kLesson, "--store", store_}, env);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains("run saved: #1"), qPrintable(r.err));
    }

    void exportDrawsTheStoredRunsCharts()
    {
        const QString png = dir_.filePath("png"), svg = dir_.filePath("svg"), pdf = dir_.filePath("pdf"), csv = dir_.filePath("csv");
        const Result r = runCli({"export", "1", "--store", store_, "--png", png, "--svg", svg, "--pdf", pdf, "--csv", csv,
                                 "--size", "800x448", "--dpi", "144"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        // The window's chart set for these series (the latency distribution needs the run's
        // histograms, which the store does not keep).
        es::RunStore store(store_.toStdString());
        const es::RunRecord run = store.findRun("1");
        const StoredRunCharts charts = loadStoredRunCharts(store, run, QSize(800, 448), 144);
        QVERIFY2(charts.warning.isEmpty(), qPrintable(charts.warning));
        QVERIFY(charts.caption.contains("seed") && charts.caption.contains("run #1"));
        QStringList expected;
        for (const ChartSpec& s : defaultCharts(charts.store->names()))
            if (s.kind == ChartKind::Time) expected << s.id;
        QVERIFY(expected.contains("lag-messages") && expected.contains("latency"));
        QCOMPARE(static_cast<qsizetype>(charts.jobs.size()), expected.size());
        for (const QString& id : expected) {
            const QImage image(QDir(png).filePath(id + ".png"));
            QCOMPARE(image.size(), QSize(800, 448));
            QCOMPARE(image.dotsPerMeterX(), qRound(144 / 0.0254));
            QVERIFY2(QSvgRenderer(QDir(svg).filePath(id + ".svg")).isValid(), qPrintable(id));
            QVERIFY(r.out.contains(QDir(pdf).filePath(id + ".pdf")));
        }
        // The same code: what this process draws from the same stored run is the CLI's PNG.
        for (const ChartExportJob& job : charts.jobs)
            if (job.spec.id == QLatin1String("lag-messages"))
                QCOMPARE(renderChartImage(job, *charts.store).convertToFormat(QImage::Format_ARGB32),
                         QImage(QDir(png).filePath("lag-messages.png")).convertToFormat(QImage::Format_ARGB32));
        QVERIFY(QFile::exists(QDir(csv).filePath("failures.csv"))); // --csv still combines
        const auto info = pdfInfo(QDir(pdf).filePath("lag-messages.pdf"));
        if (!info) QSKIP("pdfinfo (poppler-utils) is not installed: scripts/setup.sh installs it");
        QCOMPARE(info->exitCode, 0);
        QVERIFY2(info->report.contains("600 x 336 pts"), qPrintable(info->report));
    }

    void badChartOptionsExitWithTwo()
    {
        Result r = runCli({"export", "1", "--store", store_, "--png", dir_.filePath("x"), "--size", "huge"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--size huge"), qPrintable(r.err));
        r = runCli({"export", "1", "--store", store_});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("nothing to write"), qPrintable(r.err));
        r = runCli({"export", "1", "--store", store_, "--png", dir_.filePath("x"), "--dpi", "5"});
        QCOMPARE(r.exitCode, 2);
    }
};

QTEST_MAIN(TestCliChartExport)
#include "tst_cli_chart_export.moc"

// Headless chart export of a stored run (issue 14, Done means): `eventscape-cli run --store` saves a
// lesson's run; `eventscape-cli export RUN --png/--svg/--pdf DIR` draws its charts from the stored
// series with the window's chart code: the charts the lesson's charts: list names, in its order
// (every chart with --all-charts, the latency distribution from the stored histograms at the
// summary's percentiles), PNGs of the asked size and DPI that are
// pixel for pixel what StoredRunCharts + ChartExport draw in this process, SVGs that parse, PDFs that
// pdfinfo opens at the asked page size. `run` needs no display (it never starts Qt); bad chart
// options exit with 2.
#include "PdfInfo.h"
#include "charts/ChartCatalog.h"
#include "charts/ChartExport.h"
#include "charts/ChartFigure.h"
#include "charts/StoredRunCharts.h"
#include "store/RunStore.h"

#include <nlohmann/json.hpp>

#include <QDir>
#include <QFileInfo>
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
        // The charts the lesson's charts: list names ([lag, lag-seconds]), in that order, as the
        // window opens them; the others only with --all-charts.
        es::RunStore store(store_.toStdString());
        const es::RunRecord run = store.findRun("1");
        const StoredRunCharts charts = loadStoredRunCharts(store, run, QSize(800, 448), 144);
        QVERIFY2(charts.warning.isEmpty(), qPrintable(charts.warning));
        QVERIFY(charts.caption.contains("seed") && charts.caption.contains("run #1"));
        const QStringList expected{"lag-messages", "lag-seconds"};
        QStringList ids;
        for (const ChartExportJob& job : charts.jobs) ids << job.spec.id;
        QCOMPARE(ids, expected);
        QStringList pngs; // printed in the list's order
        for (const QString& line : r.out.split('\n', Qt::SkipEmptyParts))
            if (line.endsWith(".png")) pngs << QFileInfo(line).completeBaseName();
        QCOMPARE(pngs, expected);
        QVERIFY(!QFile::exists(QDir(png).filePath("latency.png")));
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

    // --all-charts: every chart of the run, the listed ones first, with the latency distribution,
    // drawn from the histograms the store kept: its p50/p95/p99 are the run summary's own.
    void allChartsWithTheStoredLatencyDistribution()
    {
        const QString png = dir_.filePath("all");
        const Result r = runCli({"export", "1", "--store", store_, "--png", png, "--size", "800x448", "--all-charts"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        es::RunStore store(store_.toStdString());
        const es::RunRecord run = store.findRun("1");
        const StoredRunCharts charts = loadStoredRunCharts(store, run, QSize(800, 448), 96, ChartSelection::All);
        QStringList ids;
        for (const ChartExportJob& job : charts.jobs) ids << job.spec.id;
        QVERIFY2(ids.size() > 3 && ids[0] == "lag-messages" && ids[1] == "lag-seconds", qPrintable(ids.join(' ')));
        QVERIFY2(ids.contains("latency") && ids.contains("latency-distribution"), qPrintable(ids.join(' ')));
        for (const QString& id : ids) QCOMPARE(QImage(QDir(png).filePath(id + ".png")).size(), QSize(800, 448));

        const auto job = std::find_if(charts.jobs.begin(), charts.jobs.end(),
                                      [](const ChartExportJob& j) { return j.spec.id == "latency-distribution"; });
        ChartFigure figure(job->spec);
        figure.resize(QSizeF(800, 448));
        figure.refresh(*charts.store);
        const nlohmann::json summary = nlohmann::json::parse(run.summaryJson);
        QVERIFY(!job->spec.lines.empty());
        for (std::size_t line = 0; line < job->spec.lines.size(); ++line) {
            const nlohmann::json& g = summary["groups"][job->spec.lines[line].series]["latency_s"];
            const std::vector<double> p = figure.percentiles(static_cast<int>(line));
            QCOMPARE(p.size(), std::size_t{3});
            QCOMPARE(p[0], g["p50"].get<double>());
            QCOMPARE(p[1], g["p95"].get<double>());
            QCOMPARE(p[2], g["p99"].get<double>());
            QVERIFY(g["p99"].get<double>() > g["p50"].get<double>());
        }
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

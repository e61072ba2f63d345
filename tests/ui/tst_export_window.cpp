// Export from the window (issue 14, Export; offscreen): consumer-catch-up played to its end, then
// every chart through ChartExportActions, the functions its context menu and File → Export call:
// PNG at the asked size and DPI, SVG that parses, PDF that pdfinfo opens at the asked page size, CSV
// whose rows are the store's points in the chart's range, Copy image and Copy data on the
// clipboard; the caption names the scenario, variant and seed, and follows a reseed; the graph of
// the lesson as PNG, SVG and PDF through its one painting function; the menus hold those actions; a
// line hidden through the legend is left out of the SVG and the CSV.
#include "MainWindow.h"
#include "PdfInfo.h"
#include "actions/ChartExportActions.h"
#include "charts/ChartCsv.h"
#include "charts/ChartWidget.h"
#include "graph/GraphExport.h"
#include "graph/GraphView.h"
#include "panels/ChartsPanel.h"
#include "sim/SimulationController.h"
#include "widgets/ImageSizeDialog.h"
#include "widgets/SpeedControl.h"

#include <QClipboard>
#include <QFile>
#include <QMenu>
#include <QMimeData>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace esui;

namespace {

const char* kLesson = SCENARIOS_DIR "/lessons/consumer-catch-up.yaml";

int svgPaths(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return -1;
    QXmlStreamReader xml(&f);
    int n = 0;
    while (!xml.atEnd())
        if (xml.readNext() == QXmlStreamReader::StartElement && (xml.name() == u"path" || xml.name() == u"polyline")) ++n;
    return xml.hasError() ? -1 : n;
}

int inkPixels(const QImage& img)
{
    const QRgb bg = img.pixel(0, 0);
    int n = 0;
    for (int y = 0; y < img.height(); y += 2)
        for (int x = 0; x < img.width(); x += 2) n += img.pixel(x, y) != bg;
    return n;
}

} // namespace

class TestExportWindow : public QObject {
    Q_OBJECT
    std::unique_ptr<MainWindow> w_;
    QTemporaryDir dir_;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        w_ = std::make_unique<MainWindow>();
        QString error;
        QVERIFY2(w_->openScenario(kLesson, &error, true), qPrintable(error));
        w_->resize(1600, 900);
        w_->show();
        SimulationController* c = w_->controller();
        w_->speedControl()->setSpeed(0);
        c->setPauseAtNotes(false);
        QTRY_VERIFY(c->latest().seq > 0);
        c->play();
        QTRY_VERIFY_WITH_TIMEOUT(c->latest().state == RunState::Finished, 60000);
        QTest::qWait(50); // the last frame reached the dock
        QVERIFY(w_->chartsPanel()->charts().size() >= 4);
    }

    void everyChartExportsPngSvgPdfCsv()
    {
        ChartExportActions* a = w_->chartExportActions();
        ChartsPanel* panel = w_->chartsPanel();
        const ImageSize size{QSize(900, 500), 192};
        const auto jobs = panel->exportJobs();
        for (std::size_t i = 0; i < jobs.size(); ++i) {
            const int index = static_cast<int>(i);
            const QString id = jobs[i].spec.id;
            QString error;
            const QString png = dir_.filePath(id + ".png");
            QVERIFY2(a->exportChartTo(index, png, ChartOutput::Png, size, &error), qPrintable(error));
            const QImage image(png);
            QCOMPARE(image.size(), QSize(900, 500));
            QCOMPARE(image.dotsPerMeterX(), qRound(192 / 0.0254));
            QVERIFY2(inkPixels(image) > 1000, qPrintable(id));

            const QString svg = dir_.filePath(id + ".svg");
            QVERIFY2(a->exportChartTo(index, svg, ChartOutput::Svg, size, &error), qPrintable(error));
            QVERIFY(QSvgRenderer(svg).isValid());
            QVERIFY2(svgPaths(svg) > 5, qPrintable(id));

            const QString pdf = dir_.filePath(id + ".pdf");
            QVERIFY2(a->exportChartTo(index, pdf, ChartOutput::Pdf, size, &error), qPrintable(error));
            if (const auto info = pdfInfo(pdf)) {
                QCOMPARE(info->exitCode, 0);
                QVERIFY2(info->report.contains("675 x 375 pts"), qPrintable(info->report)); // 900 x 500 px at 96 dpi
            }

            const QString csv = dir_.filePath(id + ".csv");
            QVERIFY2(a->exportChartTo(index, csv, ChartOutput::Csv, size, &error), qPrintable(error));
            QFile f(csv);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QStringList lines = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
            QVERIFY(lines.size() > 1);
            QCOMPARE(lines.front().count(',') + 1, static_cast<qsizetype>(jobs[i].spec.lines.size()) + 1);
            if (jobs[i].spec.kind != ChartKind::Time) continue;
            // Each time chart's first line: one row per stored point in the chart's range, same values.
            const SeriesBuffer* b = panel->store().series(jobs[i].spec.lines[0].series);
            QVERIFY(b);
            std::vector<SeriesPoint> points;
            for (std::size_t k = b->lowerBound(jobs[i].t0); k < b->size() && (*b)[k].t <= jobs[i].t1; ++k) points.push_back((*b)[k]);
            QCOMPARE(lines.size() - 1, static_cast<qsizetype>(points.size()));
            for (std::size_t k = 0; k < points.size(); ++k) {
                const QStringList cells = lines[static_cast<qsizetype>(k) + 1].split(',');
                QCOMPARE(cells[0].toDouble(), points[k].t);
                if (std::isnan(points[k].v)) QVERIFY(cells[1].isEmpty());
                else QCOMPARE(cells[1].toDouble(), points[k].v);
            }
        }
        QString error;
        QVERIFY(!a->exportChartTo(99, dir_.filePath("missing.png"), ChartOutput::Png, size, &error));
    }

    // A line hidden through the legend (what a click on its entry does) is left out of the chart's
    // SVG and CSV, as the reader sees the chart; shown again, it is back in both.
    void hiddenLinesAreLeftOutOfExports()
    {
        ChartExportActions* a = w_->chartExportActions();
        ChartsPanel* panel = w_->chartsPanel();
        const auto& charts = panel->charts();
        const auto it = std::find_if(charts.begin(), charts.end(), [](ChartWidget* c) { return c->figure().spec().id == "latency"; });
        QVERIFY(it != charts.end());
        const int index = static_cast<int>(it - charts.begin());
        ChartFigure& figure = (*it)->figure();
        QVERIFY(figure.spec().lines.size() >= 3);
        const QString hidden = figure.spec().lines[1].label; // "indexer p95"
        const QString kept = figure.spec().lines[0].label;
        auto exported = [&](const QString& name, ChartOutput output) {
            QString error;
            const QString path = dir_.filePath(name);
            if (!a->exportChartTo(index, path, output, {QSize(1200, 700), 96}, &error)) return "error: " + error;
            QFile f(path);
            return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString("unreadable");
        };
        // Shown: both names are in the drawing and in the header.
        QVERIFY(exported("shown.svg", ChartOutput::Svg).contains(hidden));
        QVERIFY(exported("shown.csv", ChartOutput::Csv).section('\n', 0, 0).contains(hidden));

        figure.toggleLine(1);
        QVERIFY(!figure.lineVisible(1));
        const QString svg = exported("hidden.svg", ChartOutput::Svg);
        QVERIFY(QSvgRenderer(dir_.filePath("hidden.svg")).isValid());
        QVERIFY2(!svg.contains(hidden), qPrintable(hidden));
        QVERIFY2(svg.contains(kept), qPrintable(kept));
        const QString csv = exported("hidden.csv", ChartOutput::Csv);
        const QString header = csv.section('\n', 0, 0);
        QVERIFY2(!header.contains(hidden), qPrintable(header));
        QVERIFY2(header.contains(kept), qPrintable(header));
        QCOMPARE(header.count(',') + 1, static_cast<qsizetype>(figure.spec().lines.size())); // time + the lines left
        // The window's chart keeps the line (faded in its legend), to be clicked back on.
        QCOMPARE(figure.spec().lines.size(), panel->exportJobs()[static_cast<std::size_t>(index)].spec.lines.size() + 1);

        figure.toggleLine(1);
        QVERIFY(exported("again.svg", ChartOutput::Svg).contains(hidden));
        QVERIFY(exported("again.csv", ChartOutput::Csv).section('\n', 0, 0).contains(hidden));
    }

    void copyPutsImageAndDataOnTheClipboard()
    {
        ChartExportActions* a = w_->chartExportActions();
        QClipboard* clip = QApplication::clipboard();
        clip->clear();
        QVERIFY(a->copyChartImage(0, {QSize(640, 360), 96}));
        const QImage copied = clip->image();
        QVERIFY(!copied.isNull());
        QCOMPARE(copied.size(), QSize(640, 360));
        QVERIFY(inkPixels(copied) > 500);
        QVERIFY(a->copyChartData(0));
        const auto jobs = w_->chartsPanel()->exportJobs();
        QCOMPARE(clip->text(), chartCsv(jobs[0].spec, w_->chartsPanel()->store(), jobs[0].t0, jobs[0].t1));
        QVERIFY(clip->mimeData()->hasFormat("text/csv"));
    }

    void captionNamesScenarioVariantSeedAndFollowsAReseed()
    {
        ChartsPanel* panel = w_->chartsPanel();
        SimulationController* c = w_->controller();
        const QString seed = QString::number(c->seed());
        QVERIFY2(panel->caption().contains("variant base") && panel->caption().contains("seed " + seed), qPrintable(panel->caption()));
        for (const ChartExportJob& j : panel->exportJobs()) QCOMPARE(j.marks.caption, panel->caption());
        QFile svg(dir_.filePath("lag-messages.svg"));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        QVERIFY(QString::fromUtf8(svg.readAll()).contains("seed " + seed));
        c->newSeed();
        QTRY_VERIFY(c->seed() == seed.toULongLong() + 1);
        QVERIFY2(panel->caption().contains("seed " + QString::number(c->seed())), qPrintable(panel->caption()));
    }

    void graphExportsPngSvgPdf()
    {
        ChartExportActions* a = w_->chartExportActions();
        const GraphView& g = *w_->graphView();
        QVERIFY(!g.nodeItems().isEmpty());
        const QSize natural = graphExportSize(g);
        QVERIFY(natural.width() >= 200 && natural.height() >= 150);
        QString error;
        QVERIFY2(a->exportGraphTo(dir_.filePath("graph.png"), ChartFormat::Png, {QSize(1200, 800), 144}, &error), qPrintable(error));
        const QImage png(dir_.filePath("graph.png"));
        QCOMPARE(png.size(), QSize(1200, 800));
        QCOMPARE(png.dotsPerMeterX(), qRound(144 / 0.0254));
        QVERIFY(inkPixels(png) > 1000); // nodes and edges, not a blank page
        QVERIFY(a->exportGraphTo(dir_.filePath("graph.svg"), ChartFormat::Svg, {natural, 96}, &error));
        QVERIFY(QSvgRenderer(dir_.filePath("graph.svg")).isValid());
        QVERIFY(svgPaths(dir_.filePath("graph.svg")) > 5); // vector: the nodes' and edges' paths
        QVERIFY(a->exportGraphTo(dir_.filePath("graph.pdf"), ChartFormat::Pdf, {QSize(960, 480), 96}, &error));
        const auto info = pdfInfo(dir_.filePath("graph.pdf"));
        if (!info) QSKIP("pdfinfo (poppler-utils) is not installed: scripts/setup.sh installs it");
        QCOMPARE(info->exitCode, 0);
        QVERIFY2(info->report.contains("720 x 360 pts"), qPrintable(info->report));
    }

    void menusHoldTheExportActions()
    {
        ChartExportActions* a = w_->chartExportActions();
        QMenu context;
        a->fillChartMenu(&context, 0);
        QStringList texts;
        for (QAction* act : context.actions())
            if (!act->isSeparator()) texts << act->text().remove('&');
        QCOMPARE(texts, (QStringList{"Export as PNG…", "Export as SVG…", "Export as PDF…", "Export data as CSV…", "Copy image", "Copy data"}));
        QMenu* file = a->exportMenu();
        emit file->aboutToShow();
        int submenus = 0;
        for (QAction* act : file->actions()) submenus += act->menu() != nullptr;
        QCOMPARE(submenus, static_cast<int>(w_->chartsPanel()->charts().size()));
        // The dialog's value is what its boxes say.
        ImageSizeDialog dialog({QSize(1600, 900), 96});
        dialog.widthBox()->setValue(2400);
        dialog.dpiBox()->setValue(300);
        QCOMPARE(dialog.value().size, QSize(2400, 900));
        QCOMPARE(dialog.value().dpi, 300);
    }

    void cleanupTestCase() { w_.reset(); }
};

QTEST_MAIN(TestExportWindow)
#include "tst_export_window.moc"

#include "ChartExportCommand.h"

#include "ExitCodes.h"
#include "charts/PaintedExport.h"
#include "charts/ChartExport.h"
#include "charts/StoredRunCharts.h"
#include "report/ComparisonReport.h"
#include "store/RunStore.h"

#include <QApplication>
#include <QRegularExpression>

#include <chrono>
#include <iomanip>
#include <iostream>
#include <optional>

namespace cli {

namespace {

int drawCharts(es::RunStore& store, const es::RunRecord& run, const ChartExportRequest& request, QSize pixels)
{
    const esui::StoredRunCharts charts = esui::loadStoredRunCharts(
        store, run, pixels, request.dpi, request.allCharts ? esui::ChartSelection::All : esui::ChartSelection::Listed);
    if (!charts.warning.isEmpty()) std::cerr << "run #" << run.id << ": " << charts.warning.toStdString() << "\n";
    if (charts.jobs.empty()) {
        std::cerr << "run #" << run.id << " has no sampled series to draw\n";
        return kExitBadInput;
    }
    const std::pair<const std::string*, esui::ChartFormat> asked[] = {
        {&request.pngDir, esui::ChartFormat::Png}, {&request.svgDir, esui::ChartFormat::Svg}, {&request.pdfDir, esui::ChartFormat::Pdf}};
    QString firstError;
    for (const auto& [dir, format] : asked) {
        if (dir->empty()) continue;
        QString error;
        for (const QString& f : esui::exportCharts(charts.jobs, *charts.store, QString::fromStdString(*dir), {format}, &error))
            std::cout << f.toStdString() << "\n";
        if (!error.isEmpty() && firstError.isEmpty()) firstError = error;
    }
    if (!firstError.isEmpty()) {
        std::cerr << firstError.toStdString() << "\n";
        return kExitBadInput;
    }
    return kExitOk;
}

// Qt starts here, for the commands that draw only. Qt Charts' chart is a QGraphicsWidget, which takes
// its style from a QApplication: a QGuiApplication is not enough. Offscreen unless the caller chose a
// platform: a batch tool never needs a display. The charts are made and destroyed inside its life.
template <typename Draw>
int withOffscreenQt(Draw draw)
{
    if (QCoreApplication::instance()) return draw();
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    int argc = 1;
    char name[] = "eventscape-cli";
    char* argv[] = {name, nullptr};
    QApplication app(argc, argv);
    return draw();
}

} // namespace

int exportComparisonReport(const std::string& dir, const es::Replications& reps, const es::CompareTable& table,
                           const std::vector<es::RunOutcome>& outcomes)
{
    return withOffscreenQt([&] {
        const auto start = std::chrono::steady_clock::now();
        QString error;
        const QStringList files = esui::writeComparisonReport(QString::fromStdString(dir), reps, table, outcomes, &error);
        if (!error.isEmpty()) std::cerr << error.toStdString() << "\n";
        const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
        std::cerr << "charts and report: " << files.size() << " files in " << std::fixed << std::setprecision(2)
                  << took.count() << " s\n";
        return static_cast<int>(files.size());
    });
}

int exportStoredRunCharts(es::RunStore& store, const es::RunRecord& run, const ChartExportRequest& request)
{
    const auto pixels = esui::exportSizeFromText(request.size);
    if (!pixels) {
        std::cerr << "--size " << request.size << ": expected WIDTHxHEIGHT in pixels (100 to 10000), such as 1600x900\n";
        return kExitBadInput;
    }
    return withOffscreenQt([&] { return drawCharts(store, run, request, *pixels); });
}

} // namespace cli

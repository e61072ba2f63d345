// eventscape-charts: runs a scenario headless and draws the window's charts into files, with the
// very same chart code (ui/charts/: the catalog, the figure, the marks, the export), under
// QT_QPA_PLATFORM=offscreen when there is no display.
//   eventscape-charts SCENARIO --out DIR [--format png,svg,pdf] [--size 1600x900]
//                     [--dpi N] [--seed N] [--variant NAME] [--set path=value ...] [--all-charts]
// The charts are the scenario's `charts:` list, in order (all of them with --all-charts).
// A separate entry point, so eventscape-cli stays free of Qt. Exit codes as eventscape-cli's:
// 0 done, 2 bad input or usage (message on stderr), 3 the run broke conservation (charts still drawn).
#include "charts/PaintedExport.h"
#include "charts/ChartCatalog.h"
#include "charts/ChartExport.h"
#include "charts/ChartMarks.h"
#include "charts/ChartStore.h"
#include "charts/SeriesRows.h"
#include "charts/FinishedRunCharts.h"
#include "model/MetricsSampler.h"
#include "model/World.h"
#include "run/RunDriver.h"
#include "scenario/ScenarioLoader.h"
#include "store/StoredLatency.h"

#include <CLI/CLI.hpp>

#include <QApplication>
#include <QRegularExpression>

#include <iostream>

namespace {

constexpr int kExitOk = 0, kExitBadInput = 2, kExitInvariant = 3;


} // namespace

int main(int argc, char** argv)
{
    // Offscreen unless told otherwise: this is a batch tool, a display is never needed.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication qapp(argc, argv); // Qt Charts' chart is a graphics widget: it needs the widgets app

    CLI::App app{"Runs a scenario headless and draws its charts (PNG, SVG, PDF) into a folder"};
    std::string scenarioPath, outDir, formats = "png,svg,pdf", size = "1600x900", variant;
    std::vector<std::string> sets;
    std::uint64_t seed = 0;
    int dpi = 96;
    app.add_option("scenario", scenarioPath, "Scenario file (.yaml or .json)")->required();
    app.add_option("--out", outDir, "Folder for the charts (created if missing)")->required();
    app.add_option("--format", formats, "Comma-separated formats: png, svg, pdf");
    app.add_option("--size", size, "Width x height in pixels (SVG and PDF at 96 dpi)");
    app.add_option("--dpi", dpi, "PNG resolution: scales the drawing and is written in the file")->check(CLI::Range(24, 1200));
    app.add_option("--seed", seed, "Run seed (default: the scenario's)");
    app.add_option("--variant", variant, "One of the scenario's variants");
    app.add_option("--set", sets, "Override a scenario value: path.to.key=value (repeatable)");
    bool allCharts = false;
    app.add_flag("--all-charts", allCharts, "Draw every chart of the run, not only those the scenario's charts: list names (listed first)");
    CLI11_PARSE(app, argc, argv);

    std::vector<esui::ChartFormat> chosen;
    for (const QString& f : QString::fromStdString(formats).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const auto format = esui::chartFormatFromName(f);
        if (!format) {
            std::cerr << "--format " << f.toStdString() << ": expected png, svg or pdf\n";
            return kExitBadInput;
        }
        chosen.push_back(*format);
    }
    const auto pixels = esui::exportSizeFromText(size);
    if (!pixels) {
        std::cerr << "--size " << size << ": expected WIDTHxHEIGHT in pixels, such as 1600x900\n";
        return kExitBadInput;
    }

    es::Scenario scenario;
    try {
        std::vector<es::Override> overrides;
        for (const std::string& s : sets) overrides.push_back(es::parseOverride(s));
        scenario = es::loadScenarioFile(scenarioPath, overrides, variant);
        if (app.count("--seed")) scenario.seed = seed;
    } catch (const std::exception& e) {
        std::cerr << e.what() << "\n";
        return kExitBadInput;
    }

    es::RunDriver driver(scenario);
    const es::RunSummary summary = driver.run();
    // The rows go through the same plain-data path as the window's snapshots.
    esui::SeriesRows rows;
    rows.run = 1;
    esui::copyRowsAfter(driver.world().sampler().series(), -1, rows);
    esui::ChartStore store;
    store.append(rows);
    store.setDistributions(es::latencyDistributionsOf(driver.world())); // as `run --store` keeps them

    const double end = es::toSeconds(driver.world().sim().now());
    const std::vector<esui::ChartExportJob> jobs =
        esui::finishedRunChartJobs(&scenario, store, end, esui::captionFor(scenario), *pixels, dpi,
                                   allCharts ? esui::ChartSelection::All : esui::ChartSelection::Listed);
    QString error;
    const QStringList written = esui::exportCharts(jobs, store, QString::fromStdString(outDir), chosen, &error);
    for (const QString& f : written) std::cout << f.toStdString() << "\n";
    if (!error.isEmpty()) {
        std::cerr << error.toStdString() << "\n";
        return kExitBadInput;
    }
    return summary.conservationOk ? kExitOk : kExitInvariant;
}

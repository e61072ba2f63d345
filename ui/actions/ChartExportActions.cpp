#include "actions/ChartExportActions.h"

#include "charts/ChartCsv.h"
#include "charts/ChartExport.h"
#include "charts/ChartMarks.h"
#include "charts/ChartWidget.h"
#include "graph/GraphExport.h"
#include "graph/GraphView.h"
#include "panels/ChartsPanel.h"
#include "sim/SimulationController.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QToolButton>

namespace esui {

namespace {

QString suffixOf(ChartOutput o)
{
    switch (o) {
    case ChartOutput::Png: return QStringLiteral("png");
    case ChartOutput::Svg: return QStringLiteral("svg");
    case ChartOutput::Pdf: return QStringLiteral("pdf");
    case ChartOutput::Csv: return QStringLiteral("csv");
    }
    return {};
}

QString filterOf(ChartOutput o)
{
    switch (o) {
    case ChartOutput::Png: return QObject::tr("PNG image (*.png)");
    case ChartOutput::Svg: return QObject::tr("SVG drawing (*.svg)");
    case ChartOutput::Pdf: return QObject::tr("PDF document (*.pdf)");
    case ChartOutput::Csv: return QObject::tr("CSV table (*.csv)");
    }
    return {};
}

ChartFormat formatOf(ChartOutput o) { return o == ChartOutput::Svg ? ChartFormat::Svg : o == ChartOutput::Pdf ? ChartFormat::Pdf : ChartFormat::Png; }

} // namespace

ChartExportActions::ChartExportActions(ChartsPanel* charts, GraphView* graph, SimulationController* controller, QWidget* window)
    : QObject(window), charts_(charts), graph_(graph), controller_(controller), window_(window), menu_(new QMenu(tr("E&xport"), window))
{
    connect(menu_, &QMenu::aboutToShow, this, &ChartExportActions::fillExportMenu);
    fillExportMenu(); // so the menu has its entries before it is first opened (shortcuts, tests)
    connect(charts_, &ChartsPanel::chartMenuRequested, this, [this](int index, QMenu* menu) { fillChartMenu(menu, index); });
    // A reseed keeps the scenario but changes the seed the caption names.
    connect(controller_, &SimulationController::seedChanged, this,
            [this] { charts_->setCaption(captionFor(controller_->scenario())); });
    // The dock's own Export button: the same menu, one click from the charts.
    auto* button = new QToolButton(charts_);
    button->setText(tr("Export"));
    button->setToolTip(tr("Export a chart (PNG, SVG, PDF, CSV), copy it, or export the graph"));
    button->setPopupMode(QToolButton::InstantPopup);
    button->setMenu(menu_);
    button->setAutoRaise(true);
    charts_->addToolWidget(button);
}

void ChartExportActions::fillChartMenu(QMenu* menu, int index)
{
    menu->addAction(tr("Export as &PNG…"), this, [this, index] { exportChartInteractive(index, ChartOutput::Png); });
    menu->addAction(tr("Export as &SVG…"), this, [this, index] { exportChartInteractive(index, ChartOutput::Svg); });
    menu->addAction(tr("Export as P&DF…"), this, [this, index] { exportChartInteractive(index, ChartOutput::Pdf); });
    menu->addAction(tr("Export data as &CSV…"), this, [this, index] { exportChartInteractive(index, ChartOutput::Csv); });
    menu->addSeparator();
    menu->addAction(tr("Copy &image"), this, [this, index] { copyChartImage(index, imageSize_); });
    menu->addAction(tr("Copy d&ata"), this, [this, index] { copyChartData(index); });
}

void ChartExportActions::fillExportMenu()
{
    menu_->clear();
    const auto& charts = charts_->charts();
    for (std::size_t i = 0; i < charts.size(); ++i) {
        QMenu* sub = menu_->addMenu(charts[i]->figure().spec().title);
        fillChartMenu(sub, static_cast<int>(i));
    }
    if (charts.empty()) menu_->addAction(tr("(no charts yet)"))->setEnabled(false);
    menu_->addAction(tr("&All charts into a folder…"), this, &ChartExportActions::exportAllInteractive)->setEnabled(!charts.empty());
    menu_->addSeparator();
    menu_->addAction(tr("&Graph as PNG…"), this, [this] { exportGraphInteractive(ChartFormat::Png); });
    menu_->addAction(tr("Graph as S&VG…"), this, [this] { exportGraphInteractive(ChartFormat::Svg); });
    menu_->addAction(tr("Graph as PD&F…"), this, [this] { exportGraphInteractive(ChartFormat::Pdf); });
}

bool ChartExportActions::exportChartTo(int index, const QString& path, ChartOutput output, const ImageSize& size, QString* error)
{
    const auto jobs = charts_->exportJobs(size.size, size.dpi);
    if (index < 0 || index >= static_cast<int>(jobs.size())) {
        if (error) *error = tr("no chart %1").arg(index);
        return false;
    }
    const ChartExportJob& job = jobs[static_cast<std::size_t>(index)];
    if (output == ChartOutput::Csv) return writeChartCsv(job.spec, charts_->store(), job.t0, job.t1, path, error);
    return exportChart(job, charts_->store(), path, formatOf(output), error);
}

bool ChartExportActions::copyChartImage(int index, const ImageSize& size)
{
    const auto jobs = charts_->exportJobs(size.size, size.dpi);
    if (index < 0 || index >= static_cast<int>(jobs.size())) return false;
    QApplication::clipboard()->setImage(renderChartImage(jobs[static_cast<std::size_t>(index)], charts_->store()));
    return true;
}

bool ChartExportActions::copyChartData(int index)
{
    const auto jobs = charts_->exportJobs();
    if (index < 0 || index >= static_cast<int>(jobs.size())) return false;
    const ChartExportJob& job = jobs[static_cast<std::size_t>(index)];
    // As text (a spreadsheet pastes it into columns) and as text/csv for the programs that take it.
    const QString csv = chartCsv(job.spec, charts_->store(), job.t0, job.t1);
    auto* mime = new QMimeData;
    mime->setText(csv);
    mime->setData(QStringLiteral("text/csv"), csv.toUtf8());
    QApplication::clipboard()->setMimeData(mime);
    return true;
}

bool ChartExportActions::exportGraphTo(const QString& path, ChartFormat format, const ImageSize& size, QString* error)
{
    return exportGraph(*graph_, path, format, size.size, size.dpi, error);
}

QStringList ChartExportActions::exportAllTo(const QString& dir, const ImageSize& size, QString* error)
{
    const auto jobs = charts_->exportJobs(size.size, size.dpi);
    QStringList written = exportCharts(jobs, charts_->store(), dir, {ChartFormat::Png, ChartFormat::Svg, ChartFormat::Pdf}, error);
    for (const ChartExportJob& job : jobs) {
        const QString path = QDir(dir).filePath(job.spec.id + QStringLiteral(".csv"));
        QString why;
        if (writeChartCsv(job.spec, charts_->store(), job.t0, job.t1, path, &why)) written << path;
        else if (error && error->isEmpty()) *error = why;
    }
    return written;
}

std::optional<ImageSize> ChartExportActions::askSize(const ImageSize& initial)
{
    const auto chosen = askImageSize(initial, window_);
    if (chosen) imageSize_ = *chosen;
    return chosen;
}

void ChartExportActions::warn(const QString& title, const QString& error)
{
    if (!error.isEmpty()) QMessageBox::warning(window_, title, error);
}

void ChartExportActions::exportChartInteractive(int index, ChartOutput output)
{
    const auto jobs = charts_->exportJobs();
    if (index < 0 || index >= static_cast<int>(jobs.size())) return;
    ImageSize size = imageSize_;
    if (output == ChartOutput::Png) {
        const auto chosen = askSize(size);
        if (!chosen) return;
        size = *chosen;
    }
    const QString name = jobs[static_cast<std::size_t>(index)].spec.id + QLatin1Char('.') + suffixOf(output);
    QString path = QFileDialog::getSaveFileName(window_, tr("Export chart"), QDir(lastDir_).filePath(name), filterOf(output));
    if (path.isEmpty()) return;
    if (!path.endsWith(QLatin1Char('.') + suffixOf(output), Qt::CaseInsensitive)) path += QLatin1Char('.') + suffixOf(output);
    lastDir_ = QFileInfo(path).absolutePath();
    QString error;
    exportChartTo(index, path, output, size, &error);
    warn(tr("Export chart"), error);
}

void ChartExportActions::exportGraphInteractive(ChartFormat format)
{
    // The graph's own size by default, so a PNG is 1:1 with the scene; a PNG may be made larger.
    ImageSize size{graphExportSize(*graph_), 96};
    if (format == ChartFormat::Png) {
        const auto chosen = askImageSize(size, window_);
        if (!chosen) return;
        size = *chosen;
    }
    const QString suffix = chartFormatSuffix(format);
    QString path = QFileDialog::getSaveFileName(window_, tr("Export graph"), QDir(lastDir_).filePath(QStringLiteral("graph.") + suffix),
                                                filterOf(format == ChartFormat::Svg ? ChartOutput::Svg
                                                         : format == ChartFormat::Pdf ? ChartOutput::Pdf : ChartOutput::Png));
    if (path.isEmpty()) return;
    if (!path.endsWith(QLatin1Char('.') + suffix, Qt::CaseInsensitive)) path += QLatin1Char('.') + suffix;
    lastDir_ = QFileInfo(path).absolutePath();
    QString error;
    exportGraphTo(path, format, size, &error);
    warn(tr("Export graph"), error);
}

void ChartExportActions::exportAllInteractive()
{
    const auto chosen = askSize(imageSize_);
    if (!chosen) return;
    const QString dir = QFileDialog::getExistingDirectory(window_, tr("Export all charts into"), lastDir_);
    if (dir.isEmpty()) return;
    lastDir_ = dir;
    QString error;
    exportAllTo(dir, *chosen, &error);
    warn(tr("Export all charts"), error);
}

} // namespace esui

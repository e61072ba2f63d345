#pragma once
// Export from the window (issue 14, Export), kept out of MainWindow: for every chart, in its context
// menu, in the charts dock's Export button and in File → Export, "Export as PNG…" (a size and DPI
// dialog first), "…as SVG…", "…as PDF…" (the same painting, vector), "Export data as CSV…" (the
// points behind the chart, ChartCsv), "Copy image" and "Copy data"; the service graph as PNG, SVG
// or PDF (GraphExport); and every chart at once into a folder. The dialog-free functions below are
// what the menus call, and what the tests drive.
#include "charts/PaintedExport.h"
#include "widgets/ImageSizeDialog.h"

#include <QObject>
#include <QString>

class QMenu;
class QWidget;

namespace esui {

class ChartsPanel;
class GraphView;
class SimulationController;

// What a chart is exported as: a drawing (PNG, SVG, PDF) or its data.
enum class ChartOutput { Png, Svg, Pdf, Csv };

class ChartExportActions : public QObject {
    Q_OBJECT
public:
    ChartExportActions(ChartsPanel* charts, GraphView* graph, SimulationController* controller, QWidget* window);

    // File → Export: a submenu per chart (filled when opened, the charts change with the scenario),
    // "All charts…" and the graph's three formats.
    QMenu* exportMenu() const { return menu_; }
    // The actions for chart `index`, as in its context menu.
    void fillChartMenu(QMenu* menu, int index);

    // Without dialogs. The size and DPI apply to PNG (SVG and PDF: the size at 96 dpi).
    bool exportChartTo(int index, const QString& path, ChartOutput output, const ImageSize& size, QString* error = nullptr);
    bool copyChartImage(int index, const ImageSize& size);
    bool copyChartData(int index);
    bool exportGraphTo(const QString& path, ChartFormat format, const ImageSize& size, QString* error = nullptr);
    // PNG, SVG, PDF and CSV of every chart into `dir`; returns the files written.
    QStringList exportAllTo(const QString& dir, const ImageSize& size, QString* error = nullptr);

    // The size the last PNG dialog chose (the next one starts from it).
    const ImageSize& imageSize() const { return imageSize_; }

private:
    void exportChartInteractive(int index, ChartOutput output);
    void exportGraphInteractive(ChartFormat format);
    void exportAllInteractive();
    void fillExportMenu();
    // The PNG dialog (remembering its answer); nullopt when cancelled.
    std::optional<ImageSize> askSize(const ImageSize& initial);
    void warn(const QString& title, const QString& error);

    ChartsPanel* charts_;
    GraphView* graph_;
    SimulationController* controller_;
    QWidget* window_;
    QMenu* menu_;
    ImageSize imageSize_;
    QString lastDir_;
};

} // namespace esui

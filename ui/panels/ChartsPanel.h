#pragma once
// The charts dock: the run's charts (ChartCatalog's list) stacked beside the graph, the lag status of
// each consumer group above them, and a Freeze toggle. Each frame's new sampled rows go into a
// bounded ChartStore; the charts follow the run (the whole lesson on the time axis, or the last ten
// minutes of a longer one) until frozen, redrawn at most about 30 times a second while it plays. Export: ChartExportActions (context menus, File → Export).
// The "Charts" menu chooses which charts show (the scenario's `charts:` first); the choice and the
// lines hidden through the legends are remembered per scenario (ChartChoices). Zooming or panning
// the time axis of one chart moves all of them and freezes the dock; "Follow the run" undoes it.
#include "charts/ChartChoices.h"
#include "charts/ChartExport.h"
#include "charts/ChartMarks.h"
#include "charts/ChartStore.h"
#include "run/TheoryReference.h"
#include "sim/Snapshot.h"

#include <QDockWidget>
#include <QElapsedTimer>
#include <QMenu> // complete: a signal argument

#include <optional>

#include <vector>

class QCheckBox;
class QHBoxLayout;

class QVBoxLayout;

namespace es {
struct Scenario;
}

namespace esui {

class ChartWidget;
class LagStatusBar;

class ChartsPanel : public QDockWidget {
    Q_OBJECT
public:
    explicit ChartsPanel(QWidget* parent = nullptr);

    // A new scenario (or variant): its failures and notes become the marks; the charts start empty.
    void setScenario(const es::Scenario& sc);
    void follow(const Snapshot& s);
    // A run begins (a load, a variant, a new seed; `name` as the scoreboard says it: "sync, seed 7"):
    // the run being left, if it is of the same scenario file and has data, stays on the time charts,
    // dashed, until the next one (previousRunShown()).
    void beginRun(const es::Scenario& sc, const QString& name);
    bool hasPreviousRun() const { return previous_.has_value(); }
    const QString& previousRunName() const { return previousName_; }
    void setPreviousRunShown(bool shown);
    bool previousRunShown() const { return showPrevious_; }

    // The export jobs of the charts as shown now (their time range, the marks, a caption, and only
    // the lines not hidden through the legend); the dialogs, files and clipboard are
    // ChartExportActions'.
    std::vector<ChartExportJob> exportJobs(QSize size = QSize(1600, 900), int dpi = 96) const;
    // The exported charts' caption (scenario, variant, seed): set from the scenario, and again when
    // the run is reseeded.
    void setCaption(const QString& caption) { caption_ = caption; }
    const QString& caption() const { return caption_; }
    // Puts a widget (the export button) in the row above the charts, left of Freeze.
    void addToolWidget(QWidget* w);

    const ChartStore& store() const { return store_; }
    const std::vector<ChartWidget*>& charts() const { return charts_; }
    ChartWidget* chart(const QString& id) const;
    QCheckBox* freezeBox() const { return freeze_; }
    LagStatusBar* lagStatus() const { return status_; }
    // Shows or hides the chart `id` (and remembers it for this scenario).
    void setChartShown(const QString& id, bool shown);
    bool chartShown(const QString& id) const;
    QMenu* chooserMenu() const { return chooserMenu_; }
    const ChartChoices& choices() const { return choices_; }

    // The time axis of every chart: zoom by `factor` (< 1: in) around simulated time `around`, or
    // move it by dt seconds; both freeze the dock. followRun() unfreezes it.
    void zoomTime(double around, double factor);
    void panTime(double dt);
    void followRun();

    // How many times the dock redrew its charts (follow() merges the frames between two redraws
    // while the run plays, at least redrawIntervalMs() apart): for tests and benchmarks.
    std::uint64_t redraws() const { return redraws_; }
    static constexpr int redrawIntervalMs() { return kRedrawEveryMs; }

    // The time range on every chart's axis now.
    double rangeStart() const { return t0_; }
    double rangeEnd() const { return t1_; }

protected:
    // Wider than tall (the band under the graph): the charts stand side by side; else stacked.
    void resizeEvent(QResizeEvent* e) override;

signals:
    // A chart's context menu is being shown: add actions for chart `index` to `menu`.
    void chartMenuRequested(int index, QMenu* menu);

private:
    void rebuildCharts();
    // Every shown chart's marks; `lines`: the time charts' data or range changed, not only the
    // cursor; `distributions`: the latency distributions changed.
    void refreshAll(bool lines, bool distributions);
    // Moves the time range to show `now` (the whole run, or its last kFollowSpan); true if it moved.
    bool followTime(double now);
    void setRange(double t0, double t1); // clamped to the run; freezes
    void rebuildChooser();
    // On a lag chart's context menu: show or hide the same lag per partition (when there is one).
    void addPartitionAction(const QString& chartId, QMenu* menu);
    void saveChoices();

    ChartStore store_;
    ChartMarks marks_;
    QString caption_;
    std::optional<es::TheoryReference> theory_; // M/M/c, M/D/1: reference lines on the latency chart
    double endTime_ = 0;
    double t0_ = 0, t1_ = 1;
    QCheckBox* freeze_;
    QHBoxLayout* toolRow_;
    LagStatusBar* status_;
    QVBoxLayout* column_;
    std::vector<ChartWidget*> charts_;
    std::vector<std::string> chartedNames_;
    std::vector<std::string> idle_; // components whose series stay out (brokers in the sync style)
    QString choicesKey_;
    ChartChoices choices_;
    QMenu* chooserMenu_;
    // While the run plays, the charts are redrawn at most this often (see follow()).
    static constexpr int kRedrawEveryMs = 33;
    static constexpr int kRedrawCostShare = 6;
    qint64 lastRedrawMs_ = 0;
    QElapsedTimer redrawClock_;
    bool linesPending_ = false, distributionsPending_ = false;
    std::uint64_t redraws_ = 0;
    QString runKey_, runName_;
    std::optional<ChartStore> previous_; // the run before, same file (see beginRun)
    QString previousName_;
    bool showPrevious_ = true;
    bool handBands_ = false; // marks_.failures holds failures injected by hand
    QAction* previousAction_ = nullptr;  // in the Charts menu
};

} // namespace esui

#pragma once
// Two to four runs of one scenario next to each other, live, on one simulated clock (LockstepRuns):
// one set of run controls, a small service graph per run in the same layout, and under them the
// scenario's charts with one line per run on shared axes (SideBySideCharts). This is where a class
// watches the users' latency of the synchronous chain climb while the event-driven flow stays flat.
// Each run shows its trace digest when it ends: the same as `eventscape-cli run --variant V --seed S`.
#include "compare/LockstepRuns.h"

#include <QWidget>

#include <memory>
#include <vector>

class QLabel;
class QPushButton;
class QGridLayout;
class QSplitter;

namespace esui {

class ChartStore;
class ChartWidget;
class GraphView;
class PrefixedSeries;
class SpeedControl;

class SideBySideWindow : public QWidget {
    Q_OBJECT
public:
    explicit SideBySideWindow(QWidget* parent = nullptr);
    ~SideBySideWindow() override;

    // Opens the rows of the scenario file; false with the loader's message (the window keeps what it had).
    bool open(const QString& path, const std::vector<LockstepRow>& rows, QString* error = nullptr);
    LockstepRuns& runs() { return runs_; }
    // For tests and the screenshot: the widgets.
    GraphView* graph(int i) const { return graphs_[static_cast<std::size_t>(i)]; }
    const std::vector<ChartWidget*>& charts() const { return charts_; }
    QString statusOf(int i) const;
    QString clockText() const;

private:
    void onFrame();
    void rebuildCharts();
    void updateControls();
    std::size_t seriesNameCount() const; // over every run's store

    LockstepRuns runs_;
    QPushButton *play_, *restart_, *newSeed_;
    SpeedControl* speed_;
    QLabel* clock_;
    QGridLayout* graphsGrid_;
    QSplitter* split_;
    QWidget* graphsArea_;
    QWidget* chartsArea_;
    std::vector<GraphView*> graphs_;
    std::vector<QLabel*> titles_, statuses_;
    std::vector<std::unique_ptr<ChartStore>> stores_;
    std::unique_ptr<PrefixedSeries> source_;
    std::vector<ChartWidget*> charts_;
    std::size_t chartedNames_ = 0; // series the charts were built for (rebuilt when runs gain some)
};

} // namespace esui

#pragma once
// The simulator window. Thin: it lays out the graph, the toolbar and the status bar, and wires the
// SimulationController's frames to them; behaviour lives in the controller and the action handlers.
#include "sim/Snapshot.h"

#include <QMainWindow>

class QLabel;

namespace esui {

class SimulationController;
class GraphView;
class RunActions;
class SpeedControl;
class InspectorPanel;
class LayoutActions;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Loads a scenario file; shows the loader's message in a dialog and returns false on failure
    // (unless `quiet`, for tests and the command line, which report it themselves).
    bool openScenario(const QString& path, QString* error = nullptr, bool quiet = false);

    SimulationController* controller() const { return controller_; }
    GraphView* graphView() const { return graph_; }
    RunActions* runActions() const { return actions_; }
    SpeedControl* speedControl() const { return speed_; }
    InspectorPanel* inspector() const { return inspector_; }
    LayoutActions* layoutActions() const { return layoutActions_; }

private:
    void showFrame(const Snapshot& s);
    void chooseScenario();

    SimulationController* controller_;
    GraphView* graph_;
    RunActions* actions_;
    SpeedControl* speed_;
    InspectorPanel* inspector_;
    LayoutActions* layoutActions_;
    QLabel* note_;
    QLabel* timeLabel_;
    QLabel* eventsLabel_;
    QLabel* rateLabel_;
    QLabel* stateLabel_;
};

} // namespace esui

#pragma once
// Failures by hand: the graph's context menu on a node or an edge offers the failures its target can
// have, injected into the running engine at once (crash now / restart, slow down ×N / normal speed,
// an error rate / none, a broker's outage / back, a link's partition / heal). Each begins at the
// first simulated millisecond nothing has run at yet and lasts until it is lifted, so the same
// failures written into the scenario's `failures:` (Run → Save failures into the scenario) repeat the
// run exactly: same events, same digest headless. They enter the failure log and the charts' bands
// like the scenario's own. A restart or another load drops the failures not saved.
#include "scenario/Scenario.h"

#include <QObject>
#include <QString>

#include <vector>

class QAction;
class QMenu;
class QWidget;

namespace esui {

class GraphView;
class SimulationController;

class FailureActions : public QObject {
    Q_OBJECT
public:
    FailureActions(SimulationController* controller, GraphView* graph, QWidget* window);

    // The failures node `node` (a ServiceGraph index) or edge `edge` can be given, as actions.
    void fillNodeMenu(int node, QMenu* menu);
    void fillEdgeMenu(int edge, QMenu* menu);
    // Run → Save failures into the scenario: enabled while the run has failures injected by hand.
    QAction* saveAction() const { return save_; }

    // The failures injected by hand in this run so far, with the ends they got (from the last snapshot).
    std::vector<es::FailureSpec> injected() const;
    // Writes them into the scenario file (after its own failures) and emits saved(); false and a
    // message in `error` if it could not (the file is then unchanged).
    bool saveIntoScenario(QString* error);

signals:
    // `count` failures were written into `path`: the window loads it again.
    void saved(int count, const QString& path);

private:
    void inject(es::FailureSpec f);
    // The index of a failure injected by hand that is still in force like `like` (same kind, target
    // and peer), or -1.
    int openByHand(es::FailureKind kind, const std::string& target, const std::string& peer = {}) const;
    void addLift(QMenu* menu, const QString& text, int index);
    void updateSave();

    SimulationController* controller_;
    GraphView* graph_;
    QWidget* window_;
    QAction* save_;
};

} // namespace esui

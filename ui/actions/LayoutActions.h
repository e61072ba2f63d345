#pragma once
// The graph layout as actions: "Save layout to scenario" (Ctrl+S) writes the nodes' positions into
// the open scenario file's `layout:` (es::saveLayout: the rest of the file is kept as it was), and
// "Reset layout" goes back to dot's automatic layout. Errors are shown in a message box.
#include <QObject>

class QAction;
class QWidget;

namespace esui {

class SimulationController;
class GraphView;

class LayoutActions : public QObject {
    Q_OBJECT
public:
    LayoutActions(SimulationController* controller, GraphView* graph, QWidget* window);

    QAction* save() const { return save_; }
    QAction* reset() const { return reset_; }
    // Moved nodes not saved yet.
    bool hasUnsavedLayout() const { return edited_; }

    // Saves the graph's positions into `path`, without dialogs; false with the reason in `error`.
    bool saveTo(const QString& path, QString* error = nullptr);

private:
    void saveToScenario();

    SimulationController* controller_;
    GraphView* graph_;
    QWidget* window_;
    QAction* save_;
    QAction* reset_;
    bool edited_ = false;
};

} // namespace esui

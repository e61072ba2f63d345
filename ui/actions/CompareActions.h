#pragma once
// The window's comparisons, outside MainWindow as the other actions:
// - Run → Compare variants side by side…: picks two to four of the open scenario's variants (the
//   base among them) and opens them in the side-by-side window (compare/SideBySideWindow), paired;
// - Run → Compare over seeds…: the open scenario's variants × N seeds in the replications window
//   (compare/ReplicationsWindow), the window's `eventscape-cli compare`.
#include <QObject>

#include <vector>

class QAction;
class QWidget;

namespace esui {

class ReplicationsWindow;
class SideBySideWindow;
class SimulationController;
struct LockstepRow;

class CompareActions : public QObject {
    Q_OBJECT
public:
    CompareActions(SimulationController* controller, QWidget* window);
    QAction* sideBySideAction() const { return sideBySide_; }
    QAction* overSeedsAction() const { return overSeeds_; }
    // Opens `rows` of the file the window shows (or `path`); false with the message in `error`.
    bool open(const QString& path, const std::vector<LockstepRow>& rows, QString* error = nullptr);
    SideBySideWindow* window() const { return side_; }
    ReplicationsWindow* replications(); // made on first use, for the open scenario

private:
    void choose();

    SimulationController* controller_;
    QWidget* parentWindow_;
    QAction* sideBySide_;
    QAction* overSeeds_;
    SideBySideWindow* side_ = nullptr;
    ReplicationsWindow* replications_ = nullptr;
};

} // namespace esui

#pragma once
// Run → Compare variants side by side…: picks two to four of the open scenario's variants (the base
// among them) and opens them in the side-by-side window (compare/SideBySideWindow), paired on the
// current seed. Outside MainWindow, as the other actions.
#include <QObject>

#include <vector>

class QAction;
class QWidget;

namespace esui {

class SideBySideWindow;
class SimulationController;
struct LockstepRow;

class SideBySideActions : public QObject {
    Q_OBJECT
public:
    SideBySideActions(SimulationController* controller, QWidget* window);
    QAction* compareAction() const { return compare_; }
    // Opens `rows` of the file the window shows (or `path`); false with the message in `error`.
    bool open(const QString& path, const std::vector<LockstepRow>& rows, QString* error = nullptr);
    SideBySideWindow* window() const { return side_; }

private:
    void choose();

    SimulationController* controller_;
    QWidget* parentWindow_;
    QAction* compare_;
    SideBySideWindow* side_ = nullptr;
};

} // namespace esui

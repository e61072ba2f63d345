#pragma once
// The simulator window. Thin: it lays out the graph, the toolbar, the lesson dock and the status
// bar, and wires the SimulationController's frames to them; behaviour lives in the controller, the
// action handlers and the small classes under app/, lessons/, panels/ and widgets/.
#include "sim/Snapshot.h"

#include <QMainWindow>

#include <memory>

class QLabel;

namespace esui {

class SimulationController;
class GraphView;
class RunActions;
class SpeedControl;
class LessonPanel;
class InspectorPanel;
class LayoutActions;
class ChartExportActions;
class VariantChooser;
class Preferences;
class RecentFilesMenu;
class ChartsPanel;
class UsersStatus;
class ScoreboardPanel;
class FiguresPanel;
class FailureLogPanel;
class FailureActions;
class PresentationMode;
class JourneyWindow;
class CompareActions;
class RunStoreActions;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Loads a scenario file; shows the loader's message in a dialog and returns false on failure
    // (unless `quiet`, for tests and the command line, which report it themselves).
    // A speed for this session only (the command line's --speed): used and shown, not remembered.
    void setSpeedForThisRun(double speed);
    // Runs straight through the lesson's notes (--no-pause): unticks the box without saving it.
    void setPauseAtNotesForThisRun(bool on);
    bool openScenario(const QString& path, QString* error = nullptr, bool quiet = false);
    // Reloads the open file as one of its variants ("" = the base), keeping the speed.
    bool openVariant(const QString& variant, QString* error = nullptr, bool quiet = false);
    // The command line's scenario (and variant): like File → Open, a file that does not load shows
    // the loader's located message in a dialog, here window-modal and not blocking (the window is
    // up, empty, and File → Open works). A lesson's name (outbox) opens that lesson. Returns false,
    // with the message in `error`, when it did not load.
    bool openFromCommandLine(const QString& pathOrLesson, const QString& variant, QString* error);
    // File → Lessons…: the picker, modal; opens the chosen lesson.
    void chooseLesson();

    SimulationController* controller() const { return controller_; }
    GraphView* graphView() const { return graph_; }
    RunActions* runActions() const { return actions_; }
    SpeedControl* speedControl() const { return speed_; }
    LessonPanel* lessonPanel() const { return lessonPanel_; }
    InspectorPanel* inspector() const { return inspector_; }
    ChartsPanel* chartsPanel() const { return charts_; }
    ScoreboardPanel* scoreboard() const { return scoreboard_; }
    FiguresPanel* figuresPanel() const { return figures_; }
    FailureLogPanel* failureLog() const { return failureLog_; }
    JourneyWindow* journeyWindow() const { return journey_; }
    RunStoreActions* runStore() const { return runStore_; }
    CompareActions* compare() const { return compare_; }
    FailureActions* failureActions() const { return failureActions_; }
    PresentationMode* presentation() const { return presentation_; }
    LayoutActions* layoutActions() const { return layoutActions_; }
    ChartExportActions* chartExportActions() const { return chartExport_; }
    VariantChooser* variantChooser() const { return variants_; }
    RecentFilesMenu* recentFilesMenu() const { return recent_; }
    Preferences& preferences() const { return *prefs_; }
    QLabel* seedLabel() const { return seedLabel_; }
    QLabel* variantLabel() const { return variantLabel_; }
    UsersStatus* usersStatus() const { return users_; }

protected:
    // Scenario files dropped on the window are opened (the first one; other files are refused).
    void dragEnterEvent(QDragEnterEvent* e) override;
    void dropEvent(QDropEvent* e) override;
    void closeEvent(QCloseEvent* e) override;

private:
    // saveState()'s version: a state saved by an older arrangement of the docks is not restored.
    static constexpr int kDockLayoutVersion = 2;
    bool rememberSpeed_ = true;
    void showFrame(const Snapshot& s);
    void showEngineError(const QString& message);
    void showOpenError(const QString& message);
    void chooseScenario();
    bool load(const QString& path, const QString& variant, QString* error, bool quiet);
    void showRunIdentity();
    void restorePreferences();

    std::unique_ptr<Preferences> prefs_; // first: the widgets below read it as they are built
    SimulationController* controller_;
    GraphView* graph_;
    RunActions* actions_;
    SpeedControl* speed_;
    QLabel* timeLabel_;
    QLabel* eventsLabel_;
    QLabel* rateLabel_;
    QLabel* stateLabel_;
    QLabel* seedLabel_;
    QLabel* variantLabel_;
    UsersStatus* users_;
    LessonPanel* lessonPanel_;
    VariantChooser* variants_;
    RecentFilesMenu* recent_;
    InspectorPanel* inspector_;
    ChartsPanel* charts_;
    ScoreboardPanel* scoreboard_;
    FiguresPanel* figures_;
    FailureLogPanel* failureLog_;
    JourneyWindow* journey_;
    RunStoreActions* runStore_;
    CompareActions* compare_;
    FailureActions* failureActions_;
    PresentationMode* presentation_;
    LayoutActions* layoutActions_;
    ChartExportActions* chartExport_;
};

} // namespace esui

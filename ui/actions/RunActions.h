#pragma once
// The run controls as actions (for the toolbar, the menu and keyboard shortcuts): play/pause
// (Space), step one event (. or Right), restart (R or Ctrl+R), next note (N: as fast as possible to
// the next note, then pause), new seed (S or Ctrl+Shift+R: restart with seed + 1). They send
// commands to the SimulationController and follow its snapshots to show play or pause.
#include "sim/Snapshot.h"

#include <QObject>

class QAction;
class QWidget;

namespace esui {

class SimulationController;

class RunActions : public QObject {
    Q_OBJECT
public:
    RunActions(SimulationController* controller, QWidget* window);

    QAction* playPause() const { return playPause_; }
    QAction* step() const { return step_; }
    QAction* restart() const { return restart_; }
    QAction* nextNote() const { return nextNote_; }
    QAction* newSeed() const { return newSeed_; }

    void follow(const Snapshot& s);

private:
    void showPlaying(bool playing);

    SimulationController* controller_;
    QAction* playPause_;
    QAction* step_;
    QAction* restart_;
    QAction* nextNote_;
    QAction* newSeed_;
    bool shownPlaying_ = true; // forces the first showPlaying(false) to set text and icon
};

} // namespace esui

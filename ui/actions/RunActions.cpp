#include "actions/RunActions.h"

#include "sim/SimulationController.h"

#include <QAction>
#include <QStyle>
#include <QWidget>

namespace esui {

RunActions::RunActions(SimulationController* controller, QWidget* window)
    : QObject(window), controller_(controller), playPause_(new QAction(window)), step_(new QAction(window)),
      restart_(new QAction(window)), nextNote_(new QAction(window)), newSeed_(new QAction(window))
{
    QStyle* st = window->style();
    playPause_->setShortcut(Qt::Key_Space);
    step_->setText(tr("Step"));
    step_->setToolTip(tr("Run the next simulated event (. or →)"));
    step_->setIcon(st->standardIcon(QStyle::SP_MediaSkipForward));
    step_->setShortcuts({QKeySequence(Qt::Key_Period), QKeySequence(Qt::Key_Right)});
    restart_->setText(tr("Restart"));
    restart_->setToolTip(tr("Start the run again from time 0, same seed (R)"));
    restart_->setIcon(st->standardIcon(QStyle::SP_BrowserReload));
    restart_->setShortcuts({QKeySequence(Qt::Key_R), QKeySequence(Qt::CTRL | Qt::Key_R)});
    nextNote_->setText(tr("Next note"));
    nextNote_->setToolTip(tr("Run as fast as possible to the next note of the lesson and pause there (N)"));
    nextNote_->setIcon(st->standardIcon(QStyle::SP_MediaSeekForward));
    nextNote_->setShortcut(Qt::Key_N);
    newSeed_->setText(tr("New seed"));
    newSeed_->setToolTip(tr("Start again with the next seed: the same scenario, other random draws (S or Ctrl+Shift+R)"));
    newSeed_->setIcon(st->standardIcon(QStyle::SP_DialogResetButton));
    newSeed_->setShortcuts({QKeySequence(Qt::Key_S), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R)});
    // Window-wide, so the keys work whichever child has the focus.
    for (QAction* a : {playPause_, step_, restart_, nextNote_, newSeed_}) {
        a->setShortcutContext(Qt::WindowShortcut);
        window->addAction(a);
    }
    connect(playPause_, &QAction::triggered, controller, &SimulationController::togglePlay);
    connect(step_, &QAction::triggered, controller, &SimulationController::step);
    connect(restart_, &QAction::triggered, controller, &SimulationController::restart);
    connect(nextNote_, &QAction::triggered, controller, &SimulationController::runToNextNote);
    connect(newSeed_, &QAction::triggered, controller, &SimulationController::newSeed);
    showPlaying(false);
}

void RunActions::follow(const Snapshot& s)
{
    showPlaying(s.state == RunState::Playing);
    playPause_->setEnabled(s.state != RunState::Finished);
    step_->setEnabled(s.state != RunState::Finished);
    nextNote_->setEnabled(s.state != RunState::Finished && controller_->noteAfter(s.simTime) != nullptr);
}

void RunActions::showPlaying(bool playing)
{
    if (playing == shownPlaying_) return;
    shownPlaying_ = playing;
    QStyle* st = qobject_cast<QWidget*>(parent())->style();
    playPause_->setText(playing ? tr("Pause") : tr("Play"));
    playPause_->setToolTip(playing ? tr("Pause the run (Space)") : tr("Run (Space)"));
    playPause_->setIcon(st->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
}

} // namespace esui

#include "actions/PresentationMode.h"

#include "graph/GraphText.h"
#include "graph/GraphView.h"
#include "graph/NodeItem.h"
#include "panels/ScoreboardPanel.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QMainWindow>
#include <QStatusBar>

namespace esui {

PresentationMode::PresentationMode(QMainWindow* window, GraphView* graph, ScoreboardPanel* scoreboard)
    : QObject(window), window_(window), graph_(graph), scoreboard_(scoreboard)
{
    action_ = new QAction(tr("&Presentation"), this);
    action_->setCheckable(true);
    action_->setShortcuts({QKeySequence(Qt::Key_F11), QKeySequence(Qt::Key_F5)});
    action_->setToolTip(tr("Full screen for a projector: the graph, the scoreboard and the current note, large (F11 or F5)"));
    connect(action_, &QAction::toggled, this, &PresentationMode::setOn);
    // Esc leaves it too, as slides do; a window action so it works wherever the focus is.
    leave_ = new QAction(tr("Leave presentation"), this);
    leave_->setShortcut(QKeySequence(Qt::Key_Escape));
    leave_->setEnabled(false);
    connect(leave_, &QAction::triggered, this, [this] { action_->setChecked(false); });
    window_->addAction(action_);
    window_->addAction(leave_);
}

void PresentationMode::setOn(bool on)
{
    if (on == on_) return;
    on_ = on;
    if (action_->isChecked() != on) action_->setChecked(on);
    leave_->setEnabled(on);
    if (on) {
        savedState_ = window_->saveState();
        savedGeometry_ = window_->geometry();
        wasMaximized_ = window_->isMaximized();
        wasFullScreen_ = window_->isFullScreen();
        for (QDockWidget* d : window_->findChildren<QDockWidget*>())
            if (d != scoreboard_ && d->parentWidget() == window_) d->hide();
        scoreboard_->show();
        scoreboard_->setValuePixelSize(kScoreboardValuePx);
        // Every line of the screen the graph can have: the menus and the status bar wait (F11, Esc).
        if (window_->menuWidget()) window_->menuWidget()->hide();
        if (window_->statusBar()) window_->statusBar()->hide();
        window_->showFullScreen();
    } else {
        scoreboard_->setValuePixelSize(kNormalValuePx);
        if (window_->menuWidget()) window_->menuWidget()->show();
        if (window_->statusBar()) window_->statusBar()->show();
        if (wasFullScreen_) window_->showFullScreen();
        else if (wasMaximized_) window_->showMaximized();
        else {
            window_->showNormal();
            window_->setGeometry(savedGeometry_);
        }
        window_->restoreState(savedState_);
    }
    graph_->setPresentation(on);
}

double PresentationMode::smallestGraphTextPx() const
{
    // The graph's smallest text (graphtext: partition labels, or the application font itself while
    // presenting), as the view's zoom shows it.
    const double px = QFontInfo(graphtext::font(graphtext::smallestFactor())).pixelSize();
    return px * graph_->viewScale();
}

} // namespace esui

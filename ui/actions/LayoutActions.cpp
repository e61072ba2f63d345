#include "actions/LayoutActions.h"

#include "graph/GraphView.h"
#include "scenario/LayoutWriter.h"
#include "sim/SimulationController.h"

#include <QAction>
#include <QFileInfo>
#include <QMainWindow>
#include <QMessageBox>
#include <QStatusBar>
#include <QWidget>

namespace esui {

LayoutActions::LayoutActions(SimulationController* controller, GraphView* graph, QWidget* window)
    : QObject(window), controller_(controller), graph_(graph), window_(window)
{
    save_ = new QAction(tr("&Save layout to scenario"), this);
    save_->setShortcut(QKeySequence::Save);
    save_->setToolTip(tr("Write the nodes' positions into the scenario file's layout: (the rest of the file is kept)"));
    save_->setEnabled(false);
    reset_ = new QAction(tr("&Reset layout"), this);
    reset_->setToolTip(tr("Place every node automatically again"));
    reset_->setEnabled(false);
    window->addAction(save_); // shortcuts work even when the menu is not open
    window->addAction(reset_);

    connect(save_, &QAction::triggered, this, &LayoutActions::saveToScenario);
    connect(reset_, &QAction::triggered, graph_, &GraphView::resetLayout);
    connect(graph_, &GraphView::layoutEdited, this, [this] { edited_ = true; });
    connect(controller_, &SimulationController::loaded, this, [this] {
        edited_ = false;
        save_->setEnabled(true);
        reset_->setEnabled(true);
    });
}

bool LayoutActions::saveTo(const QString& path, QString* error)
{
    try {
        es::saveLayout(path.toStdString(), graph_->positions());
    } catch (const std::exception& e) {
        if (error) *error = QString::fromStdString(e.what());
        return false;
    }
    edited_ = false;
    return true;
}

void LayoutActions::saveToScenario()
{
    if (!controller_->isLoaded()) return;
    QString error;
    if (!saveTo(controller_->path(), &error)) {
        QMessageBox::warning(window_, tr("Cannot save the layout"), error);
        return;
    }
    if (auto* main = qobject_cast<QMainWindow*>(window_))
        main->statusBar()->showMessage(tr("Layout saved to %1").arg(QFileInfo(controller_->path()).fileName()), 4000);
}

} // namespace esui

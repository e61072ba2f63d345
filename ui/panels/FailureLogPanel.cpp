#include "panels/FailureLogPanel.h"

#include <QHeaderView>
#include <QTreeWidget>

namespace esui {

FailureLogPanel::FailureLogPanel(QWidget* parent) : QDockWidget(tr("Failures"), parent), tree_(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("failureLogDock"));
    tree_->setObjectName(QStringLiteral("failureLog"));
    tree_->setColumnCount(3);
    tree_->setHeaderLabels({tr("at (s)"), tr("target"), tr("what happened")});
    tree_->setRootIsDecorated(false);
    tree_->setUniformRowHeights(true);
    tree_->header()->setStretchLastSection(true);
    tree_->setToolTip(tr("The run's failures as they begin and end. Right-click a node or an edge of the graph to inject one by hand."));
    setWidget(tree_);
}

void FailureLogPanel::follow(const Snapshot& s)
{
    if (s.series.run != run_ || s.failureLog.size() < shown_) { // a new run (restart, reseed, load)
        tree_->clear();
        shown_ = 0;
        run_ = s.series.run;
    }
    for (; shown_ < s.failureLog.size(); ++shown_) {
        const es::FailureLogEntry& e = s.failureLog[shown_];
        auto* row = new QTreeWidgetItem(tree_);
        row->setText(0, QString::number(es::toSeconds(e.at), 'f', 3));
        row->setTextAlignment(0, Qt::AlignRight | Qt::AlignVCenter);
        row->setText(1, QString::fromStdString(e.target));
        row->setText(2, e.byHand ? tr("%1 (by hand)").arg(QString::fromStdString(e.what)) : QString::fromStdString(e.what));
    }
    if (tree_->columnWidth(0) < 60) tree_->resizeColumnToContents(0);
}

} // namespace esui

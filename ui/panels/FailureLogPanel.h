#pragma once
// What failed when in this run: the failure log (the scenario's failures and those injected by hand,
// as they begin and end), one row per change, with the simulated time, the target and what happened;
// rows of failures injected by hand say so. Beside the Lesson, Inspector and Figures tabs.
#include "sim/Snapshot.h"

#include <QDockWidget>

class QTreeWidget;

namespace esui {

class FailureLogPanel : public QDockWidget {
    Q_OBJECT
public:
    explicit FailureLogPanel(QWidget* parent = nullptr);
    void follow(const Snapshot& s);
    QTreeWidget* tree() const { return tree_; }

private:
    QTreeWidget* tree_;
    std::size_t shown_ = 0;  // log entries shown (the log only grows within a run)
    std::uint64_t run_ = 0;  // the run they belong to
};

} // namespace esui

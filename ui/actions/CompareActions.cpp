#include "actions/CompareActions.h"

#include "compare/ReplicationsWindow.h"
#include "compare/SideBySideWindow.h"
#include "sim/SimulationController.h"
#include "widgets/VariantChecklist.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace esui {

CompareActions::CompareActions(SimulationController* controller, QWidget* window)
    : QObject(window), controller_(controller), parentWindow_(window)
{
    sideBySide_ = new QAction(tr("Compare variants side by side…"), this);
    sideBySide_->setShortcut(QKeySequence(tr("Ctrl+Shift+B")));
    sideBySide_->setStatusTip(tr("Run two to four variants of this scenario next to each other on one clock"));
    connect(sideBySide_, &QAction::triggered, this, &CompareActions::choose);
    overSeeds_ = new QAction(tr("Compare over seeds…"), this);
    overSeeds_->setStatusTip(tr("Run the variants of this scenario over many seeds: means, 95% intervals, charts and a report"));
    connect(overSeeds_, &QAction::triggered, this, [this] {
        if (!controller_->isLoaded()) return;
        ReplicationsWindow* w = replications();
        w->show();
        w->raise();
    });
}

ReplicationsWindow* CompareActions::replications()
{
    if (!replications_) replications_ = new ReplicationsWindow(parentWindow_);
    if (!replications_->running()) replications_->setScenario(controller_->path(), controller_->scenario().variants);
    return replications_;
}

bool CompareActions::open(const QString& path, const std::vector<LockstepRow>& rows, QString* error)
{
    if (!side_) side_ = new SideBySideWindow(parentWindow_);
    if (!side_->open(path, rows, error)) return false;
    side_->show();
    side_->raise();
    return true;
}

void CompareActions::choose()
{
    const es::Scenario& sc = controller_->scenario();
    if (!controller_->isLoaded()) return;
    if (sc.variants.empty()) {
        QMessageBox::information(parentWindow_, tr("Side by side"),
                                 tr("This scenario has no variants to compare. Give it a 'variants:' section, or start "
                                    "the window with --side-by-side \"base,base:KEY=VALUE\" to compare overrides."));
        return;
    }
    QDialog dialog(parentWindow_);
    dialog.setWindowTitle(tr("Compare variants side by side"));
    auto* layout = new QVBoxLayout(&dialog);
    layout->addWidget(new QLabel(tr("Choose two to four; they run on one clock with the same seed."), &dialog));
    auto* list = new QListWidget(&dialog);
    fillVariantChecklist(list, sc.variants, 2);
    layout->addWidget(list);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    layout->addWidget(buttons);
    auto chosen = [list] {
        std::vector<LockstepRow> rows;
        for (const QString& v : checkedVariants(list))
            rows.push_back({v == QLatin1String(es::kBaseVariant) ? QString() : v, {}});
        return rows;
    };
    auto check = [&] {
        const std::size_t n = chosen().size();
        buttons->button(QDialogButtonBox::Ok)->setEnabled(n >= LockstepRuns::kMinRuns && n <= LockstepRuns::kMaxRuns);
    };
    connect(list, &QListWidget::itemChanged, &dialog, check);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    check();
    if (dialog.exec() != QDialog::Accepted) return;
    QString error;
    if (!open(controller_->path(), chosen(), &error)) QMessageBox::warning(parentWindow_, tr("Side by side"), error);
}

} // namespace esui

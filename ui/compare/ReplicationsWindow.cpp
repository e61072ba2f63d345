#include "compare/ReplicationsWindow.h"

#include "compare/CompareExport.h"
#include "compare/StoredReplications.h"
#include "report/ComparisonFigures.h"
#include "report/ComparisonReport.h"
#include "store/StoreOpen.h"
#include "widgets/VariantChecklist.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGuiApplication>
#include <QScreen>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPixmap>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <cmath>
#include <thread>

namespace esui {

ReplicationsWindow::ReplicationsWindow(QWidget* parent) : QWidget(parent, Qt::Window)
{
    const QRect screen = QGuiApplication::primaryScreen() ? QGuiApplication::primaryScreen()->availableGeometry() : QRect(0, 0, 1280, 720);
    resize(std::min(1400, screen.width() * 9 / 10), screen.height() * 9 / 10);
    auto* top = new QVBoxLayout(this);
    auto* controls = new QHBoxLayout;
    variants_ = new QListWidget(this);
    variants_->setMaximumHeight(110);
    auto* form = new QFormLayout;
    seeds_ = new QSpinBox(this);
    seeds_->setRange(1, 1000);
    seeds_->setValue(5);
    jobs_ = new QSpinBox(this);
    jobs_->setRange(1, 256);
    jobs_->setValue(static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
    save_ = new QCheckBox(tr("Save the runs and the comparison in the run store"), this);
    save_->setChecked(true);
    form->addRow(tr("Seeds per variant"), seeds_);
    form->addRow(tr("Runs at once"), jobs_);
    form->addRow(save_);
    controls->addWidget(variants_, 2);
    controls->addLayout(form, 3);
    auto* buttons = new QVBoxLayout;
    run_ = new QPushButton(tr("Run"), this);
    cancel_ = new QPushButton(tr("Cancel"), this);
    export_ = new QPushButton(tr("Export…"), this);
    cancel_->setEnabled(false);
    export_->setEnabled(false);
    buttons->addWidget(run_);
    buttons->addWidget(cancel_);
    buttons->addWidget(export_);
    buttons->addStretch();
    controls->addLayout(buttons);
    top->addLayout(controls);
    progress_ = new QProgressBar(this);
    status_ = new QLabel(tr("Choose the variants and the seeds, then Run."), this);
    top->addWidget(progress_);
    top->addWidget(status_);
    auto* split = new QSplitter(Qt::Vertical, this);
    tableView_ = new QTextBrowser(split);
    auto* scroll = scroll_ = new QScrollArea(split);
    figuresArea_ = new QWidget(scroll);
    figuresLayout_ = new QVBoxLayout(figuresArea_);
    scroll->setWidget(figuresArea_);
    scroll->setWidgetResizable(true);
    split->addWidget(tableView_);
    split->addWidget(scroll);
    top->addWidget(split, 1);
    split->setSizes({height() / 2, height() / 2}); // the table over the charts
    connect(run_, &QPushButton::clicked, this, &ReplicationsWindow::start);
    connect(cancel_, &QPushButton::clicked, this, &ReplicationsWindow::cancel);
    connect(export_, &QPushButton::clicked, this, &ReplicationsWindow::exportFiles);
}

ReplicationsWindow::~ReplicationsWindow() { task_.stop(); }

void ReplicationsWindow::setScenario(const QString& path, const std::vector<std::string>& variants)
{
    path_ = path;
    fillVariantChecklist(variants_, variants);
    setWindowTitle(tr("Compare over seeds — %1").arg(path));
}

void ReplicationsWindow::choose(const QStringList& variants, int seeds)
{
    for (int i = 0; i < variants_->count(); ++i)
        variants_->item(i)->setCheckState(variants.contains(variants_->item(i)->text()) ? Qt::Checked : Qt::Unchecked);
    seeds_->setValue(seeds);
}

void ReplicationsWindow::start()
{
    if (task_.running()) return;
    es::ReplicationPlan plan;
    plan.scenarioPath = path_.toStdString();
    for (const QString& v : checkedVariants(variants_)) plan.variants.push_back(v.toStdString());
    if (plan.variants.empty()) {
        status_->setText(tr("Choose at least one variant."));
        return;
    }
    plan.seeds = seeds_->value();
    plan.jobs = static_cast<unsigned>(jobs_->value());
    plan.keepSeries = true; // the small multiples draw them
    try {
        reps_ = std::make_unique<es::Replications>(plan);
    } catch (const std::exception& e) {
        status_->setText(tr("Cannot compare: %1").arg(QString::fromUtf8(e.what())));
        return;
    }
    table_.reset();
    outcomes_.clear();
    error_.clear();
    savedUuid_.clear();
    progress_->setRange(0, static_cast<int>(reps_->tasks().size()));
    progress_->setValue(0);
    run_->setEnabled(false);
    cancel_->setEnabled(true);
    export_->setEnabled(false);
    const QString store = !save_->isChecked() ? QString()
                          : storePath_.isEmpty() ? QString::fromStdString(es::defaultStorePath())
                                                 : storePath_;
    es::Replications* reps = reps_.get();
    task_.start(
        this,
        [this, reps, store](const std::atomic<bool>& stop) {
            try {
                std::unique_ptr<es::StoringObserver> saver;
                if (!store.isEmpty()) saver = std::make_unique<es::StoringObserver>(store.toStdString(), *reps);
                outcomes_ = reps->run(&stop, saver.get(), [this](const es::ReplicationProgress& p) {
                    QMetaObject::invokeMethod(this, [this, p] { showProgress(p); }, Qt::QueuedConnection);
                });
                if (stop.load()) return;
                table_ = es::buildCompareTable(*reps, outcomes_);
                if (saver) savedUuid_ = QString::fromStdString(
                               es::saveComparison(saver->store(), *reps, *table_, outcomes_, saver->uuids(), {{"jobs", reps->jobs()}, {"window", true}}).uuid);
            } catch (const std::exception& e) {
                error_ = QString::fromUtf8(e.what());
            }
        },
        [this] { showResult(); });
}

void ReplicationsWindow::cancel()
{
    if (!task_.running()) return;
    task_.stop(); // the runs in flight end interrupted; the comparison is not saved
    run_->setEnabled(true);
    cancel_->setEnabled(false);
    status_->setText(tr("Cancelled: %1 of %2 runs had finished.").arg(progress_->value()).arg(progress_->maximum()));
    emit finished();
}

void ReplicationsWindow::showProgress(const es::ReplicationProgress& p)
{
    if (!task_.running()) return;
    progress_->setValue(static_cast<int>(p.done));
    status_->setText(tr("Runs %1 of %2 · %3% · elapsed %4 s · ETA %5")
                         .arg(p.done)
                         .arg(p.total)
                         .arg(p.fraction * 100, 0, 'f', 0)
                         .arg(p.wallSeconds, 0, 'f', 0)
                         .arg(std::isnan(p.etaSeconds) ? QStringLiteral("…") : tr("%1 s").arg(p.etaSeconds, 0, 'f', 0)));
}

QString ReplicationsWindow::reportHtml() const
{
    return table_ && reps_ ? comparisonReportHtml(*reps_, *table_, {}, false) : QString();
}

QString ReplicationsWindow::statusText() const { return status_->text(); }

void ReplicationsWindow::showResult()
{
    run_->setEnabled(true);
    cancel_->setEnabled(false);
    if (!error_.isEmpty() || !table_) {
        status_->setText(tr("The comparison failed: %1").arg(error_));
        emit finished();
        return;
    }
    progress_->setValue(progress_->maximum());
    tableView_->setHtml(reportHtml());
    // The small multiples, drawn as the export draws them, at the width the window has.
    while (QLayoutItem* item = figuresLayout_->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const std::vector<ComparisonFigure> figures = comparisonFigures(*reps_, *table_, outcomes_);
    figures_ = static_cast<int>(figures.size());
    for (const ComparisonFigure& f : figures) {
        PaintedDocument doc;
        doc.size = f.size;
        auto* label = new QLabel(figuresArea_);
        const QImage image = renderPainted(doc, paintComparisonFigure(f));
        const int width = std::max(600, scroll_->viewport()->width() - 24);
        label->setPixmap(QPixmap::fromImage(image.scaledToWidth(width, Qt::SmoothTransformation)));
        figuresLayout_->addWidget(label);
    }
    figuresLayout_->addStretch();
    export_->setEnabled(true);
    status_->setText(savedUuid_.isEmpty()
                         ? tr("%1 runs compared (not saved).").arg(table_->runsDone)
                         : tr("%1 runs compared, saved with comparison %2 (eventscape-cli compare --open %3).")
                               .arg(table_->runsDone).arg(savedUuid_.left(8), savedUuid_.left(8)));
    emit finished();
}

void ReplicationsWindow::exportFiles()
{
    if (!table_ || !reps_) return;
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Export the comparison into"));
    if (dir.isEmpty()) return;
    try {
        const std::vector<std::string> files = es::writeCompareExport(dir.toStdString(), *reps_, *table_, outcomes_);
        QString error;
        const QStringList drawn = writeComparisonReport(dir, *reps_, *table_, outcomes_, &error);
        status_->setText(error.isEmpty() ? tr("%1 files written to %2 (report.html, report.pdf, charts/).").arg(files.size() + static_cast<std::size_t>(drawn.size())).arg(dir)
                                         : error);
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Export"), QString::fromUtf8(e.what()));
    }
}

} // namespace esui

#include "actions/RunStoreActions.h"

#include "run/RunDriver.h"
#include "sim/SimulationController.h"
#include "store/RunRecorder.h"
#include "store/RunStore.h"
#include "store/StoreOpen.h"

#include <QAction>
#include <QWidget>

namespace esui {

struct RunStoreActions::Job {
    es::Scenario scenario;
    std::string path;
    bool journeys = true;
    std::uint64_t windowDigest = 0;
    // Out:
    std::int64_t id = -1;
    std::string error;
    std::uint64_t digest = 0;
};

RunStoreActions::RunStoreActions(SimulationController* controller, QWidget* window)
    : QObject(window), controller_(controller)
{
    save_ = new QAction(tr("Save run to the run &store"), this);
    save_->setToolTip(tr("Store the finished run, failures by hand included, where eventscape-cli runs, show, export and trace find it"));
    save_->setEnabled(false);
    connect(save_, &QAction::triggered, this, &RunStoreActions::save);
    connect(controller_, &SimulationController::frame, this, [this](const Snapshot& s) {
        save_->setEnabled(!task_.running() && s.state == RunState::Finished);
    });
}

RunStoreActions::~RunStoreActions() = default; // task_ stops and joins its worker

void RunStoreActions::save()
{
    const Snapshot& now = controller_->latest();
    if (task_.running() || now.state != RunState::Finished) return;
    auto job = std::make_shared<Job>();
    job->scenario = controller_->scenario();
    job->scenario.failures = now.failures; // the file's and those injected by hand, with their times
    job->path = storePath_.isEmpty() ? es::defaultStorePath() : storePath_.toStdString();
    job->windowDigest = now.traceDigest;
    save_->setEnabled(false);
    task_.start(
        this,
        [job](const std::atomic<bool>& stop) {
            try {
                es::RunStore store(job->path);
                es::RunDriver driver(job->scenario);
                // With --trace's rows, so `eventscape-cli trace` can tell any message's journey.
                es::RunRecorder recorder(store, driver, {}, job->journeys);
                const es::RunSummary summary = driver.run(&stop);
                if (!stop.load()) recorder.finish(summary);
                job->id = recorder.record().id;
                job->digest = summary.traceDigest;
            } catch (const std::exception& e) {
                job->error = e.what();
            }
        },
        [this, job] { done(job); });
}

void RunStoreActions::done(const std::shared_ptr<Job>& job)
{
    save_->setEnabled(controller_->latest().state == RunState::Finished);
    if (!job->error.empty()) {
        emit saved(-1, tr("The run was not saved: %1").arg(QString::fromStdString(job->error)));
        return;
    }
    const QString where = QString::fromStdString(job->path);
    if (job->digest != job->windowDigest) {
        emit saved(job->id, tr("Saved as run #%1 in %2, but its digest %3 differs from the window's %4: report this")
                                .arg(job->id)
                                .arg(where)
                                .arg(job->digest, 16, 16, QLatin1Char('0'))
                                .arg(job->windowDigest, 16, 16, QLatin1Char('0')));
        return;
    }
    emit saved(job->id, tr("Saved as run #%1 in %2, the same run as the window's (digest %3): eventscape-cli show %1")
                            .arg(job->id)
                            .arg(where)
                            .arg(job->digest, 16, 16, QLatin1Char('0')));
}

} // namespace esui

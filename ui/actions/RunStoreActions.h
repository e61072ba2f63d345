#pragma once
// Run → Save run to the run store: the window's finished run, with the failures injected by hand,
// goes into the same SQLite store as `eventscape-cli run` (the per-user one), where `runs`, `show`,
// `export`, `compare-runs` and, with its journeys, `trace` find it. The window keeps no history of
// the run, so it is run again headless on a worker thread from the same scenario, seed and failures
// (the engine is deterministic) and recorded as it goes; the stored digest must equal the window's,
// and the message says whether it does.
#include "app/BackgroundTask.h"

#include <QObject>
#include <QString>

#include <memory>

class QAction;
class QWidget;

namespace esui {

class SimulationController;

class RunStoreActions : public QObject {
    Q_OBJECT
public:
    RunStoreActions(SimulationController* controller, QWidget* window);
    ~RunStoreActions() override;

    QAction* saveAction() const { return save_; }
    // The store file (default: the per-user one, as the CLI's); tests give a temporary one.
    void setStorePath(const QString& path) { storePath_ = path; }
    bool isSaving() const { return task_.running(); }

signals:
    // `id` < 0: not saved, `message` says why.
    void saved(qint64 id, const QString& message);

private:
    struct Job;
    void save();
    void done(const std::shared_ptr<Job>& job);

    SimulationController* controller_;
    QAction* save_;
    QString storePath_;
    BackgroundTask task_;
};

} // namespace esui

#pragma once
// Run → Compare over seeds…: the window's face of `eventscape-cli compare`. Pick the variants and a
// number of seeds; the runs go to a pool of worker threads (engine/compare/Replications, the same
// code as the command line) with a progress bar, an elapsed time, an ETA and Cancel, and are saved in
// the run store with the comparison. The result is the table (best and worst marked, paired
// differences; the report's HTML) and the small multiples of the scenario's charts with the seeds'
// spread as bands, and Export… writes the same files as `compare --export`.
#include "compare/CompareTable.h"
#include "compare/Replications.h"

#include "app/BackgroundTask.h"

#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

class QCheckBox;
class QLabel;
class QListWidget;
class QProgressBar;
class QScrollArea;
class QPushButton;
class QSpinBox;
class QTextBrowser;
class QVBoxLayout;

namespace esui {

class ReplicationsWindow : public QWidget {
    Q_OBJECT
public:
    explicit ReplicationsWindow(QWidget* parent = nullptr);
    ~ReplicationsWindow() override;

    // The scenario to compare: its variants fill the list (all chosen), the seeds stay as they are.
    void setScenario(const QString& path, const std::vector<std::string>& variants);
    // For tests: choose rows and seeds, and the store (empty: the per-user one).
    void choose(const QStringList& variants, int seeds);
    void setStorePath(const QString& path) { storePath_ = path; }

    void start();  // the Run button
    void cancel(); // the Cancel button: runs in flight stop, the rest do not start
    bool running() const { return task_.running(); }

    // After a comparison: its table, the runs, and what the window shows.
    const std::optional<es::CompareTable>& table() const { return table_; }
    QString reportHtml() const;
    int figureCount() const { return figures_; }
    QString statusText() const;
    QString savedComparisonUuid() const { return savedUuid_; }

signals:
    void finished(); // a comparison ended (done, cancelled or failed)

private:
    void showProgress(const es::ReplicationProgress& p);
    void showResult();
    void exportFiles();

    QString path_;
    QString storePath_;
    QListWidget* variants_;
    QSpinBox *seeds_, *jobs_;
    QCheckBox* save_;
    QPushButton *run_, *cancel_, *export_;
    QProgressBar* progress_;
    QLabel* status_;
    QTextBrowser* tableView_;
    QScrollArea* scroll_;
    QWidget* figuresArea_;
    QVBoxLayout* figuresLayout_;
    int figures_ = 0;
    BackgroundTask task_;
    std::unique_ptr<es::Replications> reps_;
    std::vector<es::RunOutcome> outcomes_;
    std::optional<es::CompareTable> table_;
    QString error_, savedUuid_;
};

} // namespace esui

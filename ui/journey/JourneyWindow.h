#pragma once
// The window's "message journey": pick a message (click its token, or type a correlation or event
// id) and see its whole journey so far as a sequence diagram. The run in the window keeps no history
// of every message, so the journey is replayed: the same scenario, seed and failures (hand-injected
// ones at the times they had) run again on a worker thread to the moment shown, with a collector
// listening (run/JourneyReplay). When the window is paused or finished the replay's trace digest
// must equal the run's, and the status line says it does. While the run plays, the journey is
// traced again every couple of seconds, so the diagram grows as the message moves on.
#include "app/BackgroundTask.h"
#include "model/journey/Journey.h"

#include <QTimer>
#include <QWidget>

#include <memory>

class QLabel;
class QLineEdit;
class QPushButton;
class QScrollArea;

namespace esui {

class SequenceDiagram;
class SimulationController;

class JourneyWindow : public QWidget {
    Q_OBJECT
public:
    explicit JourneyWindow(SimulationController* controller, QWidget* parent = nullptr);
    ~JourneyWindow() override;

    // Traces `id` (a correlation or an event id) up to the run's current moment.
    void trace(std::uint64_t id);
    bool isTracing() const { return task_.running(); }
    const es::Journey& journey() const;
    QString statusText() const;
    SequenceDiagram* diagram() const { return diagram_; }
    QLineEdit* searchField() const { return search_; }
    // Writes the diagram as PNG, SVG or PDF (by suffix); false with the reason in `error`.
    bool exportTo(const QString& path, QString* error = nullptr) const;

signals:
    void traced(); // a journey arrived and is shown

private:
    struct Result;
    void startReplay();
    void replayDone(const std::shared_ptr<Result>& result);
    void searchEntered();
    void exportClicked();

    SimulationController* controller_;
    QLineEdit* search_;
    QPushButton* exportButton_;
    QLabel* status_;
    QScrollArea* scroll_;
    SequenceDiagram* diagram_;
    QTimer follow_;
    std::uint64_t id_ = 0;
    bool wasPlaying_ = false;
    BackgroundTask task_; // last: destroyed (stopped and joined) before the widgets the result uses
};

} // namespace esui

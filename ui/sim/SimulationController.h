#pragma once
// The window's handle on a simulation: loads a scenario, owns the engine thread (EngineWorker), turns
// the GUI's run controls into engine commands, and pulls the newest snapshot on a 16 ms precise
// timer. It emits `frame` at most once per tick, with the latest snapshot, never per simulated event.
#include "scenario/Scenario.h"
#include "sim/ServiceGraph.h"
#include "sim/Snapshot.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>

namespace esui {

class EngineWorker;
struct EngineCommand;

class SimulationController : public QObject {
    Q_OBJECT
public:
    explicit SimulationController(QObject* parent = nullptr);
    ~SimulationController() override;

    // Loads a scenario file and starts a paused run of it; on failure returns false, keeps the run
    // it had, and puts the loader's message (file, line, column) in `error`.
    bool load(const QString& path, QString* error = nullptr) { return load(path, QString(), error); }
    // The same, as one of the scenario's variants ("" = the base scenario).
    bool load(const QString& path, const QString& variant, QString* error = nullptr);
    // Starts a paused run of a scenario already loaded (or built in code); `path` is where it came from.
    bool start(es::Scenario scenario, const QString& path, QString* error = nullptr);
    bool isLoaded() const { return worker_ != nullptr; }
    // The last error the engine thread reported (building or running the world threw), "" if none
    // since the last load.
    QString engineError() const { return engineError_; }
    QString path() const { return path_; }
    const es::Scenario& scenario() const { return scenario_; }
    const ServiceGraph& graph() const { return graph_; }
    // The snapshot last handed out by `frame` (empty before the first).
    const Snapshot& latest() const { return latest_; }
    bool isPlaying() const { return latest_.state == RunState::Playing; }
    double speed() const { return speed_; }
    // The seed of the current run (the file's, until a reseed).
    std::uint64_t seed() const { return scenario_.seed; }
    QString variant() const { return QString::fromStdString(scenario_.variant); }
    bool pauseAtNotes() const { return pauseAtNotes_; }
    // The first note strictly after `simTime` seconds (with a microsecond of slack, so a run paused
    // at a note does not find that note again); nullptr when none is left.
    const es::NoteSpec* noteAfter(double simTime) const;

public slots:
    void play();
    void pause();
    void togglePlay();
    void step();
    void restart();
    // Restarts from time 0 with another seed: the same scenario, a different draw of every random choice.
    void restartWithSeed(quint64 seed);
    // seed + 1: deterministic, so a run seen once can be found again.
    void newSeed();
    // Plays as fast as possible to the next note after the last snapshot's time, and pauses there.
    void runToNextNote();
    // Plays as fast as possible to simulated time `seconds` and pauses there (the side-by-side
    // window's shared clock moves every run this way, one step at a time).
    void runTo(double seconds);
    // Whether notes marked `pause: true` pause the run (for this and every later load).
    void setPauseAtNotes(bool on);
    // Simulated seconds per wall second; <= 0 runs as fast as possible.
    void setSpeed(double speed);
    // Pulls now instead of waiting for the timer (the timer calls it; tests may too).
    void pull();
    // Failures by hand: `f` begins at the next simulated millisecond (its `at` is ignored) and lasts
    // until liftFailure(i), i its index in the snapshot's failures. Dropped by a restart or a load.
    void injectFailure(es::FailureSpec f);
    void liftFailure(std::size_t index);
    // Services with state show this entity (its key's position) first in the inspector; -1: none.
    void watchKey(std::int64_t key);

signals:
    void loaded();
    void seedChanged(quint64 seed);
    void frame(const esui::Snapshot& snapshot);
    // The engine thread caught an error: the run is gone (Restart tries again, or load another file).
    void engineFailed(const QString& message);

private:
    void post(const EngineCommand& c);

    QString path_;
    es::Scenario scenario_;
    ServiceGraph graph_;
    double speed_ = 1;
    bool pauseAtNotes_ = true;
    Snapshot latest_;
    QString engineError_;
    QTimer timer_;
    std::unique_ptr<EngineWorker> worker_;
};

} // namespace esui

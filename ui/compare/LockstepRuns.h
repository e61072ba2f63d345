#pragma once
// Two to four runs of one scenario (its variants, or --set overrides) on one simulated clock, for
// the side-by-side window. Each run keeps its own engine thread and snapshot pull
// (SimulationController); this object only moves a shared clock: every tick it asks every run to
// play to the same simulated time (runTo) and moves the clock on only once all of them are there, so
// the slowest run sets the pace and no run is ever ahead of another by more than one step. All
// runs use the same seed (the file's, or the one chosen), so the variants are paired: the same
// arrivals wherever they do not differ.
#include "sim/SimulationController.h"

#include <QElapsedTimer>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <memory>
#include <vector>

namespace esui {

// One run of the comparison: a variant of the file ("" = the base) and overrides after it.
struct LockstepRow {
    QString variant;
    QStringList sets; // "path.to.key=value"
    QString label() const; // "sync", "base", "sync + services.email.concurrency=8"
};

// "base,sync" or "sync,sync:services.email.concurrency=8;services.email.instances=2": rows separated
// by commas, overrides after a colon separated by semicolons. Empty on a malformed text.
std::vector<LockstepRow> parseLockstepRows(const QString& text);

class LockstepRuns : public QObject {
    Q_OBJECT
public:
    static constexpr int kMinRuns = 2, kMaxRuns = 4;

    explicit LockstepRuns(QObject* parent = nullptr);
    ~LockstepRuns() override;

    // Loads every row of the scenario file, paused at time 0 with the file's seed; false (keeping
    // nothing) with the loader's message, naming the row, in `error`.
    bool open(const QString& path, const std::vector<LockstepRow>& rows, QString* error = nullptr);
    int count() const { return static_cast<int>(runs_.size()); }
    SimulationController* run(int i) const { return runs_[static_cast<std::size_t>(i)].get(); }
    const LockstepRow& row(int i) const { return rows_[static_cast<std::size_t>(i)]; }
    QString path() const { return path_; }

    // The shared clock: the simulated time every run has reached (seconds).
    double now() const;
    // How far apart the runs' latest snapshots are now (seconds; 0 while in lockstep).
    double spread() const;
    double endTime() const { return end_; }
    bool isPlaying() const { return playing_; }
    bool isFinished() const; // every run reached its end
    double speed() const { return speed_; }
    std::uint64_t seed() const;

public slots:
    void play();
    void pause();
    void togglePlay();
    void restart();
    void newSeed();
    // Simulated seconds per wall second; <= 0 as fast as possible (still in lockstep, in steps of
    // a hundredth of the run).
    void setSpeed(double speed);
    void tick(); // the timer's; tests may call it

signals:
    void frame();   // after a tick: every run's latest snapshot is the newest it has
    void stateChanged(); // played, paused, finished, restarted
    void failed(const QString& message); // a run's engine thread stopped with an error

private:
    bool allReached(double t) const;
    void moveClock(double to);

    QString path_;
    std::vector<LockstepRow> rows_;
    std::vector<std::unique_ptr<SimulationController>> runs_;
    QTimer timer_;
    QElapsedTimer wall_;
    double target_ = 0, end_ = 0, speed_ = 1;
    bool playing_ = false;
};

} // namespace esui

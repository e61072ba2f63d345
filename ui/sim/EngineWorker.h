#pragma once
// The engine thread: owns the RunDriver (the simulated world) and runs it in slices of at most
// kSliceEvents events, applying the GUI's commands between slices. In play mode the slices are paced
// so that simulated time follows wall time × speed (from an anchor reset at every play or speed
// change); at the fastest speed they run back to back. After a slice, if the GUI has taken the last
// snapshot, a new one is filled and handed over. Nothing crosses threads per simulated event.
// Plain C++ (no Qt): the QObject face is SimulationController.
#include "scenario/Scenario.h"
#include "sim/LiveSummary.h"
#include "sim/ServiceGraph.h"
#include "sim/SnapshotHandoff.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace es {
class RunDriver;
}

namespace esui {

class SnapshotBuilder;

struct EngineCommand {
    // RunTo: play unpaced up to `at`, then pause there (the "next note" control).
    // Reseed: restart from time 0 with `seed`. SetPauseAtNotes: `value` != 0 = notes with pause stop the run.
    // Inject: `failure` begins at the first instant nothing has run at yet (failures by hand; its
    // `at` is ignored). Lift: failure `index` (of the snapshot's failures) ends at that instant.
    // WatchKey: services with state show entity `key` first (-1: none), across restarts.
    enum Type { Play, Pause, Step, Restart, Speed, RunTo, Reseed, SetPauseAtNotes, Inject, Lift, WatchKey } type = Pause;
    double value = 0;       // Speed: simulated seconds per wall second; <= 0 = as fast as possible
    es::SimTime at = 0;     // RunTo
    std::uint64_t seed = 0; // Reseed
    es::FailureSpec failure{}; // Inject
    std::size_t index = 0;     // Lift
    std::int64_t key = -1;     // WatchKey
};

class EngineWorker {
public:
    static constexpr std::uint64_t kSliceEvents = 4096;

    EngineWorker(es::Scenario scenario, ServiceGraph graph, double speed);
    ~EngineWorker(); // stops and joins the thread
    EngineWorker(const EngineWorker&) = delete;
    EngineWorker& operator=(const EngineWorker&) = delete;

    // Any thread (the GUI's): queued, applied by the engine thread before its next slice.
    void post(EngineCommand c);
    SnapshotHandoff& handoff() { return handoff_; }
    // Any thread: the message of an error the engine thread caught since the last call ("" if none).
    // Building or running the world threw: the world is dropped, the thread waits for a Restart or
    // Reseed (which builds it again) and ignores the other commands.
    std::string takeError();

private:
    using Clock = std::chrono::steady_clock;
    void run(std::stop_token stop);
    void rebuild();
    void apply(const EngineCommand& c);
    void advance();
    void reanchor();
    void skipPauseNotesUpTo(es::SimTime t);
    void publish();
    void fail(const std::string& message);

    es::Scenario scenario_; // engine thread only after construction (Reseed changes its seed)
    const ServiceGraph graph_;
    std::vector<es::NoteSpec> pauseNotes_; // notes that pause the run, by time

    // Engine-thread state.
    std::unique_ptr<es::RunDriver> driver_;
    std::unique_ptr<SnapshotBuilder> builder_;
    RunState state_ = RunState::Paused;
    double speed_ = 1;
    es::SimTime anchorSim_ = 0;
    Clock::time_point anchorWall_;
    std::size_t nextPause_ = 0;
    bool pauseAtNotes_ = true;
    std::int64_t watchedKey_ = -1;
    es::SimTime runTo_ = es::kNever; // a RunTo in progress: its stop time
    bool dirty_ = true;          // something changed since the last published snapshot
    bool mustPublish_ = true;    // a command's effect must be shown even if the GUI is behind
    bool caughtUp_ = false;      // paced mode: simulated time has reached wall time × speed
    std::uint64_t seq_ = 0;
    std::uint64_t run_ = 0; // this run's number (SeriesRows::run)
    Clock::time_point rateSince_;
    std::uint64_t rateEvents_ = 0;
    double eventsPerSecond_ = 0;
    LiveSummary summary_;

    // Shared with the GUI thread.
    std::mutex inboxMutex_;
    std::condition_variable_any wake_;
    std::vector<EngineCommand> inbox_;
    std::atomic<bool> hasCommands_{false};
    std::atomic<bool> quit_{false};
    SnapshotHandoff handoff_;
    std::mutex errorMutex_;
    std::string error_;

    std::jthread thread_; // last: starts after everything above is constructed
};

} // namespace esui

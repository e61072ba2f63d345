#include "sim/EngineWorker.h"

#include "model/FailureInjector.h"

#include "run/RunDriver.h"
#include "sim/SnapshotBuilder.h"

#include <algorithm>
#include <new>
#include <utility>

namespace esui {

namespace {
// Runs started by any worker of this process: unique, so a store never mistakes a new run for the old.
std::atomic<std::uint64_t> runsStarted{0};
} // namespace

EngineWorker::EngineWorker(es::Scenario scenario, ServiceGraph graph, double speed)
    : scenario_(std::move(scenario)), graph_(std::move(graph)), speed_(speed)
{
    for (const es::NoteSpec& n : scenario_.notes)
        if (n.pause) pauseNotes_.push_back(n);
    std::sort(pauseNotes_.begin(), pauseNotes_.end(), [](const auto& a, const auto& b) { return a.at < b.at; });
    thread_ = std::jthread([this](std::stop_token st) { run(st); });
}

EngineWorker::~EngineWorker()
{
    quit_.store(true);
    thread_.request_stop();
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void EngineWorker::post(EngineCommand c)
{
    {
        std::lock_guard lock(inboxMutex_);
        inbox_.push_back(c);
        hasCommands_.store(true, std::memory_order_release);
    }
    wake_.notify_all();
}

std::string EngineWorker::takeError()
{
    std::lock_guard lock(errorMutex_);
    return std::exchange(error_, std::string());
}

void EngineWorker::fail(const std::string& message)
{
    // The world may be half built or half way through an event: nothing of it can be trusted.
    builder_.reset();
    driver_.reset();
    summary_.reset();
    state_ = RunState::Finished;
    runTo_ = es::kNever;
    dirty_ = mustPublish_ = false;
    std::lock_guard lock(errorMutex_);
    error_ = message;
}

void EngineWorker::rebuild()
{
    builder_.reset(); // it points into the old world
    driver_ = std::make_unique<es::RunDriver>(scenario_);
    builder_ = std::make_unique<SnapshotBuilder>(graph_, driver_->world());
    builder_->watchKey(watchedKey_);
    summary_.reset();
    run_ = ++runsStarted; // the window's chart store starts over on a new number
    state_ = RunState::Paused;
    nextPause_ = 0;
    runTo_ = es::kNever;
    eventsPerSecond_ = 0;
    dirty_ = mustPublish_ = true;
}

void EngineWorker::reanchor()
{
    anchorSim_ = driver_->world().sim().now();
    anchorWall_ = Clock::now();
    rateSince_ = anchorWall_;
    rateEvents_ = driver_->world().sim().eventsProcessed();
    caughtUp_ = false;
}

// A pausing note at the current time has been seen already (the run stopped there): going on
// resumes past it.
void EngineWorker::skipPauseNotesUpTo(es::SimTime t)
{
    while (nextPause_ < pauseNotes_.size() && pauseNotes_[nextPause_].at <= t) ++nextPause_;
}

void EngineWorker::apply(const EngineCommand& c)
{
    if (!driver_) { // after an error: only a new build can bring a world back
        if (c.type == EngineCommand::Reseed) scenario_.seed = c.seed;
        if (c.type == EngineCommand::Restart || c.type == EngineCommand::Reseed) rebuild();
        else if (c.type == EngineCommand::Speed) speed_ = c.value;
        else if (c.type == EngineCommand::SetPauseAtNotes) pauseAtNotes_ = c.value != 0;
        return;
    }
    es::Simulation& sim = driver_->world().sim();
    switch (c.type) {
    case EngineCommand::Play:
        if (state_ == RunState::Finished) break;
        skipPauseNotesUpTo(sim.now());
        state_ = RunState::Playing;
        runTo_ = es::kNever;
        reanchor();
        break;
    case EngineCommand::Pause:
        if (state_ == RunState::Playing) state_ = RunState::Paused;
        runTo_ = es::kNever;
        eventsPerSecond_ = 0;
        break;
    case EngineCommand::Step:
        if (state_ == RunState::Finished) break;
        state_ = RunState::Paused;
        runTo_ = es::kNever;
        if (!sim.step(driver_->endTime())) state_ = RunState::Finished;
        break;
    case EngineCommand::Restart:
        rebuild();
        break;
    case EngineCommand::Speed:
        speed_ = c.value;
        reanchor();
        break;
    case EngineCommand::RunTo:
        // A target already behind (the GUI decided on an older snapshot) just pauses.
        if (state_ == RunState::Finished) break;
        if (c.at <= sim.now()) {
            state_ = RunState::Paused;
            runTo_ = es::kNever;
            break;
        }
        skipPauseNotesUpTo(sim.now());
        state_ = RunState::Playing;
        runTo_ = c.at;
        reanchor();
        break;
    case EngineCommand::Reseed:
        scenario_.seed = c.seed;
        rebuild();
        break;
    case EngineCommand::Inject: {
        if (state_ == RunState::Finished) break;
        es::FailureInjector& failures = driver_->world().failures();
        es::FailureSpec f = c.failure;
        f.at = es::FailureInjector::injectionTime(sim.now());
        failures.inject(f);
        break;
    }
    case EngineCommand::Lift: {
        if (state_ == RunState::Finished) break;
        es::FailureInjector& failures = driver_->world().failures();
        failures.lift(c.index, es::FailureInjector::injectionTime(sim.now()));
        break;
    }
    case EngineCommand::WatchKey:
        watchedKey_ = c.key;
        if (builder_) builder_->watchKey(c.key);
        break;
    case EngineCommand::SetPauseAtNotes:
        pauseAtNotes_ = c.value != 0;
        // Notes passed while this was off are behind us: they must not stop the run when it is on again.
        while (nextPause_ < pauseNotes_.size() && pauseNotes_[nextPause_].at < sim.now()) ++nextPause_;
        break;
    }
    dirty_ = mustPublish_ = true;
}

void EngineWorker::advance()
{
    es::Simulation& sim = driver_->world().sim();
    const es::SimTime end = driver_->endTime();
    // A RunTo goes as fast as possible: waiting at the current speed for a note minutes away is no use.
    const bool runningTo = runTo_ != es::kNever;
    const bool paced = speed_ > 0 && !runningTo;
    es::SimTime target = runningTo ? std::min(end, runTo_) : end;
    if (paced) {
        const double wall = std::chrono::duration<double>(Clock::now() - anchorWall_).count();
        target = std::min(end, anchorSim_ + es::fromSeconds(wall * speed_));
    }
    const bool pauseAhead = pauseAtNotes_ && nextPause_ < pauseNotes_.size() && pauseNotes_[nextPause_].at <= target;
    if (pauseAhead) target = pauseNotes_[nextPause_].at;
    caughtUp_ = false;
    if (target > sim.now() || pauseAhead) {
        const bool reached = sim.runUntil(target, &quit_, kSliceEvents);
        dirty_ = true;
        if (reached) {
            caughtUp_ = paced;
            if (target >= end) state_ = RunState::Finished, mustPublish_ = true;
            else if (pauseAhead) state_ = RunState::Paused, ++nextPause_, mustPublish_ = true;
            else if (runningTo && target >= runTo_) state_ = RunState::Paused, mustPublish_ = true;
            if (state_ != RunState::Playing) runTo_ = es::kNever;
        } else if (paced && target - sim.now() > es::fromSeconds(0.25 * speed_)) {
            // The engine cannot keep this pace: follow from where it is rather than race to catch up
            // later (which would look like a sudden jump after a busy stretch).
            reanchor();
        }
    } else if (runningTo) {
        state_ = RunState::Paused, runTo_ = es::kNever, mustPublish_ = true; // nothing left before its stop
    } else {
        caughtUp_ = true;
    }
    const auto now = Clock::now();
    const double dt = std::chrono::duration<double>(now - rateSince_).count();
    if (dt >= 0.25) {
        eventsPerSecond_ = static_cast<double>(sim.eventsProcessed() - rateEvents_) / dt;
        rateSince_ = now;
        rateEvents_ = sim.eventsProcessed();
    }
}

void EngineWorker::publish()
{
    Snapshot& s = handoff_.back();
    builder_->fill(s, handoff_.wanted());
    s.series.run = run_;
    s.seq = ++seq_;
    s.endTime = es::toSeconds(driver_->endTime());
    s.eventsPerSecond = state_ == RunState::Playing ? eventsPerSecond_ : 0;
    s.state = state_;
    s.speed = speed_;
    s.summary = summary_.update(*driver_, state_ != RunState::Playing);
    // Copied only into a buffer that holds another run's or an older state of them (rarely: they
    // change when a failure begins, ends or is injected).
    const es::FailureInjector& failures = driver_->world().failures();
    if (const std::pair key{run_, failures.changes()}; s.failuresKey != key) {
        s.failures = failures.failures();
        s.scenarioFailures = failures.scenarioFailures();
        s.failureLog = failures.log();
        s.failuresKey = key;
    }
    // The note in force is the latest one of the last kNoteShown: a note speaks of what is about to
    // happen, and would mislead if it stayed up long after.
    constexpr es::SimTime kNoteShown = 10 * es::kSecond;
    const es::SimTime now = driver_->world().sim().now();
    const es::NoteSpec* note = nullptr;
    for (const es::NoteSpec& n : scenario_.notes)
        if (n.at <= now && now - n.at < kNoteShown && (!note || n.at >= note->at)) note = &n;
    if (note) s.note = note->text;
    else s.note.clear();
    handoff_.publish();
    dirty_ = mustPublish_ = false;
}

void EngineWorker::run(std::stop_token stop)
{
    // Nothing may escape this thread (std::terminate would take the window with it): an error in
    // building or running the world is handed to the GUI, which shows it.
    auto guarded = [this](auto&& step) {
        try {
            step();
        } catch (const std::bad_alloc&) {
            fail("the engine ran out of memory building or running this scenario (std::bad_alloc); "
                 "make it smaller (fewer instances, workers, partitions or events in flight)");
        } catch (const std::exception& e) {
            fail(e.what());
        } catch (...) {
            fail("the engine stopped on an unknown error");
        }
    };
    guarded([this] { rebuild(); });
    std::vector<EngineCommand> commands;
    while (!stop.stop_requested()) {
        const bool idle = state_ != RunState::Playing || caughtUp_;
        if (idle || hasCommands_.load(std::memory_order_acquire)) {
            std::unique_lock lock(inboxMutex_);
            // Paused: sleep until a command comes (or a snapshot is owed). Paced and ahead of the wall
            // clock: sleep a millisecond. Either way a command wakes the thread at once.
            if (idle && inbox_.empty()) {
                const auto wait = state_ == RunState::Playing ? std::chrono::milliseconds(1)
                                  : dirty_                    ? std::chrono::milliseconds(4)
                                                              : std::chrono::milliseconds(100);
                wake_.wait_for(lock, stop, wait, [this] { return !inbox_.empty(); });
            }
            commands.swap(inbox_);
            hasCommands_.store(false, std::memory_order_release);
        }
        guarded([&] {
            for (const EngineCommand& c : commands) apply(c);
        });
        commands.clear();
        if (stop.stop_requested()) break;
        if (!driver_) continue;
        guarded([this] {
            if (state_ == RunState::Playing) advance();
            if (dirty_ && (mustPublish_ || handoff_.wanted())) publish();
        });
    }
}

} // namespace esui

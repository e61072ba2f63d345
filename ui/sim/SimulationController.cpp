#include "sim/SimulationController.h"

#include "scenario/ScenarioLoader.h"
#include "sim/EngineWorker.h"

namespace esui {

SimulationController::SimulationController(QObject* parent) : QObject(parent)
{
    // ~60 Hz; a precise timer so frames do not drift into 20-30 ms steps under load.
    timer_.setTimerType(Qt::PreciseTimer);
    timer_.setInterval(16);
    connect(&timer_, &QTimer::timeout, this, &SimulationController::pull);
}

SimulationController::~SimulationController() = default;

bool SimulationController::load(const QString& path, const QString& variant, QString* error)
{
    es::Scenario sc;
    try {
        sc = es::loadScenarioFile(path.toStdString(), {}, variant.toStdString());
    } catch (const std::exception& e) {
        if (error) *error = QString::fromStdString(e.what());
        return false;
    }
    return start(std::move(sc), path, error);
}

bool SimulationController::start(es::Scenario sc, const QString& path, QString* error)
{
    try {
        worker_.reset(); // joins the old engine thread before its scenario goes away
        engineError_.clear();
        scenario_ = std::move(sc);
        graph_ = buildServiceGraph(scenario_);
        path_ = path;
        latest_ = Snapshot{};
        worker_ = std::make_unique<EngineWorker>(scenario_, graph_, speed_);
        // Applied before the run's first slice: commands are taken before anything runs.
        if (!pauseAtNotes_) post({.type = EngineCommand::SetPauseAtNotes, .value = 0});
    } catch (const std::exception& e) {
        if (error) *error = QString::fromStdString(e.what());
        return false;
    }
    timer_.start();
    emit loaded();
    emit seedChanged(scenario_.seed);
    return true;
}

void SimulationController::post(const EngineCommand& c)
{
    if (worker_) worker_->post(c);
}

void SimulationController::play() { post({.type = EngineCommand::Play}); }
void SimulationController::pause() { post({.type = EngineCommand::Pause}); }
void SimulationController::step() { post({.type = EngineCommand::Step}); }
void SimulationController::restart() { post({.type = EngineCommand::Restart}); }

void SimulationController::restartWithSeed(quint64 seed)
{
    if (!worker_) return;
    scenario_.seed = seed;
    post({.type = EngineCommand::Reseed, .seed = seed});
    emit seedChanged(seed);
}

void SimulationController::newSeed() { restartWithSeed(scenario_.seed + 1); }

void SimulationController::injectFailure(es::FailureSpec f)
{
    EngineCommand c{.type = EngineCommand::Inject};
    c.failure = std::move(f);
    post(c);
}

void SimulationController::liftFailure(std::size_t index)
{
    EngineCommand c{.type = EngineCommand::Lift};
    c.index = index;
    post(c);
}

void SimulationController::watchKey(std::int64_t key)
{
    EngineCommand c{.type = EngineCommand::WatchKey};
    c.key = key;
    post(c);
}

const es::NoteSpec* SimulationController::noteAfter(double simTime) const
{
    const es::SimTime after = es::fromSeconds(simTime) + es::kMicrosecond;
    const es::NoteSpec* next = nullptr;
    for (const es::NoteSpec& n : scenario_.notes) // not necessarily sorted in the file
        if (n.at > after && (!next || n.at < next->at)) next = &n;
    return next;
}

void SimulationController::runToNextNote()
{
    if (const es::NoteSpec* n = noteAfter(latest_.simTime)) post({.type = EngineCommand::RunTo, .at = n->at});
}

void SimulationController::runTo(double seconds) { post({.type = EngineCommand::RunTo, .at = es::fromSeconds(seconds)}); }

void SimulationController::setPauseAtNotes(bool on)
{
    pauseAtNotes_ = on;
    post({.type = EngineCommand::SetPauseAtNotes, .value = on ? 1.0 : 0.0});
}

void SimulationController::togglePlay()
{
    // Decided on the last snapshot seen: a press while a play command is still on its way pauses.
    if (isPlaying()) pause();
    else play();
}

void SimulationController::setSpeed(double speed)
{
    speed_ = speed;
    post({.type = EngineCommand::Speed, .value = speed});
}

void SimulationController::pull()
{
    if (!worker_) return;
    if (std::string e = worker_->takeError(); !e.empty()) {
        engineError_ = QString::fromStdString(e);
        emit engineFailed(engineError_);
    }
    if (const Snapshot* s = worker_->handoff().take()) {
        latest_ = *s; // one copy per frame: the GUI keeps it while the engine fills the next
        emit frame(latest_);
    }
}

} // namespace esui

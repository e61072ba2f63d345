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

bool SimulationController::load(const QString& path, QString* error)
{
    try {
        es::Scenario sc = es::loadScenarioFile(path.toStdString());
        worker_.reset(); // joins the old engine thread before its scenario goes away
        scenario_ = std::move(sc);
        graph_ = buildServiceGraph(scenario_);
        path_ = path;
        latest_ = Snapshot{};
        worker_ = std::make_unique<EngineWorker>(scenario_, graph_, speed_);
    } catch (const std::exception& e) {
        if (error) *error = QString::fromStdString(e.what());
        return false;
    }
    timer_.start();
    emit loaded();
    return true;
}

void SimulationController::post(int type, double value)
{
    if (worker_) worker_->post(EngineCommand{static_cast<EngineCommand::Type>(type), value});
}

void SimulationController::play() { post(EngineCommand::Play); }
void SimulationController::pause() { post(EngineCommand::Pause); }
void SimulationController::step() { post(EngineCommand::Step); }
void SimulationController::restart() { post(EngineCommand::Restart); }

void SimulationController::togglePlay()
{
    // Decided on the last snapshot seen: a press while a play command is still on its way pauses.
    if (isPlaying()) pause();
    else play();
}

void SimulationController::setSpeed(double speed)
{
    speed_ = speed;
    post(EngineCommand::Speed, speed);
}

void SimulationController::pull()
{
    if (!worker_) return;
    if (const Snapshot* s = worker_->handoff().take()) {
        latest_ = *s; // one copy per frame: the GUI keeps it while the engine fills the next
        emit frame(latest_);
    }
}

} // namespace esui

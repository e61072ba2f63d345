#include "compare/LockstepRuns.h"

#include "scenario/ScenarioLoader.h"

#include <algorithm>
#include <stdexcept>
#include <limits>

namespace esui {

QString LockstepRow::label() const
{
    QString l = variant.isEmpty() ? QStringLiteral("base") : variant;
    for (const QString& s : sets) l += QStringLiteral(" + ") + s;
    return l;
}

std::vector<LockstepRow> parseLockstepRows(const QString& text)
{
    std::vector<LockstepRow> rows;
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        LockstepRow r;
        const qsizetype colon = part.indexOf(QLatin1Char(':'));
        r.variant = (colon < 0 ? part : part.left(colon)).trimmed();
        if (r.variant == QLatin1String("base")) r.variant.clear();
        if (colon >= 0)
            for (const QString& set : part.mid(colon + 1).split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
                if (!set.contains(QLatin1Char('='))) return {};
                r.sets << set.trimmed();
            }
        rows.push_back(r);
    }
    return rows;
}

LockstepRuns::LockstepRuns(QObject* parent) : QObject(parent)
{
    timer_.setTimerType(Qt::PreciseTimer);
    timer_.setInterval(16);
    connect(&timer_, &QTimer::timeout, this, &LockstepRuns::tick);
}

LockstepRuns::~LockstepRuns() = default;

bool LockstepRuns::open(const QString& path, const std::vector<LockstepRow>& rows, QString* error)
{
    if (rows.size() < kMinRuns || rows.size() > kMaxRuns) {
        if (error) *error = tr("side by side takes %1 to %2 runs, not %3").arg(kMinRuns).arg(kMaxRuns).arg(rows.size());
        return false;
    }
    std::vector<std::unique_ptr<SimulationController>> runs;
    double end = 0;
    for (const LockstepRow& row : rows) {
        auto c = std::make_unique<SimulationController>();
        try {
            std::vector<es::Override> overrides;
            for (const QString& s : row.sets) overrides.push_back(es::parseOverride(s.toStdString()));
            es::Scenario sc = es::loadScenarioFile(path.toStdString(), overrides, row.variant.toStdString());
            QString why;
            if (!c->start(std::move(sc), path, &why)) throw std::runtime_error(why.toStdString());
        } catch (const std::exception& e) {
            if (error) *error = tr("%1 (%2): %3").arg(path, row.label(), QString::fromUtf8(e.what()));
            return false;
        }
        c->setPauseAtNotes(false); // one clock: a note must not stop one run and not the others
        connect(c.get(), &SimulationController::engineFailed, this, &LockstepRuns::failed);
        end = std::max(end, es::toSeconds(c->scenario().duration));
        runs.push_back(std::move(c));
    }
    // Paired: every run on the first one's seed (variants may set their own).
    const std::uint64_t seed = runs.front()->seed();
    for (auto& c : runs)
        if (c->seed() != seed) c->restartWithSeed(seed);
    pause();
    runs_ = std::move(runs);
    rows_ = rows;
    path_ = path;
    end_ = end;
    target_ = 0;
    emit stateChanged();
    return true;
}

std::uint64_t LockstepRuns::seed() const { return runs_.empty() ? 0 : runs_.front()->seed(); }

double LockstepRuns::now() const
{
    double t = std::numeric_limits<double>::infinity();
    for (const auto& c : runs_) t = std::min(t, c->latest().simTime);
    return runs_.empty() ? 0 : t;
}

double LockstepRuns::spread() const
{
    double lo = std::numeric_limits<double>::infinity(), hi = 0;
    for (const auto& c : runs_) lo = std::min(lo, c->latest().simTime), hi = std::max(hi, c->latest().simTime);
    return runs_.empty() ? 0 : hi - lo;
}

bool LockstepRuns::isFinished() const
{
    return !runs_.empty() && std::all_of(runs_.begin(), runs_.end(), [](const auto& c) { return c->latest().state == RunState::Finished; });
}

bool LockstepRuns::allReached(double t) const
{
    return std::all_of(runs_.begin(), runs_.end(), [t](const auto& c) {
        const Snapshot& s = c->latest();
        return s.state == RunState::Finished || (s.state == RunState::Paused && s.simNow >= es::fromSeconds(t));
    });
}

void LockstepRuns::moveClock(double to)
{
    target_ = std::min(to, end_);
    for (auto& c : runs_) c->runTo(target_);
}

void LockstepRuns::tick()
{
    for (auto& c : runs_) c->pull();
    if (playing_ && isFinished()) {
        playing_ = false;
        timer_.stop();
        emit stateChanged();
    } else if (playing_ && allReached(target_)) {
        // Wall time since the last step, at most a tenth of a second (a stall must not become a jump).
        const double wall = std::min(wall_.restart() / 1000.0, 0.1);
        const double step = speed_ > 0 ? wall * speed_ : end_ / 100;
        if (step > 0) moveClock(target_ + step);
    }
    emit frame();
}

void LockstepRuns::play()
{
    if (runs_.empty() || isFinished()) return;
    playing_ = true;
    wall_.start();
    timer_.start();
    emit stateChanged();
}

void LockstepRuns::pause()
{
    playing_ = false;
    for (auto& c : runs_) c->pause();
    // The runs stop where they are; the clock waits for all of them at the furthest one.
    double furthest = 0;
    for (auto& c : runs_) furthest = std::max(furthest, c->latest().simTime);
    target_ = furthest;
    for (auto& c : runs_) c->runTo(target_);
    timer_.start(); // keeps pulling so the paused picture is the last one
    emit stateChanged();
}

void LockstepRuns::togglePlay() { playing_ ? pause() : play(); }

void LockstepRuns::restart()
{
    const bool was = playing_;
    playing_ = false;
    for (auto& c : runs_) c->restart();
    target_ = 0;
    emit stateChanged();
    if (was) play();
}

void LockstepRuns::newSeed()
{
    const std::uint64_t seed = this->seed() + 1;
    playing_ = false;
    for (auto& c : runs_) c->restartWithSeed(seed);
    target_ = 0;
    emit stateChanged();
}

void LockstepRuns::setSpeed(double speed) { speed_ = speed; }

} // namespace esui

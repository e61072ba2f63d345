#pragma once
// Animation time: the clock message tokens move by, kept apart from simulated time (the engine's)
// and from wall time (which paces the engine). It runs with wall time × pace, so a teacher can slow
// the tokens down (or speed them up) without touching the simulation: at pace ½ a token takes twice
// as long along its edge, whatever the simulation speed. Changing the pace never makes it jump.
#include <QElapsedTimer>

namespace esui {

class AnimationClock {
public:
    AnimationClock() { wall_.start(); }

    double now() const { return base_ + pace_ * static_cast<double>(wall_.nsecsElapsed() - since_) / 1e9; }
    double pace() const { return pace_; }
    void setPace(double pace)
    {
        base_ = now();
        since_ = wall_.nsecsElapsed();
        pace_ = pace;
    }

private:
    QElapsedTimer wall_;
    double base_ = 0; // animation seconds at the last pace change
    qint64 since_ = 0; // wall nanoseconds at the last pace change
    double pace_ = 1;
};

} // namespace esui

#pragma once
// For the window's tests: plays the loaded run at full speed, through its notes, to its end, and
// lets the last frame reach the docks. False if it did not get there within a minute.
#include "MainWindow.h"
#include "sim/SimulationController.h"
#include "widgets/SpeedControl.h"

#include <QtTest>

namespace esui {

inline bool runToEnd(MainWindow& w)
{
    SimulationController* c = w.controller();
    w.speedControl()->setSpeed(0);
    c->setPauseAtNotes(false);
    if (!QTest::qWaitFor([&] { return c->latest().seq > 0; }, 10000)) return false;
    c->play();
    if (!QTest::qWaitFor([&] { return c->latest().state == RunState::Finished; }, 60000)) return false;
    QTest::qWait(50); // the last frame reached the docks
    return true;
}

} // namespace esui

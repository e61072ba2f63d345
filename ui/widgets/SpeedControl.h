#pragma once
// Simulation speed: a slider on a log scale from slow motion (0.01 simulated seconds per wall
// second) to 1000×, with one more notch at the end for "max" (as fast as the engine goes, unpaced).
#include <QWidget>

class QSlider;
class QLabel;

namespace esui {

class SpeedControl : public QWidget {
    Q_OBJECT
public:
    explicit SpeedControl(QWidget* parent = nullptr);

    // Simulated seconds per wall second; <= 0 = max.
    double speed() const;
    void setSpeed(double speed);
    static QString speedText(double speed);

signals:
    void speedChanged(double speed);

private:
    static constexpr int kSteps = 100; // notches from 0.01× to 1000×; kSteps + 1 is max
    static double speedAt(int value);
    QSlider* slider_;
    QLabel* label_;
};

} // namespace esui

#include "widgets/SpeedControl.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>

#include <algorithm>
#include <cmath>

namespace esui {

SpeedControl::SpeedControl(QWidget* parent) : QWidget(parent), slider_(new QSlider(Qt::Horizontal, this)), label_(new QLabel(this))
{
    slider_->setRange(0, kSteps + 1);
    slider_->setPageStep(kSteps / 5); // one decade
    slider_->setMinimumWidth(160);
    slider_->setMaximumWidth(280); // a toolbar-wide slider is hard to set precisely
    slider_->setToolTip(tr("Simulated seconds per wall second, from 0.01× to 1000×, or max"));
    label_->setMinimumWidth(QFontMetrics(label_->font()).horizontalAdvance(QStringLiteral("0.001×  ")));
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(6, 0, 6, 0);
    row->addWidget(new QLabel(tr("Speed"), this));
    row->addWidget(slider_);
    row->addWidget(label_);
    connect(slider_, &QSlider::valueChanged, this, [this](int v) {
        label_->setText(speedText(speedAt(v)));
        emit speedChanged(speedAt(v));
    });
    setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Preferred); // no stretch inside a toolbar
    setSpeed(1);
}

double SpeedControl::speedAt(int v)
{
    if (v > kSteps) return 0;
    return std::pow(10.0, -2.0 + 5.0 * v / kSteps);
}

double SpeedControl::speed() const { return speedAt(slider_->value()); }

void SpeedControl::setSpeed(double speed)
{
    const int v = speed <= 0 ? kSteps + 1 : static_cast<int>(std::lround((std::log10(speed) + 2.0) * kSteps / 5.0));
    slider_->setValue(std::clamp(v, 0, kSteps + 1));
    label_->setText(speedText(speedAt(slider_->value())));
}

QString SpeedControl::speedText(double speed)
{
    if (speed <= 0) return tr("max");
    if (speed < 0.1) return QString::number(speed, 'f', 3) + QStringLiteral("×");
    if (speed < 10) return QString::number(speed, 'f', 2) + QStringLiteral("×");
    return QString::number(speed, 'f', 0) + QStringLiteral("×");
}

} // namespace esui

#pragma once
// How the window writes one figure of the run summary: counts with thousands separators, times in
// the unit that keeps three significant digits (ms below a second), shares as percentages. The
// scoreboard, the Figures panel and the comparison all write numbers this way.
#include "scenario/Scenario.h"

#include <QString>

#include <optional>

namespace esui {

QString formatFigure(std::optional<double> value, es::FigureUnit unit);
// A difference (b - a) with its sign, in the figure's unit: "+85", "−1.2 s", "+3.1 pp".
QString formatDifference(double difference, es::FigureUnit unit);

} // namespace esui

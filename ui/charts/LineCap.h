#pragma once
// A chart keeps at most a few dozen lines. A model with hundreds of consumer groups would otherwise
// give each chart hundreds of series and legend entries: nothing a reader can tell apart, and Qt
// Charts lays out every legend marker on each resize (1,000 groups froze the window for minutes).
// The first lines are kept, in the catalog's order, and the title says how many were left out.
#include "charts/ChartSpec.h"

#include <cstddef>

namespace esui {

inline constexpr std::size_t kMaxLinesPerChart = 24;

void capLines(ChartSpec& spec, std::size_t maxLines = kMaxLinesPerChart);

} // namespace esui

#include "charts/LineCap.h"

#include <QObject>

namespace esui {

void capLines(ChartSpec& spec, std::size_t maxLines)
{
    if (spec.lines.size() <= maxLines) return;
    spec.title += QObject::tr(" (first %1 of %2 lines)").arg(maxLines).arg(spec.lines.size());
    spec.lines.resize(maxLines);
}

} // namespace esui

#include "graph/GraphText.h"

#include <QApplication>

#include <algorithm>

namespace esui::graphtext {

namespace {
bool g_presenting = false; // GUI thread only: set by GraphView::setPresentation, read while painting
constexpr double kSmallest = 0.75; // NodeItem's partition labels
} // namespace

void setPresenting(bool on) { g_presenting = on; }
bool presenting() { return g_presenting; }

QFont font(double factor, bool bold)
{
    QFont f = QApplication::font();
    const double k = g_presenting ? std::max(factor, 1.0) : factor;
    if (k != 1) f.setPointSizeF(f.pointSizeF() * k);
    f.setBold(bold);
    return f;
}

double smallestFactor() { return g_presenting ? 1.0 : kSmallest; }

} // namespace esui::graphtext

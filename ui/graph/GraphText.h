#pragma once
// The service graph's text sizes in one place. Nodes and edges write at a few sizes relative to the
// application font (captions 0.9, partition labels 0.75, badges 0.85); in presentation mode none is
// smaller than the application font itself, so with the graph fitted to a 1280x720 projector the
// smallest label reaches 14 px (PresentationMode::smallestGraphTextPx measures it).
#include <QFont>

namespace esui::graphtext {

void setPresenting(bool on);
bool presenting();
// The application font at `factor` of its size (at least 1 while presenting), bold if asked.
QFont font(double factor, bool bold = false);
// The smallest factor the graph writes at now.
double smallestFactor();

} // namespace esui::graphtext

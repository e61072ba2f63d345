#pragma once
// View → Animation pace: how fast message tokens travel (¼×, ½×, 1×, 2×), apart from the simulation's
// speed; applied to the graph view at once and remembered.
#include <QMenu>

namespace esui {

class GraphView;
class Preferences;

class AnimationPaceMenu : public QMenu {
    Q_OBJECT
public:
    AnimationPaceMenu(Preferences& prefs, GraphView* view, QWidget* parent);
};

} // namespace esui

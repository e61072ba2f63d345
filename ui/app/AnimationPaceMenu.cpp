#include "app/AnimationPaceMenu.h"

#include "app/Preferences.h"
#include "graph/GraphView.h"

#include <QActionGroup>

#include <cmath>

namespace esui {

AnimationPaceMenu::AnimationPaceMenu(Preferences& prefs, GraphView* view, QWidget* parent)
    : QMenu(tr("&Animation pace"), parent)
{
    setObjectName(QStringLiteral("animationPaceMenu"));
    setToolTip(tr("How fast message tokens travel along the edges; the simulation's speed is not affected"));
    auto* group = new QActionGroup(this);
    const double saved = prefs.animationPace();
    view->setAnimationPace(saved);
    const std::pair<double, QString> choices[] = {
        {0.25, tr("¼× (very slow)")}, {0.5, tr("½× (slow)")}, {1.0, tr("1× (normal)")}, {2.0, tr("2× (fast)")}};
    for (const auto& [pace, text] : choices) {
        QAction* a = addAction(text);
        a->setCheckable(true);
        a->setChecked(std::abs(pace - saved) < 1e-9);
        a->setData(pace);
        group->addAction(a);
        connect(a, &QAction::triggered, this, [&prefs, view, pace = pace] {
            view->setAnimationPace(pace);
            prefs.setAnimationPace(pace);
        });
    }
}

} // namespace esui

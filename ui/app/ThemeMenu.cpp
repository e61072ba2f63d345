#include "app/ThemeMenu.h"

#include "app/Preferences.h"
#include "app/Theme.h"

#include <QActionGroup>

namespace esui {

ThemeMenu::ThemeMenu(Preferences& prefs, QWidget* parent) : QMenu(tr("&Theme"), parent)
{
    const QString override = qEnvironmentVariable("EVENTSCAPE_THEME");
    setObjectName(QStringLiteral("themeMenu"));
    auto* group = new QActionGroup(this);
    const Theme initial = themeFromKey(override.isEmpty() ? prefs.theme() : override);
    const std::pair<Theme, QString> choices[] = {
        {Theme::System, tr("Follow the &system")}, {Theme::Light, tr("&Light")}, {Theme::Dark, tr("&Dark")}};
    for (const auto& [theme, text] : choices) {
        QAction* a = addAction(text);
        a->setCheckable(true);
        a->setChecked(theme == initial);
        a->setData(themeKey(theme));
        group->addAction(a);
        connect(a, &QAction::triggered, this, [&prefs, theme = theme] {
            applyTheme(theme);
            prefs.setTheme(themeKey(theme));
        });
    }
    if (initial != Theme::System) applyTheme(initial);
}

} // namespace esui

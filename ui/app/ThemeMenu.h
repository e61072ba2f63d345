#pragma once
// View → Theme: System, Light or Dark, one checked; the choice is applied at once and remembered.
#include <QMenu>

namespace esui {

class Preferences;

class ThemeMenu : public QMenu {
    Q_OBJECT
public:
    // Applies the remembered theme, unless the environment variable EVENTSCAPE_THEME (set by
    // `eventscape --theme`) names one: that is applied but not remembered.
    ThemeMenu(Preferences& prefs, QWidget* parent);
};

} // namespace esui

#pragma once
// Light or dark. By default the window follows the system (the platform theme's palette, which Qt
// updates when the desktop switches); a user whose desktop does not tell Qt can choose Light or Dark
// in View → Theme. Every colour the graph draws derives from the application palette, so a change
// here repaints everything in the new colours (GraphView listens for PaletteChange).
#include <QString>

namespace esui {

enum class Theme { System, Light, Dark };

// Applies `theme` to the application. The system's palette is remembered on the first call, so
// going back to System restores it.
void applyTheme(Theme theme);
Theme currentTheme();

QString themeKey(Theme theme);           // "system", "light", "dark" (settings, command line)
Theme themeFromKey(const QString& key);  // System for anything unknown

} // namespace esui

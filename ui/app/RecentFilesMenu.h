#pragma once
// File → Recent files: the Preferences' recent list, most recent first, rebuilt each time the menu
// opens (so a file deleted meanwhile is gone), with a Clear entry. Choosing an entry emits
// openRequested; the window opens it and, on success, records it again.
#include <QMenu>

namespace esui {

class Preferences;

class RecentFilesMenu : public QMenu {
    Q_OBJECT
public:
    RecentFilesMenu(Preferences& preferences, QWidget* parent = nullptr);

    // Rebuilds the entries from the preferences (also done on aboutToShow).
    void refresh();

signals:
    void openRequested(const QString& path);

private:
    Preferences& preferences_;
};

} // namespace esui

#include "app/RecentFilesMenu.h"

#include "app/Preferences.h"

#include <QFileInfo>

namespace esui {

RecentFilesMenu::RecentFilesMenu(Preferences& preferences, QWidget* parent)
    : QMenu(tr("Recent &files"), parent), preferences_(preferences)
{
    connect(this, &QMenu::aboutToShow, this, &RecentFilesMenu::refresh);
    refresh();
}

void RecentFilesMenu::refresh()
{
    clear();
    const QStringList files = preferences_.recentFiles();
    int n = 0;
    for (const QString& f : files) {
        // &1 … &9, then &0: keyboard access to every entry, and the full path where it is ambiguous.
        const QString accel = ++n < 10 ? QStringLiteral("&%1 ").arg(n) : QStringLiteral("1&0 ");
        QAction* a = addAction(accel + QFileInfo(f).fileName());
        a->setToolTip(f);
        a->setStatusTip(f);
        a->setData(f);
        connect(a, &QAction::triggered, this, [this, f] { emit openRequested(f); });
    }
    if (files.isEmpty()) addAction(tr("No recent files"))->setEnabled(false);
    addSeparator();
    QAction* clearAll = addAction(tr("&Clear"), this, [this] {
        preferences_.clearRecentFiles();
        refresh();
    });
    clearAll->setEnabled(!files.isEmpty());
    setEnabled(true);
}

} // namespace esui

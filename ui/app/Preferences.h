#pragma once
// What the window remembers between runs, in one place: geometry and dock layout, the Open dialog's
// folder, the speed, the recent files and whether notes pause the run. A thin typed face over
// QSettings, so the keys are spelled once and tests can point it at a scratch file.
#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

class QSettings;

namespace esui {

class Preferences {
public:
    static constexpr int kMaxRecentFiles = 10;

    // The application's settings (organization and application name of QCoreApplication).
    Preferences();
    // An INI file of its own (tests).
    explicit Preferences(const QString& iniFile);
    ~Preferences();
    Preferences(const Preferences&) = delete;
    Preferences& operator=(const Preferences&) = delete;

    // Most recent first; files that no longer exist are dropped (and forgotten).
    QStringList recentFiles();
    // Puts `path` (made absolute) first, removing an earlier entry for it; keeps kMaxRecentFiles.
    void addRecentFile(const QString& path);
    void clearRecentFiles();

    QString lastFolder() const;
    void setLastFolder(const QString& folder);

    std::optional<double> speed() const; // unset until a speed was saved
    void setSpeed(double speed);

    bool pauseAtNotes() const; // default on
    void setPauseAtNotes(bool on);

    QString theme() const; // "system" (default), "light" or "dark"
    void setTheme(const QString& key);

    double animationPace() const; // tokens' animation seconds per wall second, default 1
    void setAnimationPace(double pace);

    QByteArray windowGeometry() const;
    QByteArray windowState() const;
    void setWindow(const QByteArray& geometry, const QByteArray& state);

    void sync();

private:
    std::unique_ptr<QSettings> settings_;
};

} // namespace esui

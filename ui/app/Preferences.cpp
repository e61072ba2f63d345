#include "app/Preferences.h"

#include <QFileInfo>
#include <QSettings>

namespace esui {

namespace {
const QString kRecent = QStringLiteral("files/recent");
const QString kLastFolder = QStringLiteral("files/lastFolder");
const QString kSpeed = QStringLiteral("run/speed");
const QString kPauseAtNotes = QStringLiteral("run/pauseAtNotes");
const QString kTheme = QStringLiteral("view/theme");
const QString kAnimationPace = QStringLiteral("view/animationPace");
const QString kGeometry = QStringLiteral("window/geometry");
const QString kState = QStringLiteral("window/state");
} // namespace

Preferences::Preferences() : settings_(std::make_unique<QSettings>()) {}

Preferences::Preferences(const QString& iniFile) : settings_(std::make_unique<QSettings>(iniFile, QSettings::IniFormat)) {}

Preferences::~Preferences() = default;

QStringList Preferences::recentFiles()
{
    const QStringList stored = settings_->value(kRecent).toStringList();
    QStringList kept;
    for (const QString& f : stored)
        if (QFileInfo::exists(f) && !kept.contains(f)) kept.append(f);
    while (kept.size() > kMaxRecentFiles) kept.removeLast();
    if (kept != stored) settings_->setValue(kRecent, kept);
    return kept;
}

void Preferences::addRecentFile(const QString& path)
{
    // Absolute and clean, so the same file reached by two relative paths is one entry.
    const QFileInfo info(path);
    const QString absolute = info.exists() ? info.canonicalFilePath() : info.absoluteFilePath();
    QStringList files = recentFiles();
    files.removeAll(absolute);
    files.prepend(absolute);
    while (files.size() > kMaxRecentFiles) files.removeLast();
    settings_->setValue(kRecent, files);
}

void Preferences::clearRecentFiles() { settings_->remove(kRecent); }

QString Preferences::lastFolder() const { return settings_->value(kLastFolder).toString(); }
void Preferences::setLastFolder(const QString& folder) { settings_->setValue(kLastFolder, folder); }

std::optional<double> Preferences::speed() const
{
    bool ok = false;
    const double s = settings_->value(kSpeed).toDouble(&ok);
    if (!ok) return std::nullopt;
    return s;
}

void Preferences::setSpeed(double speed) { settings_->setValue(kSpeed, speed); }

bool Preferences::pauseAtNotes() const { return settings_->value(kPauseAtNotes, true).toBool(); }
void Preferences::setPauseAtNotes(bool on) { settings_->setValue(kPauseAtNotes, on); }

QString Preferences::theme() const { return settings_->value(kTheme, QStringLiteral("system")).toString(); }
void Preferences::setTheme(const QString& key) { settings_->setValue(kTheme, key); }

double Preferences::animationPace() const
{
    const double pace = settings_->value(kAnimationPace, 1.0).toDouble();
    return pace > 0 ? pace : 1.0; // a damaged value must not freeze the tokens
}
void Preferences::setAnimationPace(double pace) { settings_->setValue(kAnimationPace, pace); }

QByteArray Preferences::windowGeometry() const { return settings_->value(kGeometry).toByteArray(); }
QByteArray Preferences::windowState() const { return settings_->value(kState).toByteArray(); }

void Preferences::setWindow(const QByteArray& geometry, const QByteArray& state)
{
    settings_->setValue(kGeometry, geometry);
    settings_->setValue(kState, state);
}

void Preferences::sync() { settings_->sync(); }

} // namespace esui

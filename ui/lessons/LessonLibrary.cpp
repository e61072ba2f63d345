#include "lessons/LessonLibrary.h"

#include "paths/LessonsDir.h"
#include "scenario/ScenarioLoader.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <filesystem>
#include <exception>

namespace esui {

QString LessonLibrary::findLessonsDir()
{
    // The rule is es::findLessonsDir's (shared with eventscape-cli); Qt knows the binary's folder
    // even when /proc is not mounted. --lessons reaches it through $EVENTSCAPE_LESSONS (app/gui).
    const std::filesystem::path appDir =
        QCoreApplication::instance() ? QCoreApplication::applicationDirPath().toStdString() : std::string();
    const std::filesystem::path dir = es::findLessonsDir({}, appDir);
    return QString::fromStdString(dir.string());
}

LessonLibrary::LessonLibrary(const QString& dir) : dir_(dir)
{
    if (dir_.isEmpty()) return;
    const QDir folder(dir_);
    const QStringList files = folder.entryList({QStringLiteral("*.yaml"), QStringLiteral("*.yml"), QStringLiteral("*.json")},
                                               QDir::Files, QDir::Name);
    for (const QString& f : files) {
        const QString path = folder.absoluteFilePath(f);
        try {
            const es::Scenario sc = es::loadScenarioFile(path.toStdString());
            LessonEntry e;
            e.path = path;
            e.id = QString::fromStdString(sc.id);
            e.title = QString::fromStdString(sc.title).trimmed();
            if (e.title.isEmpty()) e.title = QFileInfo(f).completeBaseName();
            e.summary = QString::fromStdString(sc.summary).trimmed();
            for (const std::string& o : sc.objectives) e.objectives << QString::fromStdString(o);
            lessons_.append(e);
        } catch (const std::exception& ex) {
            problems_ << QString::fromStdString(ex.what());
        }
    }
    std::stable_sort(lessons_.begin(), lessons_.end(), [](const LessonEntry& a, const LessonEntry& b) {
        const bool aFirst = a.id == kDefaultLessonId, bFirst = b.id == kDefaultLessonId;
        if (aFirst != bFirst) return aFirst;
        return a.title.localeAwareCompare(b.title) < 0;
    });
}

QString LessonLibrary::defaultLessonFile(const QString& dir)
{
    if (dir.isEmpty()) return {};
    const QString file = QDir(dir).filePath(kDefaultLessonId + QStringLiteral(".yaml"));
    return QFileInfo::exists(file) ? file : QString();
}

} // namespace esui

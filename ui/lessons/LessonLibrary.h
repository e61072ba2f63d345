#pragma once
// The built-in lessons: finds their folder and reads each file's title, summary and objectives for
// the picker. A file that does not load is left out (and its message kept), never fatal: one broken
// lesson must not take the others with it.
#include <QList>
#include <QString>
#include <QStringList>

namespace esui {

struct LessonEntry {
    QString path; // absolute
    QString id;
    QString title;
    QString summary;
    QStringList objectives;
};

class LessonLibrary {
public:
    static inline const QString kDefaultLessonId = QStringLiteral("order-placed");

    // es::findLessonsDir (engine/paths/LessonsDir.h) from this program's folder: $EVENTSCAPE_LESSONS,
    // an installed share/eventscape, the checkout the build tree sits in, the source tree. Empty when
    // none exists.
    static QString findLessonsDir();

    explicit LessonLibrary(const QString& dir = findLessonsDir());

    QString dir() const { return dir_; }
    // The default lesson first, then by title.
    const QList<LessonEntry>& lessons() const { return lessons_; }
    // Files that did not load, with the loader's message.
    const QStringList& problems() const { return problems_; }
    // The default lesson's file in `dir` (empty when it is not there): without reading the others.
    static QString defaultLessonFile(const QString& dir = findLessonsDir());

private:
    QString dir_;
    QList<LessonEntry> lessons_;
    QStringList problems_;
};

} // namespace esui

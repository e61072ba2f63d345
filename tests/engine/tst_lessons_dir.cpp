// es::findLessonsDir, the one rule both programs use to find the lessons: --lessons, then
// $EVENTSCAPE_LESSONS, then an installed share/eventscape next to bin/, then the checkout a build
// tree sits in, then the source tree compiled in.
#include "paths/LessonsDir.h"

#include <QtTest>

#include <QTemporaryDir>

#include <cstdlib>
#include <filesystem>

namespace fs = std::filesystem;

class TestLessonsDir : public QObject {
    Q_OBJECT
private slots:
    void init()
    {
        unsetenv("EVENTSCAPE_LESSONS");
        unsetenv("EVENTSCAPE_LESSONS_DIR");
    }
    void cleanup() { init(); }

    void installedBesideBin()
    {
        QTemporaryDir prefix;
        const fs::path root = prefix.path().toStdString();
        fs::create_directories(root / "bin");
        fs::create_directories(root / "share/eventscape/scenarios/lessons");
        QCOMPARE(es::findLessonsDir({}, root / "bin"), fs::canonical(root / "share/eventscape/scenarios/lessons"));
    }

    void optionThenVariableWin()
    {
        QTemporaryDir prefix, mine, theirs;
        const fs::path root = prefix.path().toStdString();
        fs::create_directories(root / "share/eventscape/scenarios/lessons");
        setenv("EVENTSCAPE_LESSONS", theirs.path().toUtf8().constData(), 1);
        QCOMPARE(es::findLessonsDir({}, root / "bin"), fs::canonical(theirs.path().toStdString()));
        QCOMPARE(es::findLessonsDir(mine.path().toStdString(), root / "bin"), fs::canonical(mine.path().toStdString()));
        // The older name still works, below the new one.
        unsetenv("EVENTSCAPE_LESSONS");
        setenv("EVENTSCAPE_LESSONS_DIR", theirs.path().toUtf8().constData(), 1);
        QCOMPARE(es::findLessonsDir({}, root / "bin"), fs::canonical(theirs.path().toStdString()));
    }

    void aNamedFolderIsKeptEvenWhenMissing()
    {
        // So the message names what the user asked for, not another folder found instead.
        QTemporaryDir prefix;
        const fs::path missing = fs::path(prefix.path().toStdString()) / "no-such-folder";
        QCOMPARE(es::findLessonsDir(missing.string(), {}), missing);
    }

    void buildTreeThenSourceTree()
    {
        // A build tree inside the checkout: build/app/gui/ is three levels below scenarios/.
        QTemporaryDir checkout;
        const fs::path root = checkout.path().toStdString();
        fs::create_directories(root / "build/app/gui");
        fs::create_directories(root / "scenarios/lessons");
        QCOMPARE(es::findLessonsDir({}, root / "build/app/gui"), fs::canonical(root / "scenarios/lessons"));
        // Anywhere else: the source tree this binary was built from.
        QCOMPARE(es::findLessonsDir({}, root), fs::canonical(SCENARIOS_DIR "/lessons"));
    }
};

QTEST_GUILESS_MAIN(TestLessonsDir)
#include "tst_lessons_dir.moc"

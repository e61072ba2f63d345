// The window's shell, offscreen: the lesson library and picker, recent files, preferences, drag and
// drop, the lesson panel, and the run controls "Next note", "New seed" and the variant chooser.
// Settings live in QStandardPaths' test mode (~/.qttest), never in the user's real settings.
#include "MainWindow.h"
#include "actions/RunActions.h"
#include "app/Preferences.h"
#include "app/RecentFilesMenu.h"
#include "lessons/LessonLibrary.h"
#include "lessons/LessonPicker.h"
#include "panels/LessonPanel.h"
#include "sim/SimulationController.h"
#include "widgets/SpeedControl.h"
#include "widgets/VariantChooser.h"

#include <QAction>
#include <QCheckBox>
#include <QDir>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QRegularExpression>
#include <QtTest>

using namespace esui;

class TestWindowShell : public QObject {
    Q_OBJECT

    static QString lessonsDir() { return QStringLiteral(SCENARIOS_DIR "/lessons"); }
    static QString lesson(const QString& name) { return lessonsDir() + QLatin1Char('/') + name; }

    static QString readAll(const QString& path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }
    static bool writeAll(const QString& path, const QString& text)
    {
        QFile f(path);
        return f.open(QIODevice::WriteOnly) && f.write(text.toUtf8()) == text.toUtf8().size();
    }

    // A window with the lesson open and its first (paused, t = 0) snapshot shown.
    static bool openAndWait(MainWindow& w, const QString& path)
    {
        if (!w.openScenario(path, nullptr, true)) return false;
        return QTest::qWaitFor([&] { return w.controller()->latest().seq > 0; }, 5000);
    }

    static QStringList actionPaths(QMenu* menu)
    {
        QStringList paths;
        for (QAction* a : menu->actions())
            if (!a->data().toString().isEmpty()) paths << a->data().toString();
        return paths;
    }

    static QDropEvent* dropOf(const QString& file, QMimeData& mime, bool enter)
    {
        mime.setUrls({QUrl::fromLocalFile(file)});
        if (enter) return new QDragEnterEvent(QPoint(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        return new QDropEvent(QPointF(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("EventscapeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("window_shell"));
    }

    // Every test starts from empty preferences (saved speed, recent files …).
    void init() { QSettings().clear(); }
    void cleanupTestCase() { QSettings().clear(); }

    // eventscape BROKEN.yaml: the window comes up with File → Open's located message in a dialog,
    // instead of a line on stderr and no window; eventscape outbox opens the lesson by its name.
    void aBrokenFileOnTheCommandLineOpensTheWindowWithItsError()
    {
        QTemporaryDir dir;
        const QString broken = dir.filePath(QStringLiteral("broken.yaml"));
        QVERIFY(writeAll(broken, QStringLiteral("scenario: b\nduration: 10s\nservices:\n  a: { produces: E, to: q, rate: fast }\nbrokers:\n  q: { kind: queue }\n")));
        MainWindow w;
        w.show();
        QString error;
        QVERIFY(!w.openFromCommandLine(broken, QString(), &error));
        QVERIFY2(error.contains(QStringLiteral("broken.yaml:4:")), qPrintable(error));
        QMessageBox* box = w.findChild<QMessageBox*>(QStringLiteral("openErrorDialog"));
        QVERIFY(box);
        QTRY_VERIFY(box->isVisible());
        QCOMPARE(box->text(), error);
        QVERIFY(w.isVisible());
        box->accept();
        QVERIFY2(w.openFromCommandLine(QStringLiteral("outbox"), QStringLiteral("outbox"), &error), qPrintable(error));
        QVERIFY(w.controller()->path().endsWith(QStringLiteral("lessons/outbox.yaml")));
        QCOMPARE(w.controller()->variant(), QStringLiteral("outbox"));
    }

    void libraryListsEveryLesson()
    {
        const LessonLibrary library(lessonsDir());
        const QStringList files = QDir(lessonsDir()).entryList({QStringLiteral("*.yaml")}, QDir::Files);
        QVERIFY2(files.size() >= 16, qPrintable(QStringLiteral("%1 lessons").arg(files.size())));
        QVERIFY2(library.problems().isEmpty(), qPrintable(library.problems().join(QLatin1Char('\n'))));
        QCOMPARE(library.lessons().size(), files.size());
        QCOMPARE(library.lessons().first().id, QStringLiteral("order-placed"));
        for (const LessonEntry& e : library.lessons()) {
            QVERIFY2(!e.title.isEmpty(), qPrintable(e.path));
            QVERIFY2(!e.summary.isEmpty(), qPrintable(e.path));
            QVERIFY(QFileInfo::exists(e.path));
        }
        for (qsizetype i = 2; i < library.lessons().size(); ++i)
            QVERIFY(library.lessons()[i - 1].title.localeAwareCompare(library.lessons()[i].title) <= 0);
        QCOMPARE(QFileInfo(LessonLibrary::defaultLessonFile(lessonsDir())).fileName(), QStringLiteral("order-placed.yaml"));
        // From the test binary, the checkout's lessons are found without any help.
        QCOMPARE(QFileInfo(LessonLibrary::findLessonsDir()).canonicalFilePath(), QFileInfo(lessonsDir()).canonicalFilePath());
    }

    void libraryFolderFromEnvironmentAndBrokenFilesSkipped()
    {
        QTemporaryDir dir;
        QVERIFY(QFile::copy(lesson(QStringLiteral("hot-key.yaml")), dir.filePath(QStringLiteral("hot-key.yaml"))));
        QVERIFY(writeAll(dir.filePath(QStringLiteral("broken.yaml")), QStringLiteral("scenario: [unclosed\n")));
        qputenv("EVENTSCAPE_LESSONS_DIR", dir.path().toUtf8());
        const QString found = LessonLibrary::findLessonsDir();
        qunsetenv("EVENTSCAPE_LESSONS_DIR");
        QCOMPARE(found, QFileInfo(dir.path()).canonicalFilePath());
        const LessonLibrary library(found);
        QCOMPARE(library.lessons().size(), 1);
        QCOMPARE(library.lessons().first().id, QStringLiteral("hot-key"));
        QCOMPARE(library.problems().size(), 1);
        QVERIFY(LessonLibrary::defaultLessonFile(found).isEmpty());
    }

    // Issue 15: the picker shows every lesson's whole title (they wrap, none is elided), and the
    // Lesson dock scrolls a long summary instead of cutting it in a short window.
    void pickerShowsWholeTitlesAndTheLessonPanelScrolls()
    {
        const LessonLibrary library(lessonsDir());
        LessonPicker picker(library);
        picker.show();
        QVERIFY(QTest::qWaitForWindowExposed(&picker));
        QListWidget* list = picker.list();
        const int width = list->viewport()->width();
        int wrapped = 0;
        for (int i = 0; i < list->count(); ++i) {
            QListWidgetItem* item = list->item(i);
            const QRect shown = list->visualItemRect(item);
            const QRect needed = list->fontMetrics().boundingRect(QRect(0, 0, shown.width(), 10000), Qt::TextWordWrap, item->text());
            QVERIFY2(needed.height() <= shown.height(), qPrintable(QStringLiteral("'%1' cut: %2 px of %3").arg(item->text()).arg(shown.height()).arg(needed.height())));
            QVERIFY(shown.width() <= width);
            wrapped += needed.height() > list->fontMetrics().height();
        }
        QVERIFY(wrapped > 0); // some titles are longer than a line: they did wrap

        MainWindow w;
        QVERIFY(openAndWait(w, lesson(QStringLiteral("lag-under-burst.yaml"))));
        w.resize(1280, 720);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        LessonPanel* panel = w.lessonPanel();
        panel->setFixedHeight(300); // shorter than its summary and lists need
        QTest::qWait(50);
        auto* scroll = panel->findChild<QScrollArea*>(QStringLiteral("lessonScroll"));
        QVERIFY(scroll);
        QVERIFY(scroll->verticalScrollBar()->maximum() > 0); // it scrolls
        // The summary has its full wrapped height: scrolled to, it is all there.
        const auto labels = scroll->widget()->findChildren<QLabel*>();
        bool found = false;
        for (const QLabel* l : labels)
            if (l->text().startsWith(QStringLiteral("The campaign service"))) {
                found = true;
                QVERIFY2(l->height() >= l->heightForWidth(l->width()), qPrintable(QStringLiteral("%1 < %2").arg(l->height()).arg(l->heightForWidth(l->width()))));
            }
        QVERIFY(found);
    }

    void pickerOpensTheChosenLesson()
    {
        MainWindow w;
        QVERIFY(openAndWait(w, lesson(QStringLiteral("order-placed.yaml"))));
        QAction* lessons = nullptr;
        for (QAction* a : w.menuBar()->actions().first()->menu()->actions())
            if (a->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_L)) lessons = a;
        QVERIFY(lessons);

        // Choose "hot-key" in the modal picker by its title, then Open.
        const LessonLibrary library(lessonsDir());
        QString title;
        for (const LessonEntry& e : library.lessons())
            if (e.id == QStringLiteral("hot-key")) title = e.title;
        QVERIFY(!title.isEmpty());
        bool sawPicker = false, startedOnOpenLesson = false;
        QTimer::singleShot(0, this, [&] {
            auto* picker = qobject_cast<LessonPicker*>(QApplication::activeModalWidget());
            if (!picker) return;
            sawPicker = true;
            startedOnOpenLesson = picker->list()->currentRow() == 0; // order-placed, listed first
            const QList<QListWidgetItem*> items = picker->list()->findItems(title, Qt::MatchExactly);
            if (items.size() == 1) picker->list()->setCurrentItem(items.first());
            picker->accept();
        });
        lessons->trigger();
        QVERIFY(sawPicker);
        QVERIFY(startedOnOpenLesson);
        QCOMPARE(QString::fromStdString(w.controller()->scenario().id), QStringLiteral("hot-key"));

        // A double-click opens too; Cancel opens nothing.
        QTimer::singleShot(0, this, [&] {
            auto* picker = qobject_cast<LessonPicker*>(QApplication::activeModalWidget());
            if (!picker) return;
            QListWidget* list = picker->list();
            QListWidgetItem* first = list->item(0);
            list->scrollToItem(first);
            const QPoint at = list->visualItemRect(first).center();
            QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, at);
            QTest::mouseDClick(list->viewport(), Qt::LeftButton, {}, at);
            if (picker->isVisible()) picker->reject(); // the double-click did not accept: fail below
        });
        w.chooseLesson();
        QCOMPARE(QString::fromStdString(w.controller()->scenario().id), QStringLiteral("order-placed"));
        QTimer::singleShot(0, this, [] {
            if (auto* picker = qobject_cast<LessonPicker*>(QApplication::activeModalWidget())) {
                picker->list()->setCurrentRow(3);
                picker->reject();
            }
        });
        w.chooseLesson();
        QCOMPARE(QString::fromStdString(w.controller()->scenario().id), QStringLiteral("order-placed"));
    }

    void recentFilesOrderLimitAndPruning()
    {
        QTemporaryDir dir;
        Preferences prefs(dir.filePath(QStringLiteral("prefs.ini")));
        QStringList files;
        for (int i = 0; i < 12; ++i) {
            files << QFileInfo(dir.filePath(QStringLiteral("s%1.yaml").arg(i))).absoluteFilePath();
            QVERIFY(writeAll(files.last(), QStringLiteral("x")));
            prefs.addRecentFile(files.last());
        }
        QStringList recent = prefs.recentFiles();
        QCOMPARE(recent.size(), Preferences::kMaxRecentFiles);
        QCOMPARE(recent.first(), files[11]);    // most recent first
        QCOMPARE(recent.last(), files[2]);      // s0 and s1 fell off
        prefs.addRecentFile(files[5]);          // again: moves to the front, once
        recent = prefs.recentFiles();
        QCOMPARE(recent.first(), files[5]);
        QCOMPARE(recent.count(files[5]), 1);
        QCOMPARE(recent.size(), Preferences::kMaxRecentFiles);
        QVERIFY(QFile::remove(files[11]));      // gone from disk: dropped from the list
        recent = prefs.recentFiles();
        QVERIFY(!recent.contains(files[11]));
        QCOMPARE(recent.size(), Preferences::kMaxRecentFiles - 1);

        RecentFilesMenu menu(prefs);
        QCOMPARE(actionPaths(&menu), recent);
        QAction* clear = menu.actions().last();
        QVERIFY(clear->isEnabled());
        QSignalSpy opened(&menu, &RecentFilesMenu::openRequested);
        menu.actions().first()->trigger();
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.first().first().toString(), files[5]);
        clear->trigger();
        QVERIFY(prefs.recentFiles().isEmpty());
        QVERIFY(actionPaths(&menu).isEmpty());
    }

    void preferencesRoundTrip()
    {
        QTemporaryDir dir;
        const QString ini = dir.filePath(QStringLiteral("prefs.ini"));
        const QString file = dir.filePath(QStringLiteral("a.yaml"));
        QVERIFY(writeAll(file, QStringLiteral("x")));
        {
            Preferences prefs(ini);
            QVERIFY(!prefs.speed());
            QVERIFY(prefs.pauseAtNotes());
            prefs.setSpeed(12.5);
            prefs.setLastFolder(dir.path());
            prefs.addRecentFile(file);
            prefs.setPauseAtNotes(false);
        }
        Preferences again(ini);
        QCOMPARE(again.speed().value_or(-1), 12.5);
        QCOMPARE(again.lastFolder(), dir.path());
        QCOMPARE(again.recentFiles(), QStringList{QFileInfo(file).canonicalFilePath()});
        QVERIFY(!again.pauseAtNotes());
    }

    // The command line's --speed is for this session: the window uses it, the next one does not.
    void aSpeedForThisRunIsNotRemembered()
    {
        {
            MainWindow w;
            w.speedControl()->setSpeed(10); // chosen by the user: remembered
            w.setSpeedForThisRun(100);
            QCOMPARE(w.speedControl()->speed(), 100.0);
            QCOMPARE(w.controller()->speed(), 100.0);
        }
        MainWindow again;
        QCOMPARE(again.speedControl()->speed(), 10.0);
    }

    void windowRestoresItsPreferences()
    {
        QTemporaryDir dir;
        const QString copy = dir.filePath(QStringLiteral("copy.yaml"));
        QVERIFY(QFile::copy(lesson(QStringLiteral("order-placed.yaml")), copy));
        {
            MainWindow w;
            QVERIFY(w.openScenario(copy, nullptr, true));
            w.speedControl()->setSpeed(10);
            w.lessonPanel()->pauseAtNotesBox()->setChecked(false);
            w.show();
            w.close(); // saves geometry and dock state
        }
        MainWindow w;
        QCOMPARE(w.speedControl()->speed(), 10.0);
        QCOMPARE(w.controller()->speed(), 10.0);
        QVERIFY(!w.lessonPanel()->pauseAtNotesBox()->isChecked());
        QVERIFY(!w.controller()->pauseAtNotes());
        QCOMPARE(w.preferences().lastFolder(), QFileInfo(copy).absolutePath());
        QCOMPARE(w.preferences().recentFiles().value(0), QFileInfo(copy).canonicalFilePath());
        QVERIFY(!w.preferences().windowState().isEmpty());
        QCOMPARE(actionPaths(w.recentFilesMenu()), w.preferences().recentFiles());
        QCOMPARE(w.findChild<LessonPanel*>(QStringLiteral("lessonPanel")), w.lessonPanel());
    }

    void dropOpensScenarioFilesOnly()
    {
        QTemporaryDir dir;
        const QString yaml = dir.filePath(QStringLiteral("dropped.yaml"));
        const QString text = dir.filePath(QStringLiteral("notes.txt"));
        QVERIFY(QFile::copy(lesson(QStringLiteral("hot-key.yaml")), yaml));
        QVERIFY(writeAll(text, QStringLiteral("not a scenario")));
        MainWindow w;
        QVERIFY(openAndWait(w, lesson(QStringLiteral("order-placed.yaml"))));
        QVERIFY(w.acceptDrops());

        QMimeData txtMime;
        std::unique_ptr<QDropEvent> enter(dropOf(text, txtMime, true));
        QApplication::sendEvent(&w, enter.get());
        QVERIFY(!enter->isAccepted());
        std::unique_ptr<QDropEvent> drop(dropOf(text, txtMime, false));
        QApplication::sendEvent(&w, drop.get());
        QVERIFY(!drop->isAccepted());
        QTest::qWait(50);
        QCOMPARE(QString::fromStdString(w.controller()->scenario().id), QStringLiteral("order-placed"));

        QMimeData yamlMime;
        enter.reset(dropOf(yaml, yamlMime, true));
        QApplication::sendEvent(&w, enter.get());
        QVERIFY(enter->isAccepted());
        drop.reset(dropOf(yaml, yamlMime, false));
        QApplication::sendEvent(&w, drop.get());
        QVERIFY(drop->isAccepted());
        QTRY_COMPARE(QString::fromStdString(w.controller()->scenario().id), QStringLiteral("hot-key"));
        QCOMPARE(w.controller()->path(), yaml);
    }

    void lessonPanelListsObjectivesAndNotes()
    {
        MainWindow w;
        QVERIFY(openAndWait(w, lesson(QStringLiteral("order-placed.yaml"))));
        const es::Scenario& sc = w.controller()->scenario();
        LessonPanel* panel = w.lessonPanel();
        QVERIFY(!sc.objectives.empty());
        QCOMPARE(panel->objectivesList()->count(), static_cast<int>(sc.objectives.size()));
        for (int i = 0; i < panel->objectivesList()->count(); ++i)
            QCOMPARE(panel->objectivesList()->item(i)->text(), QString::fromStdString(sc.objectives[i]));
        QCOMPARE(panel->notesList()->count(), static_cast<int>(sc.notes.size()));
        QVERIFY(panel->notesList()->item(0)->text().contains(QString::fromStdString(sc.notes[0].text)));
        QVERIFY(panel->notesList()->item(0)->text().startsWith(QStringLiteral("29 s")));
        QCOMPARE(panel->currentNote(), -1);
        // Clicking a note is harmless: the run stays where it is.
        panel->notesList()->setCurrentRow(1);
        QTest::qWait(50);
        QCOMPARE(w.controller()->latest().simTime, 0.0);
        QCOMPARE(panel->currentNote(), -1);
    }

    void nextNotePausesAtEachNote()
    {
        MainWindow w;
        QVERIFY(openAndWait(w, lesson(QStringLiteral("order-placed.yaml"))));
        w.speedControl()->setSpeed(1); // paced play would take 29 s to get there: Next note does not wait
        SimulationController* c = w.controller();
        const std::vector<es::NoteSpec>& notes = c->scenario().notes;
        QCOMPARE(notes.size(), std::size_t(2));
        QAction* next = w.runActions()->nextNote();
        QTRY_VERIFY(next->isEnabled());

        next->trigger(); // the first note pauses the run anyway (pause: true)
        QTRY_VERIFY(c->latest().state == RunState::Paused && c->latest().simTime > 0);
        QCOMPARE(c->latest().simTime, es::toSeconds(notes[0].at));
        QVERIFY(c->latest().eventsProcessed > 0);
        QTRY_COMPARE(w.lessonPanel()->currentNote(), 0);

        next->trigger(); // the second does not ask to pause: Next note stops there itself
        QTRY_VERIFY(c->latest().state == RunState::Paused && c->latest().simTime > es::toSeconds(notes[0].at));
        QCOMPARE(c->latest().simTime, es::toSeconds(notes[1].at));
        QTRY_COMPARE(w.lessonPanel()->currentNote(), 1);
        QTRY_VERIFY(!next->isEnabled()); // no note left
    }

    void pauseAtNotesOffRunsThrough()
    {
        MainWindow w;
        QVERIFY(openAndWait(w, lesson(QStringLiteral("order-placed.yaml"))));
        w.speedControl()->setSpeed(0);
        w.lessonPanel()->pauseAtNotesBox()->setChecked(false);
        QVERIFY(!w.controller()->pauseAtNotes());
        w.controller()->play();
        // With pausing on, the run would stop at 29 s and never get past.
        QTRY_VERIFY_WITH_TIMEOUT(w.controller()->latest().simTime > 30, 10000);
    }

    void newSeedRestartsWithAnotherDraw()
    {
        MainWindow w;
        QVERIFY(openAndWait(w, lesson(QStringLiteral("order-placed.yaml"))));
        SimulationController* c = w.controller();
        const std::uint64_t seed = c->seed();
        QCOMPARE(seed, std::uint64_t(42));
        QCOMPARE(w.seedLabel()->text(), QStringLiteral("seed 42"));
        const double noteAt = es::toSeconds(c->scenario().notes[0].at);
        auto eventsAtFirstNote = [&]() -> std::uint64_t {
            // From a fresh run at t = 0, Next note to the first note; the events it took to get there.
            if (!QTest::qWaitFor([&] { return c->latest().simTime == 0 && c->latest().eventsProcessed == 0; }, 5000)) return 0;
            w.runActions()->nextNote()->trigger();
            if (!QTest::qWaitFor([&] { return c->latest().state == RunState::Paused && c->latest().simTime == noteAt; }, 10000))
                return 0;
            return c->latest().eventsProcessed;
        };
        const std::uint64_t first = eventsAtFirstNote();
        QVERIFY(first > 0);

        w.runActions()->newSeed()->trigger();
        QCOMPARE(c->seed(), seed + 1);
        QCOMPARE(c->scenario().seed, seed + 1);
        QCOMPARE(w.seedLabel()->text(), QStringLiteral("seed 43"));
        const std::uint64_t second = eventsAtFirstNote();
        QVERIFY(second > 0);
        QVERIFY2(second != first, qPrintable(QStringLiteral("%1 events both times").arg(first)));

        // Restart keeps the new seed and the run repeats exactly: the difference was the seed.
        w.runActions()->restart()->trigger();
        QCOMPARE(eventsAtFirstNote(), second);
        QCOMPARE(c->seed(), seed + 1);
    }

    void variantChooserReloadsTheScenario()
    {
        MainWindow w;
        QVERIFY(openAndWait(w, lesson(QStringLiteral("order-placed.yaml"))));
        w.speedControl()->setSpeed(100);
        SimulationController* c = w.controller();
        VariantChooser* chooser = w.variantChooser();
        QVERIFY(chooser->isEnabled());
        QCOMPARE(chooser->count(), 1 + static_cast<int>(c->scenario().variants.size()));
        QCOMPARE(chooser->variant(), QString());
        QVERIFY(!c->scenario().failures.empty());

        const int index = chooser->findData(QStringLiteral("no-failures"));
        QVERIFY(index > 0);
        chooser->setCurrentIndex(index);
        emit chooser->activated(index); // as the user's choice
        QCOMPARE(c->scenario().variant, std::string("no-failures"));
        QVERIFY(c->scenario().failures.empty());
        QCOMPARE(c->path(), lesson(QStringLiteral("order-placed.yaml")));
        QCOMPARE(c->speed(), 100.0);
        QTRY_COMPARE(c->latest().speed, 100.0);
        QVERIFY(w.variantLabel()->text().contains(QStringLiteral("no-failures")));
        QCOMPARE(chooser->variant(), QStringLiteral("no-failures"));

        // Back to the base; and a scenario without variants disables the chooser.
        QVERIFY(w.openVariant(QString(), nullptr, true));
        QCOMPARE(c->scenario().variant, std::string());
        QCOMPARE(chooser->currentIndex(), 0);
        QTemporaryDir dir;
        QString text = readAll(lesson(QStringLiteral("order-placed.yaml")));
        text.truncate(text.indexOf(QStringLiteral("\nvariants:")));
        text.remove(QRegularExpression(QStringLiteral(", variants: \\[[^\\]]*\\]"))); // notes of variants gone
        const QString plain = dir.filePath(QStringLiteral("plain.yaml"));
        QVERIFY(writeAll(plain, text + QLatin1Char('\n')));
        QVERIFY(w.openScenario(plain, nullptr, true));
        QVERIFY(!chooser->isEnabled());
        QCOMPARE(chooser->count(), 1);
    }
};

QTEST_MAIN(TestWindowShell)
#include "tst_window_shell.moc"

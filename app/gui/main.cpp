// eventscape: the simulator window. A thin main over ui/MainWindow.
//   eventscape [SCENARIO] [--play] [--speed 10|max] [--side-by-side base,sync] [--lessons DIR] [--quit-after SECONDS]
// Without a scenario it opens the default lesson (order-placed.yaml in the lessons folder, found by
// es::findLessonsDir: installed share/eventscape/scenarios/lessons, the build's checkout, ...).
#include "MainWindow.h"
#include "actions/PresentationMode.h"
#include "bench/UiBenchmark.h"
#include "graph/GraphView.h"
#include "journey/JourneyWindow.h"
#include "actions/CompareActions.h"
#include "compare/ReplicationsWindow.h"
#include "compare/SideBySideWindow.h"
#include "lessons/LessonLibrary.h"
#include "sim/SimulationController.h"
#include "widgets/SpeedControl.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QTimer>

#include <cstdio>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Eventscape"));
    QApplication::setOrganizationName(QStringLiteral("Eventscape")); // where QSettings keeps the preferences
    QApplication::setApplicationVersion(QStringLiteral(EVENTSCAPE_VERSION));

    QCommandLineParser cli;
    cli.setApplicationDescription(QStringLiteral("Eventscape: watch an event-driven system run"));
    cli.addHelpOption();
    cli.addVersionOption();
    cli.addPositionalArgument(QStringLiteral("scenario"), QStringLiteral("Scenario file (default: the order-placed lesson)"));
    cli.addOption({QStringLiteral("play"), QStringLiteral("Start running at once")});
    cli.addOption({QStringLiteral("no-pause"),
                   QStringLiteral("Run straight through the lesson's notes (this run only; the Lesson dock's box is not saved)")});
    cli.addOption({QStringLiteral("presentation"),
                   QStringLiteral("Start in presentation mode: full screen, the graph, the scoreboard and the note, large (F11 leaves it)")});
    cli.addOption({QStringLiteral("speed"), QStringLiteral("Simulated seconds per wall second, or max"), QStringLiteral("speed")});
    cli.addOption({QStringLiteral("theme"), QStringLiteral("system, light or dark (this run only; View → Theme remembers a choice)"),
                   QStringLiteral("theme")});
    cli.addOption({QStringLiteral("variant"), QStringLiteral("Open the scenario as one of its variants (as the toolbar's list does)"),
                   QStringLiteral("name")});
    cli.addOption({QStringLiteral("lessons"), QStringLiteral("Folder of the lessons (default: $EVENTSCAPE_LESSONS, else the installed ones)"),
                   QStringLiteral("dir")});
    cli.addOption({QStringLiteral("side-by-side"),
                   QStringLiteral("Also open these runs of the scenario side by side on one clock: variants, \"base,sync\", "
                                  "each with optional overrides after a colon, \"sync,sync:services.email.concurrency=8\""),
                   QStringLiteral("rows")});
    cli.addOption({QStringLiteral("over-seeds"),
                   QStringLiteral("Also open Compare over seeds on the scenario's variants with this many seeds, and run it"),
                   QStringLiteral("seeds")});
    cli.addOption({QStringLiteral("journey"),
                   QStringLiteral("Show the journey of this message (a correlation or event id), followed while the run plays"),
                   QStringLiteral("id")});
    // For smoke tests of an installed copy (tests/install/): open, run, quit, and say what was open.
    cli.addOption({QStringLiteral("quit-after"),
                   QStringLiteral("Quit after this many wall seconds, printing the open scenario and the simulated time reached"),
                   QStringLiteral("seconds")});
    cli.addOption({QStringLiteral("bench-ui"),
                   QStringLiteral("Measure frames per second with 200, 2,000 and 20,000 messages in flight and the engine's speed "
                                  "in the window against headless, print them and quit (default scenario: scenarios/bench/ui-fanout.yaml)")});
    cli.addOption({QStringLiteral("bench-memory"),
                   QStringLiteral("Run the scenario at full speed in the window for ten simulated hours, print the resident memory "
                                  "every simulated hour and quit (default scenario: scenarios/bench/ui-memory.yaml, 1,000 messages/s)")});
    cli.process(app);

    // Through the environment, so every LessonLibrary (the picker too) sees the same folder.
    if (cli.isSet(QStringLiteral("lessons"))) qputenv("EVENTSCAPE_LESSONS", cli.value(QStringLiteral("lessons")).toUtf8());
    if (cli.isSet(QStringLiteral("theme"))) qputenv("EVENTSCAPE_THEME", cli.value(QStringLiteral("theme")).toUtf8());
    esui::MainWindow window; // restores the saved preferences; the command line overrides them
    if (cli.isSet(QStringLiteral("speed"))) {
        const QString s = cli.value(QStringLiteral("speed"));
        window.setSpeedForThisRun(s == QLatin1String("max") ? 0 : s.toDouble());
    }
    // The default lesson ($EVENTSCAPE_LESSONS_DIR, the checkout next to the build, the source tree).
    const bool bench = cli.isSet(QStringLiteral("bench-ui"));
    const bool benchMemory = cli.isSet(QStringLiteral("bench-memory"));
    const QString benchFile = benchMemory ? QStringLiteral("../bench/ui-memory.yaml") : QStringLiteral("../bench/ui-fanout.yaml");
    QString path = cli.positionalArguments().value(0, bench || benchMemory ? QDir(esui::LessonLibrary::findLessonsDir()).filePath(benchFile)
                                                                           : esui::LessonLibrary::defaultLessonFile());
    if (path.isEmpty()) path = QStringLiteral("scenarios/lessons/order-placed.yaml"); // for the error message
    QString error;
    window.show(); // first: a file that does not load is reported in a dialog over the window
    if (!window.openFromCommandLine(path, cli.value(QStringLiteral("variant")), &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error)); // and on stderr, for a terminal or a script
        // A measurement or a smoke test has nobody to read the dialog: it fails as a program.
        if (bench || benchMemory || cli.isSet(QStringLiteral("quit-after"))) return 2;
    }
    if (bench || benchMemory) {
        int code = 0;
        QTimer::singleShot(500, [&] {
            esui::UiBenchmark b(window);
            code = benchMemory ? b.runMemory() : b.runAll(4.0);
            app.quit();
        });
        app.exec();
        return code;
    }
    if (cli.isSet(QStringLiteral("no-pause"))) window.setPauseAtNotesForThisRun(false);
    if (cli.isSet(QStringLiteral("presentation"))) window.presentation()->setOn(true);
    // With --side-by-side, --play plays the side-by-side runs, not the main window's.
    if (cli.isSet(QStringLiteral("play")) && !cli.isSet(QStringLiteral("side-by-side"))) window.controller()->play();
    if (cli.isSet(QStringLiteral("side-by-side"))) {
        const std::vector<esui::LockstepRow> rows = esui::parseLockstepRows(cli.value(QStringLiteral("side-by-side")));
        QString why;
        if (rows.empty() || !window.compare()->open(window.controller()->path(), rows, &why)) {
            std::fprintf(stderr, "--side-by-side %s: %s\n", qPrintable(cli.value(QStringLiteral("side-by-side"))),
                         rows.empty() ? "expected variants separated by commas, such as base,sync" : qPrintable(why));
            return 2;
        }
        esui::SideBySideWindow* side = window.compare()->window();
        if (cli.isSet(QStringLiteral("speed"))) {
            const QString s = cli.value(QStringLiteral("speed"));
            side->runs().setSpeed(s == QLatin1String("max") ? 0 : s.toDouble());
        }
        if (cli.isSet(QStringLiteral("play"))) side->runs().play();
    }
    if (cli.isSet(QStringLiteral("over-seeds"))) {
        bool ok = false;
        const int seeds = cli.value(QStringLiteral("over-seeds")).toInt(&ok);
        if (!ok || seeds < 1 || seeds > 1000) {
            std::fprintf(stderr, "--over-seeds %s: expected a number of seeds from 1 to 1000\n", qPrintable(cli.value(QStringLiteral("over-seeds"))));
            return 2;
        }
        esui::ReplicationsWindow* r = window.compare()->replications();
        QStringList all{QStringLiteral("base")};
        for (const std::string& v : window.controller()->scenario().variants) all << QString::fromStdString(v);
        r->choose(all, seeds);
        r->show();
        r->start();
    }
    if (cli.isSet(QStringLiteral("journey"))) {
        bool ok = false;
        const qulonglong id = cli.value(QStringLiteral("journey")).toULongLong(&ok);
        if (!ok || id == 0) {
            std::fprintf(stderr, "--journey %s: expected a message id, a whole number above 0\n", qPrintable(cli.value(QStringLiteral("journey"))));
            return 2;
        }
        window.journeyWindow()->show();
        window.journeyWindow()->trace(id);
    }
    if (cli.isSet(QStringLiteral("quit-after"))) {
        bool ok = false;
        const double seconds = cli.value(QStringLiteral("quit-after")).toDouble(&ok);
        if (!ok || seconds <= 0 || seconds > 86400) {
            std::fprintf(stderr, "--quit-after %s: expected a number of seconds above 0\n", qPrintable(cli.value(QStringLiteral("quit-after"))));
            return 2;
        }
        QTimer::singleShot(static_cast<int>(seconds * 1000), &app, [&window, &app, path] {
            std::printf("eventscape: quit after the set time: %s open, simulated %.3f s\n", qPrintable(QFileInfo(path).absoluteFilePath()),
                        window.controller()->latest().simTime);
            std::fflush(stdout);
            app.quit();
        });
    }

    // EVENTSCAPE_PERF=1: once a second, the engine's events/s and the graph's paint time on stderr.
    QTimer perf;
    if (qEnvironmentVariableIsSet("EVENTSCAPE_PERF")) {
        QObject::connect(&perf, &QTimer::timeout, [&window] {
            const esui::Snapshot& s = window.controller()->latest();
            std::fprintf(stderr, "perf: sim %.1f s, %.2f M events/s, graph paint %.2f ms (last %.2f ms)\n", s.simTime,
                         s.eventsPerSecond / 1e6, window.graphView()->meanPaintMs(), window.graphView()->lastPaintMs());
        });
        perf.start(1000);
    }
    return app.exec();
}

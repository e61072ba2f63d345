// The window on random well-formed scenarios (issue 19, "Done means"): each one the loader accepts
// opens offscreen, runs at full speed to its end without an engine error and without aborting; each
// one it refuses is refused with a located message and leaves the window as it was. The scenarios
// come from the same fixed-seed generator as tst_random_scenarios (tests/engine/RandomScenario.h).
#include "MainWindow.h"
#include "RandomScenario.h"
#include "scenario/ScenarioLoader.h"
#include "sim/SimulationController.h"

#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace esui;

class TestRandomWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { QSettings().clear(); }

    void randomScenariosOpenAndRun()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        MainWindow w;
        w.show();
        randomscenario::Gen g(1919);
        int opened = 0;
        for (int i = 0; i < 40; ++i) {
            const std::string text = randomscenario::generate(g);
            const QString path = dir.filePath(QStringLiteral("random-%1.yaml").arg(i));
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray::fromStdString(text));
            f.close();
            bool loads = true;
            try {
                es::loadScenarioFile(path.toStdString());
            } catch (const es::ScenarioError&) {
                loads = false;
            }
            QString error;
            QCOMPARE(w.openScenario(path, &error, true), loads);
            if (!loads) {
                QVERIFY2(error.startsWith(path + QLatin1Char(':')), qPrintable(error));
                continue;
            }
            ++opened;
            w.controller()->setPauseAtNotes(false);
            w.controller()->setSpeed(0);
            w.controller()->play();
            QTRY_VERIFY2_WITH_TIMEOUT(w.controller()->latest().state == RunState::Finished ||
                                          !w.controller()->engineError().isEmpty(),
                                      qPrintable(QString::fromStdString(text)), 20000);
            QVERIFY2(w.controller()->engineError().isEmpty(),
                     qPrintable(w.controller()->engineError() + QLatin1Char('\n') + QString::fromStdString(text)));
            QVERIFY(w.isVisible());
        }
        QVERIFY2(opened >= 15, qPrintable(QString::number(opened)));
    }
};

QTEST_MAIN(TestRandomWindow)
#include "tst_random_window.moc"

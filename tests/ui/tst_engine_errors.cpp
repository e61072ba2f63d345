// Errors on the engine thread (issue 19, item 2): building or running a world that throws must reach
// the window as a dialog with the message, and leave the window usable (another scenario opens and
// runs). Before, the exception escaped the engine thread and std::terminate aborted the window.
// The scenarios are built in code, past the loader (which refuses what it knows the engine cannot
// run), to reach the engine's own guards.
#include "MainWindow.h"
#include "scenario/ScenarioLoader.h"
#include "sim/SimulationController.h"

#include <QApplication>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QtTest>

using namespace esui;

namespace {

const char* kValid = R"(scenario: engine-errors
duration: 30s
services:
  p: { produces: E, to: b, rate: 50/s, arrivals: constant }
  c: { consumes: q, service_time: 1ms }
brokers:
  b: { kind: bus, rules: [ { to: q } ] }
  q: { kind: queue }
)";

QMessageBox* errorDialog(MainWindow& w)
{
    return w.findChild<QMessageBox*>(QStringLiteral("engineErrorDialog"));
}

// After an engine error the window must still open and run a good scenario.
void checkStillUsable(MainWindow& w)
{
    QString error;
    QVERIFY2(w.openScenario(QStringLiteral(SCENARIOS_DIR "/bench/mm1.yaml"), &error, true), qPrintable(error));
    w.controller()->setSpeed(0);
    w.controller()->play();
    QTRY_VERIFY_WITH_TIMEOUT(w.controller()->latest().simTime > 1, 10000);
    QVERIFY(w.controller()->engineError().isEmpty());
}

} // namespace

class TestEngineErrors : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { QSettings().clear(); }

    void buildErrorBecomesADialog()
    {
        MainWindow w;
        w.show();
        es::Scenario sc = es::loadScenarioText(kValid, "built-in-code.yaml");
        sc.services[1].consumer->from = "nowhere"; // the world refuses to wire it
        QVERIFY(w.controller()->start(sc, QStringLiteral("built-in-code.yaml")));
        QTRY_VERIFY_WITH_TIMEOUT(errorDialog(w) != nullptr, 10000);
        QVERIFY2(errorDialog(w)->text().contains(QStringLiteral("unknown broker 'nowhere'")),
                 qPrintable(errorDialog(w)->text()));
        QVERIFY(w.controller()->engineError().contains(QStringLiteral("nowhere")));
        QVERIFY(w.isVisible());
        // Commands to a world that is not there are ignored, a restart fails again with the message.
        w.controller()->play();
        w.controller()->step();
        errorDialog(w)->close();
        QTRY_VERIFY(errorDialog(w) == nullptr);
        w.controller()->restart();
        QTRY_VERIFY_WITH_TIMEOUT(errorDialog(w) != nullptr, 10000);
        errorDialog(w)->close();
        checkStillUsable(w);
    }

    void runErrorBecomesADialog()
    {
        MainWindow w;
        w.show();
        es::Scenario sc = es::loadScenarioText(kValid, "built-in-code.yaml");
        sc.brokers[0].rules[0].targets = {"b"}; // a routing loop the loader would refuse
        QVERIFY(w.controller()->start(sc, QStringLiteral("built-in-code.yaml")));
        w.controller()->setSpeed(0);
        w.controller()->play();
        QTRY_VERIFY_WITH_TIMEOUT(errorDialog(w) != nullptr, 10000);
        QVERIFY2(errorDialog(w)->text().contains(QStringLiteral("routing loop through broker 'b'")),
                 qPrintable(errorDialog(w)->text()));
        QVERIFY(w.isVisible());
        errorDialog(w)->close();
        checkStillUsable(w);
    }
};

QTEST_MAIN(TestEngineErrors)
#include "tst_engine_errors.moc"

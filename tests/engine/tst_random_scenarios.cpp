// Random but well-formed scenarios (issue 19, "Done means"): a fixed-seed generator writes models
// that mix every broker kind, subscriptions and bus rules (loops included), consumer settings and
// overlapping failures of every kind, and each goes through the fuzz harness: the loader accepts it
// or refuses it with a located message, and whatever it accepts builds, runs (bounded by an event
// budget) and ends with every group's events = effects + dead-lettered + dropped + in flight, no
// vanished event and no negative count. Unlike the mutation test, the inputs are valid YAML with
// plausible values, so most of them run and reach the engine's corners (nested failures, replays,
// tiny retention, routing chains). EVENTSCAPE_RANDOM_SCENARIOS=N runs N of them (default 300),
// EVENTSCAPE_RANDOM_TRACE=1 prints why each refused one was refused.
#include "RandomScenario.h"
#include "ScenarioHarness.h"

#include <QtTest>

using randomscenario::Gen;
using randomscenario::generate;

class TestRandomScenarios : public QObject {
    Q_OBJECT
private slots:
    void generatedScenariosHoldTheContract()
    {
        const int count = qEnvironmentVariableIsSet("EVENTSCAPE_RANDOM_SCENARIOS")
                              ? qEnvironmentVariableIntValue("EVENTSCAPE_RANDOM_SCENARIOS")
                              : 300;
        Gen g(19);
        es::fuzz::HarnessOptions options;
        options.eventBudget = 50'000;
        int ran = 0, rejected = 0;
        QStringList bugs;
        for (int i = 0; i < count; ++i) {
            const std::string text = generate(g);
            const es::fuzz::HarnessResult r = es::fuzz::runScenarioInput(text, options);
            if (!r.bug.empty()) {
                bugs << QStringLiteral("scenario %1: %2\n%3").arg(i).arg(QString::fromStdString(r.bug), QString::fromStdString(text));
                continue;
            }
            if (r.verdict == es::fuzz::Verdict::Rejected) {
                ++rejected;
                if (qEnvironmentVariableIsSet("EVENTSCAPE_RANDOM_TRACE"))
                    qInfo("refused: %s", qPrintable(QString::fromStdString(r.message).section(QLatin1Char('\n'), 0, 0)));
                // A refusal is located (the harness names the file fuzz.yaml).
                QVERIFY2(QString::fromStdString(r.message).startsWith(QStringLiteral("fuzz.yaml:")),
                         qPrintable(QString::fromStdString(r.message + "\n" + text)));
            } else {
                ++ran;
            }
        }
        QVERIFY2(bugs.isEmpty(), qPrintable(bugs.mid(0, 3).join(QStringLiteral("\n\n"))));
        qInfo("%d scenarios: %d ran, %d refused by the loader", count, ran, rejected);
        // The generator must mostly produce models that run, or the test checks nothing.
        QVERIFY2(ran * 2 > count, qPrintable(QStringLiteral("only %1 of %2 ran").arg(ran).arg(count)));
    }
};

QTEST_APPLESS_MAIN(TestRandomScenarios)
#include "tst_random_scenarios.moc"

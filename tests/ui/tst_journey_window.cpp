// Issue 15, "A message's journey" in the window: clicking a token opens its journey as a sequence
// diagram, replayed to the moment shown; the replay is the window's own run (digest), the journey of
// a redelivered poison order lists its redeliveries and the dead-letter queue, an event id typed in
// the search field finds its correlation, a bad id is refused in words, and the diagram exports as
// SVG (vector) and PNG.
#include "MainWindow.h"
#include "WindowRun.h"
#include "graph/GraphView.h"
#include "journey/JourneyWindow.h"
#include "journey/SequenceDiagram.h"
#include "run/RunDriver.h"
#include "scenario/ScenarioLoader.h"
#include "sim/SimulationController.h"

#include <QLineEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QtTest>

using namespace esui;

namespace {

// The first correlation of a run that ends in the dead-letter queue, found headless.
class FirstDeadLetter final : public es::JourneySink {
public:
    void onStep(const es::JourneyStep& s) override
    {
        if (s.kind == es::StepKind::DeadLetter && correlation == 0) correlation = s.envelope.correlationId;
    }
    std::uint64_t correlation = 0;
};

bool has(const es::Journey& j, es::StepKind k)
{
    for (const es::JourneyStep& s : j.steps)
        if (s.kind == k) return true;
    return false;
}

} // namespace

class TestJourneyWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { QSettings().clear(); }

    void aClickedTokenShowsItsJourney()
    {
        const char* file = SCENARIOS_DIR "/lessons/poison-message.yaml";
        es::RunDriver headless(es::loadScenarioFile(file));
        FirstDeadLetter first;
        headless.world().setJourneySink(&first);
        headless.run();
        headless.world().setJourneySink(nullptr);
        QVERIFY(first.correlation != 0);

        MainWindow w;
        QString error;
        QVERIFY2(w.openScenario(file, &error, true), qPrintable(error));
        w.resize(1280, 720);
        w.show();
        QVERIFY(runToEnd(w));
        JourneyWindow* jw = w.journeyWindow();
        QSignalSpy traced(jw, &JourneyWindow::traced);

        // What a click on one of its tokens reports (the graph's signal, as TokenLayer emits it).
        TokenInfo token;
        token.hop.envelope.eventId = first.correlation;
        token.hop.envelope.correlationId = first.correlation;
        emit w.graphView()->tokenClicked(token);
        QVERIFY(jw->isVisible());
        QVERIFY(traced.wait(30000));
        const es::Journey& j = jw->journey();
        QCOMPARE(j.correlationId, first.correlation);
        QVERIFY(has(j, es::StepKind::Redelivery));
        QCOMPARE(j.steps.back().kind, es::StepKind::DeadLetter);
        QVERIFY2(jw->statusText().contains("the same run as the window's"), qPrintable(jw->statusText()));
        // The diagram: a lane per node it touched, a row per step.
        const SequenceLayout& l = jw->diagram()->layout();
        // orders, fulfilment-q, fulfilment, and the queue's dead letters, where the journey ends.
        QCOMPARE(l.lanes.size(), std::size_t{4});
        QCOMPARE(l.lanes.back(), SequenceLayout::kDeadLetters | static_cast<std::uint32_t>(j.steps.back().from));
        int stepRows = 0;
        for (const SequenceLayout::Row& r : l.rows) stepRows += r.step >= 0;
        QCOMPARE(stepRows, static_cast<int>(j.steps.size()));
        QVERIFY(l.rows.size() > j.steps.size()); // the waits for the visibility timeout are gap rows

        // Export: SVG parses and is vector; PNG has the layout's size.
        QTemporaryDir dir;
        QVERIFY2(jw->exportTo(dir.filePath("j.svg"), &error), qPrintable(error));
        QSvgRenderer svg(dir.filePath("j.svg"));
        QVERIFY(svg.isValid());
        QVERIFY2(jw->exportTo(dir.filePath("j.png"), &error), qPrintable(error));
        QCOMPARE(QImage(dir.filePath("j.png")).size(), l.size.toSize());
        QVERIFY(!jw->exportTo(dir.filePath("j.txt"), &error));

        // Typed: a bad id is refused in words; an id nobody has says so.
        jw->searchField()->setText("fifteen");
        QTest::keyClick(jw->searchField(), Qt::Key_Return);
        QVERIFY(jw->statusText().contains("not a message id"));
        jw->searchField()->setText("987654321");
        QTest::keyClick(jw->searchField(), Qt::Key_Return);
        QVERIFY(traced.wait(30000));
        QVERIFY(jw->statusText().startsWith("No event or correlation 987654321"));
    }

    // An event id finds its correlation: order-placed's first follow-up event.
    void anEventIdFindsItsCorrelation()
    {
        MainWindow w;
        QString error;
        QVERIFY2(w.openScenario(SCENARIOS_DIR "/lessons/order-placed.yaml", &error, true), qPrintable(error));
        w.show();
        SimulationController* c = w.controller();
        QTRY_VERIFY(c->latest().seq > 0);
        c->setPauseAtNotes(false);
        c->setSpeed(0);
        c->play();
        QTRY_VERIFY_WITH_TIMEOUT(c->latest().simTime > 5, 20000);
        c->pause();
        QTRY_VERIFY(c->latest().state != RunState::Playing); // paused, or already at the end
        JourneyWindow* jw = w.journeyWindow();
        QSignalSpy traced(jw, &JourneyWindow::traced);
        jw->trace(1);
        QVERIFY(traced.wait(30000));
        std::uint64_t followUp = 0;
        for (const es::JourneyStep& s : jw->journey().steps)
            if (s.envelope.eventId != 1 && followUp == 0) followUp = s.envelope.eventId;
        QVERIFY(followUp != 0);
        const std::size_t steps = jw->journey().steps.size();
        jw->searchField()->setText(QStringLiteral("#%1").arg(followUp));
        QTest::keyClick(jw->searchField(), Qt::Key_Return);
        QVERIFY(traced.wait(30000));
        QCOMPARE(jw->journey().correlationId, std::uint64_t{1});
        QCOMPARE(jw->journey().steps.size(), steps);
        QVERIFY2(jw->statusText().contains(QStringLiteral("Event %1 belongs to correlation 1").arg(followUp)), qPrintable(jw->statusText()));
        QVERIFY(jw->statusText().contains("the same run as the window's"));
    }
};

QTEST_MAIN(TestJourneyWindow)
#include "tst_journey_window.moc"

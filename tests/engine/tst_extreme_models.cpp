// Regressions of issue 19: big or unusual but valid models must run to the end with correct
// accounting, and what the engine cannot run must be refused by the loader with FILE:LINE:COLUMN.
// The scenarios are in tests/data/issue19/, one per defect, each with the figures it must give.
#include "model/World.h"
#include "run/RunDriver.h"
#include "run/RunSummary.h"
#include "scenario/ScenarioLoader.h"

#include "SummaryLookup.h"

#include <QtTest>

#include <string>

namespace {

using testsupport::findBroker;
using testsupport::findGroup;
using testsupport::violations;

std::string dataFile(const char* name) { return std::string(ISSUE19_DIR "/") + name; }

// The loader's message for a file it refuses, or "" when it loads.
QString refusal(const char* name)
{
    try {
        es::loadScenarioFile(dataFile(name));
    } catch (const es::ScenarioError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

es::RunSummary runFile(const char* name, const std::vector<es::Override>& overrides = {})
{
    const es::Scenario sc = es::loadScenarioFile(dataFile(name), overrides);
    es::RunDriver d(sc);
    return d.run();
}

#define CHECK_CONSERVATION(s) QVERIFY2((s).conservationOk, qPrintable(violations(s)))

} // namespace

class TestExtremeModels : public QObject {
    Q_OBJECT

private slots:
    void routingLoopsAreRefused_data();
    void routingLoopsAreRefused();
    void routingWithoutLoopRuns();
};

void TestExtremeModels::routingLoopsAreRefused_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("expected"); // every '|'-separated part must appear
    QTest::newRow("bus to itself") << "loop-bus-self.yaml" << "loop-bus-self.yaml:4:43: |routing loop|a → a";
    QTest::newRow("topic subscribes to topic") << "loop-topic-topic.yaml" << "loop-topic-topic.yaml:5:32: |a → b → a";
    QTest::newRow("topic and bus") << "loop-topic-bus.yaml" << "loop-topic-bus.yaml:8:85: |broker 'b' routes to t|t → b → t";
}

void TestExtremeModels::routingLoopsAreRefused()
{
    QFETCH(QString, file);
    QFETCH(QString, expected);
    const QString message = refusal(file.toUtf8().constData());
    QVERIFY2(!message.isEmpty(), "the routing loop was accepted");
    for (const QString& part : expected.split(QLatin1Char('|')))
        QVERIFY2(message.contains(part), qPrintable(QStringLiteral("missing '%1' in:\n%2").arg(part, message)));
    // One loop, one message.
    QCOMPARE(message.count(QStringLiteral("routing loop")), 1);
}

void TestExtremeModels::routingWithoutLoopRuns()
{
    const es::RunSummary s = runFile("routing-diamond.yaml");
    CHECK_CONSERVATION(s);
    const es::GroupSummary* c = findGroup(s, "c");
    const es::GroupSummary* c2 = findGroup(s, "c2");
    QVERIFY(c && c2);
    // Three paths from t1 into q, two into q2 (a queue subscribed to a bus gets all it receives).
    QCOMPARE(c->events, std::uint64_t{50});
    QCOMPARE(c->effects, std::uint64_t{50});
    QCOMPARE(c->duplicateEffects, std::uint64_t{100});
    QCOMPARE(c2->events, std::uint64_t{50});
    QCOMPARE(c2->effects, std::uint64_t{50});
    QCOMPARE(c2->duplicateEffects, std::uint64_t{50});
    QCOMPARE(findBroker(s, "b")->received, std::uint64_t{100});
    QCOMPARE(findBroker(s, "b")->copiesOut, std::uint64_t{200});
    QCOMPARE(findBroker(s, "t2")->copiesOut, std::uint64_t{100});
}

QTEST_APPLESS_MAIN(TestExtremeModels)
#include "tst_extreme_models.moc"

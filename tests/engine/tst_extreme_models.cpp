// Regressions of issue 19: big or unusual but valid models must run to the end with correct
// accounting, and what the engine cannot run must be refused by the loader with FILE:LINE:COLUMN.
// The scenarios are in tests/data/issue19/, one per defect, each with the figures it must give.
#include "model/ConsumerService.h"
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
    void engineLimitsAreValidated();
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

// Item 2: what the engine threw on at build time is refused by the loader, with the position.
void TestExtremeModels::engineLimitsAreValidated()
{
    const QString workers = refusal("limit-workers.yaml");
    QVERIFY2(workers.contains(QStringLiteral("limit-workers.yaml:6:52: ")) &&
                 workers.contains(QStringLiteral("1000000000 workers, more than the 1000000")),
             qPrintable(workers));
    // 10^6 workers is allowed and builds.
    const es::Scenario ok = es::loadScenarioFile(dataFile("limit-workers.yaml"), {{"services.c.concurrency", "100"}});
    es::World w(ok);
    QCOMPARE(w.consumers().front()->totalWorkers(), 1'000'000);

    std::string values;
    for (int i = 0; i < 70'000; ++i) values += (i ? "," : "") + std::to_string(i);
    const std::string text = "scenario: attrs\nservices:\n  p: { produces: E, to: q, rate: 1/s, attributes: { region: [" +
                             values + "] } }\nbrokers: { q: { kind: queue } }\n";
    QString message;
    try {
        es::loadScenarioText(text, "attrs.yaml");
    } catch (const es::ScenarioError& e) {
        message = QString::fromStdString(e.what());
    }
    // Reported once, at the 65,001st value (column of "65000" in the list).
    const auto column = text.find(",65000,") + 2 - text.find("  p:");
    QVERIFY2(message.startsWith(QStringLiteral("attrs.yaml:3:%1: more than 65000 distinct attribute values").arg(column)),
             qPrintable(message.left(300)));
    QCOMPARE(message.count(QLatin1Char('\n')), 0);
}

QTEST_APPLESS_MAIN(TestExtremeModels)
#include "tst_extreme_models.moc"

// Schema versions (issue 13, docs/scenario-format.md "Schema versions"): the schema-evolution
// lesson's point on its variants — shipping v2 before the consumer reads it fills the dead-letter
// queue; deploying the consumer first, a tolerant reader or an upcaster lose nothing — and the
// loader's refusals for the new keys.
#include "model/MetricsSampler.h"
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

const es::GroupSummary::VersionLine* versionLine(const es::GroupSummary& g, int version)
{
    for (const auto& v : g.versions)
        if (v.version == version) return &v;
    return nullptr;
}

QString errorsOf(const std::string& text)
{
    try {
        es::loadScenarioText(text, "versions.yaml");
    } catch (const es::ScenarioError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

const std::string kBase = R"(scenario: versions
duration: 10s
services:
  checkout: { produces: OrderPlaced, to: orders, rate: 10/s, deploys: [{ at: 3s, version: 2 }] }
  billing: { consumes: orders, accepts: [1], deploys: [{ at: 5s, accepts: [1, 2] }] }
brokers:
  orders: { kind: queue }
)";

} // namespace

class TestLessonsVersions : public QObject {
    Q_OBJECT
private slots:
    void schemaEvolution();
    void refusals_data();
    void refusals();
};

void TestLessonsVersions::schemaEvolution()
{
    struct Row {
        const char* variant;
        std::uint64_t dead = 0, v2Failed = 0, v1 = 0, v2 = 0, upcast = 0, effects = 0;
    };
    Row rows[] = {{""}, {"consumer-first"}, {"tolerant-reader"}, {"upcaster"}, {"rolling"}};
    for (Row& row : rows) {
        const es::Scenario sc = es::loadScenarioFile(SCENARIOS_DIR "/lessons/schema-evolution.yaml", {}, row.variant);
        es::RunDriver d(sc);
        const es::RunSummary s = d.run();
        QVERIFY2(s.conservationOk, qPrintable(violations(s)));
        const es::GroupSummary* g = findGroup(s, "billing");
        QVERIFY(g);
        row.dead = findBroker(s, "orders")->deadLettered;
        row.effects = g->effects;
        QCOMPARE(g->effects + g->deadLettered + g->inFlight, g->events);
        if (const auto* v = versionLine(*g, 1)) {
            row.v1 = v->attempts;
            row.upcast = v->upcast;
            QCOMPARE(v->failed, std::uint64_t{0}); // v1 is always readable here
        }
        if (const auto* v = versionLine(*g, 2)) {
            row.v2 = v->attempts;
            row.v2Failed = v->failed;
        }
        // The series per version end where the summary does, and never go down (counts so far).
        const es::TimeSeriesSet& ts = d.world().sampler().series();
        auto last = [&](const std::string& name) {
            for (std::size_t c = 0; c < ts.seriesCount(); ++c)
                if (ts.name(c) == name) {
                    for (std::size_t r = 1; r < ts.rowCount(); ++r)
                        if (ts.valueAt(r, c) < ts.valueAt(r - 1, c)) return -1.0;
                    return ts.valueAt(ts.rowCount() - 1, c);
                }
            return -2.0;
        };
        if (last("billing.v1.attempts") == -2) { // no version rules (the tolerant reader): no counts either
            QVERIFY(!versionLine(*g, 1) && !versionLine(*g, 2));
        } else {
            QCOMPARE(last("billing.v1.attempts"), static_cast<double>(row.v1));
            QCOMPARE(last("billing.v2.attempts"), static_cast<double>(row.v2));
            QCOMPARE(last("billing.v2.failed"), static_cast<double>(row.v2Failed));
        }
        qInfo("%-16s dead-lettered %4llu  v1 attempts %4llu (upcast %llu)  v2 attempts %4llu failed %4llu", row.variant,
              static_cast<unsigned long long>(row.dead), static_cast<unsigned long long>(row.v1),
              static_cast<unsigned long long>(row.upcast), static_cast<unsigned long long>(row.v2),
              static_cast<unsigned long long>(row.v2Failed));
    }
    const Row &producerFirst = rows[0], &consumerFirst = rows[1], &tolerant = rows[2], &upcaster = rows[3], &rolling = rows[4];
    // Producer first: v2 fails (three attempts each: the handler and two retries) and reaches the DLQ.
    QVERIFY(producerFirst.v2Failed > 1000 && producerFirst.dead > 100);
    QCOMPARE(producerFirst.effects + producerFirst.dead, consumerFirst.effects);
    // The safe orders lose nothing.
    for (const Row* r : {&consumerFirst, &tolerant, &upcaster}) {
        QCOMPARE(r->dead, std::uint64_t{0});
        QCOMPARE(r->v2Failed, std::uint64_t{0});
    }
    // The upcaster turns every v1 event into v2 before its handler.
    QVERIFY(upcaster.v1 > 0);
    QCOMPARE(upcaster.upcast, upcaster.v1);
    // A rolling deploy ships v2 to half the events first: v1 keeps flowing longer, fewer v2 fail.
    QVERIFY(rolling.v1 > producerFirst.v1);
    QVERIFY(rolling.v2Failed < producerFirst.v2Failed && rolling.dead > 0);
}

void TestLessonsVersions::refusals_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("expected");
    QTest::newRow("a version out of range") << "accepts: [1]" << "accepts: [0]"
        << "versions.yaml:5:42: service 'billing': 'accepts' lists versions, whole numbers from 1 to 1000";
    QTest::newRow("upcasts without accepts") << "accepts: [1], deploys" << "upcasts: [1], deploys"
        << "'upcasts' turns old versions into one it accepts; give 'accepts' too";
    QTest::newRow("a producer deploy without a version") << "{ at: 3s, version: 2 }" << "{ at: 3s }"
        << "needs 'version': the event version it ships from then on";
    QTest::newRow("deploys out of order") << "[{ at: 3s, version: 2 }]" << "[{ at: 3s, version: 2 }, { at: 1s, version: 3 }]"
        << "deploys should be in time order";
    QTest::newRow("deploys not a list") << "deploys: [{ at: 5s, accepts: [1, 2] }]" << "deploys: { at: 5s }"
        << "'deploys' should be a list";
    QTest::newRow("a share above 100%") << "{ at: 3s, version: 2 }" << "{ at: 3s, version: 2, share: 150% }" << "out of range";
}

void TestLessonsVersions::refusals()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QString, expected);
    QVERIFY2(errorsOf(kBase).isEmpty(), qPrintable(errorsOf(kBase)));
    std::string text = kBase;
    const auto at = text.find(from.toStdString());
    QVERIFY(at != std::string::npos);
    text.replace(at, static_cast<std::size_t>(from.size()), to.toStdString());
    const QString message = errorsOf(text);
    QVERIFY2(message.contains(expected), qPrintable(message));
}

QTEST_APPLESS_MAIN(TestLessonsVersions)
#include "tst_lessons_versions.moc"

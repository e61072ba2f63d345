// Determinism: a run is a function of (scenario, overrides, seed, end time). Same inputs give the
// same trace digest and the same summary (apart from the wall-clock figures); another seed gives
// another digest; the metrics sampler stays outside the digest, so its interval does not change the
// run's identity; and running the kernel in slices gives the same run as one straight call.
// Two scenarios: the M/M/1 bench (overridden) and the order-placed lesson, which has a topic fan-out,
// retries, errors, idempotency, a partitioned log and a crash/restart failure.
#include "model/MetricsSampler.h"
#include "model/World.h"
#include "run/RunDriver.h"
#include "run/SummaryFormat.h"
#include "scenario/ScenarioLoader.h"

#include <QtTest>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace {

struct Case {
    std::string file;
    std::vector<es::Override> overrides;
    double seconds;
};

Case caseNamed(const QString& name)
{
    if (name == QLatin1String("mm1"))
        return {SCENARIOS_DIR "/bench/mm1.yaml",
                {{"services.source.rate", "9/s"}, {"services.server.service_time.exponential.rate", "10/s"}},
                600};
    return {SCENARIOS_DIR "/lessons/order-placed.yaml", {}, 120};
}

es::Scenario load(const Case& c, std::uint64_t seed, std::vector<es::Override> extra = {})
{
    std::vector<es::Override> all = c.overrides;
    all.insert(all.end(), extra.begin(), extra.end());
    es::Scenario sc = es::loadScenarioFile(c.file, all);
    sc.seed = seed;
    return sc;
}

es::RunSummary runOnce(const es::Scenario& sc, double seconds)
{
    es::RunDriver d(sc, es::fromSeconds(seconds));
    return d.run();
}

// The summary JSON without the keys that measure the host, not the run.
nlohmann::json comparable(const es::RunSummary& s)
{
    nlohmann::json j = es::summaryToJson(s);
    j.erase("wall_time_s");
    j.erase("events_per_wall_s");
    return j;
}

QString firstDifference(const nlohmann::json& a, const nlohmann::json& b)
{
    const nlohmann::json patch = nlohmann::json::diff(a, b);
    return QString::fromStdString(patch.empty() ? std::string("(none)") : patch[0].dump());
}

} // namespace

class TestDeterminism : public QObject {
    Q_OBJECT
private slots:
    void sameInputsSameRun_data();
    void sameInputsSameRun();
    void otherSeedOtherDigest_data() { sameInputsSameRun_data(); }
    void otherSeedOtherDigest();
    void samplerIntervalOutsideDigest_data() { sameInputsSameRun_data(); }
    void samplerIntervalOutsideDigest();
    void slicedRunMatchesStraightRun_data() { sameInputsSameRun_data(); }
    void slicedRunMatchesStraightRun();
    void overridesChangeDigest();
};

void TestDeterminism::sameInputsSameRun_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::newRow("mm1") << QStringLiteral("mm1");
    QTest::newRow("order-placed") << QStringLiteral("order-placed");
}

// Three runs from freshly loaded scenarios: identical digest and identical summary JSON except
// wall_time_s and events_per_wall_s.
void TestDeterminism::sameInputsSameRun()
{
    QFETCH(QString, scenario);
    const Case c = caseNamed(scenario);
    const es::RunSummary first = runOnce(load(c, 42), c.seconds);
    QVERIFY(first.eventsProcessed > 1000); // the run did something
    QVERIFY(first.traceDigest != 0);
    QVERIFY(!first.groups.empty() && first.groups[0].effects > 0);
    const nlohmann::json reference = comparable(first);
    qInfo().noquote() << scenario << "seed 42 digest" << QString::fromStdString(es::digestHex(first.traceDigest))
                      << "events" << first.eventsProcessed;
    for (int i = 0; i < 2; ++i) {
        const es::RunSummary again = runOnce(load(c, 42), c.seconds);
        QCOMPARE(es::digestHex(again.traceDigest), es::digestHex(first.traceDigest));
        const nlohmann::json j = comparable(again);
        QVERIFY2(j == reference, qPrintable(QStringLiteral("summary differs: %1").arg(firstDifference(reference, j))));
    }
}

void TestDeterminism::otherSeedOtherDigest()
{
    QFETCH(QString, scenario);
    const Case c = caseNamed(scenario);
    const es::RunSummary a = runOnce(load(c, 42), c.seconds);
    const es::RunSummary b = runOnce(load(c, 43), c.seconds);
    const es::RunSummary z = runOnce(load(c, 0), c.seconds);
    qInfo().noquote() << scenario << "seeds 42/43/0:" << QString::fromStdString(es::digestHex(a.traceDigest))
                      << QString::fromStdString(es::digestHex(b.traceDigest))
                      << QString::fromStdString(es::digestHex(z.traceDigest));
    QVERIFY(a.traceDigest != b.traceDigest);
    QVERIFY(a.traceDigest != z.traceDigest);
    QVERIFY(b.traceDigest != z.traceDigest);
    QVERIFY(comparable(a) != comparable(b)); // not only the digest: the run itself differs
}

// metrics.interval = 250 ms (default 1 s) adds four times as many sampler events, but the sampler is
// an observer outside the digest: same digest, same domain results.
void TestDeterminism::samplerIntervalOutsideDigest()
{
    QFETCH(QString, scenario);
    const Case c = caseNamed(scenario);
    const es::Scenario plain = load(c, 42);
    // The override also has to create the 'metrics:' mapping where the file has none (mm1.yaml).
    const es::Scenario fine = load(c, 42, {{"metrics.interval", "250ms"}});
    QCOMPARE(fine.metrics.interval, 250 * es::kMillisecond); // the override took
    QVERIFY(plain.metrics.interval != fine.metrics.interval);

    es::RunDriver d1(plain, es::fromSeconds(c.seconds)), d2(fine, es::fromSeconds(c.seconds));
    const es::RunSummary a = d1.run(), b = d2.run();
    QVERIFY(d2.world().sampler().series().rowCount() > d1.world().sampler().series().rowCount());
    QVERIFY(b.eventsProcessed > a.eventsProcessed); // the extra sampler events did run
    QCOMPARE(es::digestHex(b.traceDigest), es::digestHex(a.traceDigest));
    QCOMPARE(b.eventsCreated, a.eventsCreated);
    QCOMPARE(b.groups.size(), a.groups.size());
    for (std::size_t i = 0; i < a.groups.size(); ++i) {
        QCOMPARE(b.groups[i].effects, a.groups[i].effects);
        QCOMPARE(b.groups[i].latency.count, a.groups[i].latency.count);
        QCOMPARE(b.groups[i].latency.mean, a.groups[i].latency.mean);
        QCOMPARE(b.groups[i].latency.max, a.groups[i].latency.max);
        QCOMPARE(b.groups[i].meanWait, a.groups[i].meanWait);
        QCOMPARE(b.groups[i].attempts, a.groups[i].attempts);
        QCOMPARE(b.groups[i].utilisation, a.groups[i].utilisation);
    }
}

// A World run by hand in 1 s slices of runUntil, and in uneven 0.37 s slices, reaches the same
// digest as RunDriver's straight run to the same end time.
void TestDeterminism::slicedRunMatchesStraightRun()
{
    QFETCH(QString, scenario);
    const Case c = caseNamed(scenario);
    const es::Scenario sc = load(c, 42);
    const es::SimTime end = es::fromSeconds(c.seconds);
    const es::RunSummary straight = runOnce(sc, c.seconds);

    for (const es::SimTime slice : {es::kSecond, 370 * es::kMillisecond}) {
        es::World w(sc);
        w.start();
        int slices = 0;
        for (es::SimTime t = slice; t < end + slice; t += slice) {
            QVERIFY(w.sim().runUntil(std::min(t, end)));
            ++slices;
            if (t == 30 * es::kSecond) QVERIFY(w.sim().traceDigest() != straight.traceDigest); // mid-run differs
        }
        QCOMPARE(w.sim().now(), end);
        QVERIFY(slices > 100);
        QCOMPARE(es::digestHex(w.sim().traceDigest()), es::digestHex(straight.traceDigest));
        QCOMPARE(w.sim().eventsProcessed(), straight.eventsProcessed);
        QCOMPARE(w.eventsCreated(), straight.eventsCreated);
    }
}

// The digest reflects the inputs: an override that changes the model changes it, with the seed fixed.
void TestDeterminism::overridesChangeDigest()
{
    const Case c = caseNamed(QStringLiteral("mm1"));
    const es::RunSummary base = runOnce(load(c, 42), c.seconds);
    const es::RunSummary twoWorkers = runOnce(load(c, 42, {{"services.server.concurrency", "2"}}), c.seconds);
    const es::RunSummary faster = runOnce(load(c, 42, {{"services.server.service_time.exponential.rate", "11/s"}}), c.seconds);
    QVERIFY(base.traceDigest != twoWorkers.traceDigest);
    QVERIFY(base.traceDigest != faster.traceDigest);
    QVERIFY(twoWorkers.traceDigest != faster.traceDigest);
}

QTEST_GUILESS_MAIN(TestDeterminism)
#include "tst_determinism.moc"

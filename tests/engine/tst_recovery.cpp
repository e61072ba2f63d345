// Issue 16: "time to recover after each failure (lag back under a threshold)" as columns of the
// comparison table (engine/compare/RecoveryTime.h, docs/cli-compare.md "Recovery"): the definition
// on hand-made lag traces, the figures of real runs checked against their own sampled lag, and a
// failure the lag never came back from counted and shown, never averaged in as 0.
#include "compare/CompareFormat.h"
#include "compare/CompareTable.h"
#include "compare/RecoveryTime.h"
#include "compare/Replications.h"

#include <QtTest>

#include <cmath>
#include <functional>

namespace {

const std::string kLesson = SCENARIOS_DIR "/lessons/consumer-catch-up.yaml";

// Samples every second from 1 s to `end` s, the lag given by `lagAt`.
es::LagTrace trace(double end, const std::function<double(double)>& lagAt)
{
    es::LagTrace t;
    for (double s = 1; s <= end; s += 1) {
        t.times.push_back(s);
        t.worstLag.push_back(lagAt(s));
    }
    return t;
}

std::size_t columnIndex(const es::CompareTable& t, const std::string& key)
{
    for (std::size_t c = 0; c < t.columns.size(); ++c)
        if (t.columns[c].key == key) return c;
    return t.columns.size();
}

es::ReplicationPlan lessonPlan(std::vector<std::string> sets)
{
    es::ReplicationPlan p;
    p.scenarioPath = kLesson;
    p.variants = {"base", "longer-outage"};
    p.sets = std::move(sets);
    p.seeds = 3;
    p.jobs = 2;
    p.keepSeries = true;
    return p;
}

} // namespace

class TestRecovery : public QObject {
    Q_OBJECT
private slots:
    void definitionOnHandMadeLag();
    void runsRecoverWhereTheirLagSaysSo();
    void neverRecoveredIsCountedNotZero();
    void aReplayIsRecoveredFrom();
};

void TestRecovery::definitionOnHandMadeLag()
{
    const std::vector<es::FailureWindow> one{{10, 20}};
    // Above 1 s of lag from 12 s to 24 s: back under at the sample of 25 s, 5 s after the failure's end.
    const auto drained = trace(40, [](double t) { return t >= 12 && t <= 24 ? 5.0 : 0.2; });
    es::RecoveryFigures r = es::recoveryAfterFailures(one, drained, 1.0, 40);
    QCOMPARE(r.measured, std::size_t{1});
    QCOMPARE(r.unrecovered, std::size_t{0});
    QCOMPARE(r.worstSeconds, 5.0);
    // A higher threshold is met sooner.
    QCOMPARE(es::recoveryAfterFailures(one, drained, 10.0, 40).worstSeconds, 0.0);
    // Back under, then above again at 30 s: recovered only once it stays under (31 s).
    const auto relapse = trace(40, [](double t) { return (t >= 12 && t <= 24) || t == 30 ? 5.0 : 0.0; });
    QCOMPARE(es::recoveryAfterFailures(one, relapse, 1.0, 40).worstSeconds, 11.0);
    // Still lagging when the run ends: not recovered, and no time at all (not 0, not 20).
    const auto stuck = trace(40, [](double t) { return t >= 12 ? 5.0 : 0.0; });
    r = es::recoveryAfterFailures(one, stuck, 1.0, 40);
    QCOMPARE(r.unrecovered, std::size_t{1});
    QVERIFY(std::isnan(r.worstSeconds));
    // A failure that ends with the run (or after it) has nothing to recover in: not measured.
    r = es::recoveryAfterFailures({{30, 40}}, stuck, 1.0, 40);
    QCOMPARE(r.measured, std::size_t{0});
    QVERIFY(std::isnan(r.worstSeconds));
    // Two failures: the lag of the first is still up when the second begins (22 s), so the first
    // did not recover; the second ends at 30 s with the lag already down (from 27 s): 0.
    const auto twoFailures = trace(40, [](double t) { return t >= 12 && t <= 26 ? 5.0 : 0.0; });
    r = es::recoveryAfterFailures({{10, 20}, {22, 30}}, twoFailures, 1.0, 40);
    QCOMPARE(r.measured, std::size_t{2});
    QCOMPARE(r.unrecovered, std::size_t{1});
    QVERIFY(std::isnan(r.worstSeconds));
    // Both recovered: the run's figure is the slower of the two.
    const auto both = trace(40, [](double t) { return (t >= 12 && t <= 21) || (t >= 23 && t <= 33) ? 5.0 : 0.0; });
    r = es::recoveryAfterFailures({{10, 20}, {22, 30}}, both, 1.0, 40);
    QCOMPARE(r.unrecovered, std::size_t{0});
    QCOMPARE(r.worstSeconds, 4.0); // 34 − 30, against 22 − 20
}

void TestRecovery::runsRecoverWhereTheirLagSaysSo()
{
    es::Replications reps(lessonPlan({}));
    const std::vector<es::RunOutcome> outcomes = reps.run();
    const es::CompareTable t = es::buildCompareTable(reps, outcomes);
    const std::size_t col = columnIndex(t, "recovery_s");
    QVERIFY(col < t.columns.size());
    QVERIFY(columnIndex(t, "unrecovered") < t.columns.size());
    for (const es::RunOutcome& o : outcomes) {
        QVERIFY(o.done && o.series);
        const std::vector<es::FailureWindow> failures = es::failureWindows(reps.scenario(o.task.row));
        QCOMPARE(failures.size(), std::size_t{1}); // the indexer's crash
        const double end = failures.front().end;
        QCOMPARE(o.recovery.measured, std::size_t{1});
        QCOMPARE(o.recovery.unrecovered, std::size_t{0});
        const double recovered = end + o.recovery.worstSeconds;
        QVERIFY2(o.recovery.worstSeconds > 0, "the crash left a backlog: it takes time to drain");
        // Against the run's own series: every group's lag at or under 1 s from that instant on, and
        // over it at the sample before.
        const es::TimeSeriesSet& s = *o.series;
        bool sawBefore = false;
        for (std::size_t c = 0; c < s.seriesCount(); ++c) {
            const std::string& name = s.name(c);
            if (name.size() < 12 || name.compare(name.size() - 12, 12, ".lag_seconds") != 0 || name.find(".p") != std::string::npos)
                continue;
            for (std::size_t r = 0; r < s.rowCount(); ++r) {
                const double at = es::toSeconds(s.timeAt(r));
                if (at >= recovered) QVERIFY2(s.valueAt(r, c) <= 1.0, name.c_str());
                if (at < recovered && at >= recovered - 1.0001 && s.valueAt(r, c) > 1.0) sawBefore = true;
            }
        }
        QVERIFY2(sawBefore, "the sample before the recovery instant still lagged");
        QCOMPARE(t.cells[o.task.row][col].values[static_cast<std::size_t>(o.task.seedIndex)], o.recovery.worstSeconds);
    }
    // A 45 s outage leaves a larger backlog than a 30 s one: it takes longer to drain.
    QVERIFY(t.cells[1][col].interval.mean > t.cells[0][col].interval.mean);
}

void TestRecovery::neverRecoveredIsCountedNotZero()
{
    // The run ends 1 s after the base variant's crash ends, with the backlog still there; the longer
    // outage ends after the run does: not measured.
    es::Replications reps(lessonPlan({"duration=61s"}));
    const std::vector<es::RunOutcome> outcomes = reps.run();
    const es::CompareTable t = es::buildCompareTable(reps, outcomes);
    const std::size_t recovery = columnIndex(t, "recovery_s"), unrecovered = columnIndex(t, "unrecovered");
    QVERIFY(recovery < t.columns.size() && unrecovered < t.columns.size());
    QCOMPARE(t.cells[0][unrecovered].interval.mean, 1.0);
    QCOMPARE(t.cells[0][recovery].interval.n, std::size_t{0});
    for (double v : t.cells[0][recovery].values) QVERIFY(std::isnan(v));
    QCOMPARE(t.cells[1][unrecovered].interval.n, std::size_t{0}); // nothing to recover in
    const std::string text = es::compareToText(t);
    QVERIFY2(text.find("(3 never)") != std::string::npos, text.c_str());
    QVERIFY(es::compareToJson(t).at("recovery_lag_s") == 1.0);
}

void TestRecovery::aReplayIsRecoveredFrom()
{
    // A replay is an instant: its window ends where it begins, and the whole log's lag comes after it.
    es::ReplicationPlan p;
    p.scenarioPath = SCENARIOS_DIR "/lessons/replay-rebuild.yaml";
    p.variants = {"base"};
    p.seeds = 2;
    es::Replications reps(p);
    const std::vector<es::FailureWindow> windows = es::failureWindows(reps.scenario(0));
    QCOMPARE(windows.size(), std::size_t{1});
    QCOMPARE(windows.front().start, 60.0);
    QCOMPARE(windows.front().end, 60.0);
    for (const es::RunOutcome& o : reps.run()) {
        QCOMPARE(o.recovery.measured, std::size_t{1});
        QVERIFY2(o.recovery.unrecovered == 1 || o.recovery.worstSeconds > 0, "the replay's backlog takes time to drain");
    }
}

QTEST_GUILESS_MAIN(TestRecovery)
#include "tst_recovery.moc"

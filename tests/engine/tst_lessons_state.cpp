// State and read models (issue 13, docs/scenario-format.md "State and read models"): the CQRS lesson's
// point on its variants, the consistency window against M/M/1 theory, writes behind against Little's
// law, read-your-writes, decisions that refuse emit nothing, and the loader's refusals with
// FILE:LINE:COLUMN. Every run must conserve events and state.
#include "model/MetricsSampler.h"
#include "run/RunDriver.h"
#include "run/RunSummary.h"
#include "run/SummaryFormat.h"
#include "scenario/ScenarioLoader.h"

#include "SummaryLookup.h"

#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <string>

namespace {

using testsupport::findGroup;
using testsupport::violations;

const es::StateSummary* findState(const es::RunSummary& s, const std::string& name)
{
    for (const es::StateSummary& v : s.states)
        if (v.service == name) return &v;
    return nullptr;
}

const es::ReadModelSummary* findReadModel(const es::RunSummary& s, const std::string& name)
{
    for (const es::ReadModelSummary& v : s.readModels)
        if (v.service == name) return &v;
    return nullptr;
}

const es::DecisionSummary* findDecision(const es::RunSummary& s, const std::string& name)
{
    for (const es::DecisionSummary& v : s.decisions)
        if (v.service == name) return &v;
    return nullptr;
}

// The time-average of a sampled series over its rows after `from` seconds (NaN if absent).
double seriesMean(const es::TimeSeriesSet& set, const std::string& name, double from)
{
    for (std::size_t c = 0; c < set.seriesCount(); ++c) {
        if (set.name(c) != name) continue;
        double sum = 0;
        std::size_t n = 0;
        for (std::size_t r = 0; r < set.rowCount(); ++r)
            if (es::toSeconds(set.timeAt(r)) >= from) {
                sum += set.valueAt(r, c);
                ++n;
            }
        return n ? sum / static_cast<double>(n) : std::nan("");
    }
    return std::nan("");
}

QString errorsOf(const std::string& text)
{
    try {
        es::loadScenarioText(text, "state.yaml");
    } catch (const es::ScenarioError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

// A write model (`accounts`) and its read model (`balance-view`) for the refusal cases to break.
const std::string kAccounts = R"(scenario: accounts
duration: 20s
services:
  tellers: { produces: Deposit, to: commands, rate: 20/s, keys: 50 }
  accounts:
    consumes: commands
    state: { initial: 0, writes: { Deposit: 10 } }
    emits: { type: BalanceChanged, to: balances }
  balance-view:
    consumes: balances
    projects: accounts
brokers:
  commands: { kind: queue }
  balances: { kind: queue }
)";

std::string replaced(std::string text, const std::string& from, const std::string& to)
{
    const auto at = text.find(from);
    if (at == std::string::npos) qFatal("test setup: '%s' not in the base scenario", from.c_str());
    return text.replace(at, from.size(), to);
}

} // namespace

#define RUN_CHECKED(s, driver)                                                           \
    const es::RunSummary s = (driver).run();                                             \
    QVERIFY2(s.conservationOk, qPrintable(violations(s)));                               \
    QVERIFY(!s.interrupted)

class TestLessonsState : public QObject {
    Q_OBJECT

private slots:
    void cqrsConsistencyWindow();
    void windowMatchesMM1();
    void reconciliationRepairsOversoldOrders();
    void readYourWrites();
    void readingTheWriteModelIsNeverWrong();
    void refusals_data();
    void refusals();
    void sagaCompensation();
    void orchestratedSagaPersistedOrLost();
    void orchestratorTimeoutCompensatesALostCommand();
    void sagaRefusals_data();
    void sagaRefusals();
    void orchestratorRefusals_data();
    void orchestratorRefusals();
};

// The lesson: checkout decides on stock-view, which lags inventory. Its oversold orders and its
// consistency window order as the lesson says: a faster projection < the lesson < a slower one, and a
// burst widens both.
void TestLessonsState::cqrsConsistencyWindow()
{
    struct Row {
        const char* variant;
        std::uint64_t oversold = 0;
        double p99 = 0, mean = 0, maxStaleness = 0;
    };
    Row rows[] = {{"fast-projection"}, {""}, {"slow-projection"}, {"burst"}};
    for (Row& row : rows) {
        const es::Scenario sc =
            es::loadScenarioFile(SCENARIOS_DIR "/lessons/cqrs-consistency-window.yaml", {}, row.variant);
        es::RunDriver d(sc);
        RUN_CHECKED(s, d);
        const es::StateSummary* inv = findState(s, "inventory");
        const es::ReadModelSummary* view = findReadModel(s, "stock-view");
        const es::DecisionSummary* dec = findDecision(s, "checkout");
        QVERIFY(inv && view && dec);
        QCOMPARE(QString::fromStdString(view->of), QStringLiteral("inventory"));
        QCOMPARE(QString::fromStdString(dec->from), QStringLiteral("stock-view"));
        QVERIFY(dec->fromReadModel);
        // Every read decides once; only accepted orders go on to inventory.
        QCOMPARE(dec->accepted + dec->refused, dec->reads);
        QCOMPARE(findGroup(s, "checkout")->emitted, dec->accepted);
        // The view sees every write inventory made, and reflects all but the last few.
        QCOMPARE(view->writes, inv->writes);
        QVERIFY(view->reflected <= view->writes && view->writes - view->reflected <= 5);
        QCOMPARE(view->behind, view->writes - view->reflected);
        QCOMPARE(view->window.count, view->reflected);
        QVERIFY(view->window.p50 <= view->window.p99 && view->window.p99 <= view->window.max);
        QVERIFY(view->maxStaleness >= view->window.max * 0.999);
        // Stale reads are what oversell: each one accepted an order the true state could not fill.
        QVERIFY2(dec->acceptedWithout > 0, row.variant);
        QVERIFY(inv->oversold >= dec->acceptedWithout / 2);
        row.oversold = inv->oversold;
        row.mean = view->window.mean;
        row.p99 = view->window.p99;
        row.maxStaleness = view->maxStaleness;
        const es::TimeSeriesSet& ts = d.world().sampler().series();
        QVERIFY(!std::isnan(seriesMean(ts, "stock-view.staleness_s", 0)));
        QVERIFY(!std::isnan(seriesMean(ts, "inventory.oversold", 0)));
        qInfo("%-16s oversold %4llu  window mean %7.1f ms  p99 %8.1f ms  max staleness %8.1f ms", row.variant,
              static_cast<unsigned long long>(row.oversold), row.mean * 1e3, row.p99 * 1e3, row.maxStaleness * 1e3);
    }
    const Row &fast = rows[0], &base = rows[1], &slow = rows[2], &burst = rows[3];
    QVERIFY(fast.oversold < base.oversold && base.oversold < slow.oversold && base.oversold < burst.oversold);
    QVERIFY(fast.p99 < base.p99 && base.p99 < slow.p99 && base.p99 < burst.p99);
    QVERIFY(fast.mean < base.mean && base.mean < slow.mean && base.mean < burst.mean);
    // The burst's oversell is the lesson's headline: many times the steady state.
    QVERIFY(burst.oversold > 10 * base.oversold);
}

// Issue 13, "A reconciliation job (optional, periodic) finds anomalies and repairs them": every
// oversold order ends filled late by new stock, repaired by the job, or still owed; a repaired one
// waited at most one period; without the job nothing is repaired and more stays owed.
void TestLessonsState::reconciliationRepairsOversoldOrders()
{
    auto run = [](const char* variant) {
        es::RunDriver d(es::loadScenarioFile(SCENARIOS_DIR "/lessons/cqrs-consistency-window.yaml", {}, variant));
        return d.run();
    };
    const es::RunSummary base = run("");
    es::RunDriver reconciled(es::loadScenarioFile(SCENARIOS_DIR "/lessons/cqrs-consistency-window.yaml", {}, "reconciled"));
    const es::RunSummary fixed = reconciled.run();
    QVERIFY(base.conservationOk && fixed.conservationOk);
    const es::StateSummary* b = findState(base, "inventory");
    const es::StateSummary* f = findState(fixed, "inventory");
    QVERIFY(b && f);
    // Every oversell is one unit (OrderAccepted writes -1): each is accounted for once.
    QCOMPARE(b->filledLate + b->repaired + b->owed, b->oversold);
    QCOMPARE(f->filledLate + f->repaired + f->owed, f->oversold);
    QCOMPARE(b->repaired, std::uint64_t{0});
    QCOMPARE(b->reconcileEvery, 0.0);
    QCOMPARE(f->reconcileEvery, 10.0);
    QVERIFY(f->reconcileRuns >= 11 && f->reconcileRuns <= 12); // at 10 s, 20 s, ... of a 120 s run
    QVERIFY2(f->repaired > 0, "the job found oversold orders to repair");
    QCOMPARE(f->repairDelay.count, f->repaired);
    // Found at the next run of the job: never more than one period after the oversell.
    QVERIFY2(f->repairDelay.max <= 10.0 + 1e-9, qPrintable(QString::number(f->repairDelay.max)));
    QVERIFY(f->repairDelay.mean > 0 && f->repairDelay.mean < f->repairDelay.max + 1e-12);
    // What is still owed at the end was oversold since the job's last run.
    QVERIFY2(f->owed < b->owed, qPrintable(QStringLiteral("%1 vs %2").arg(f->owed).arg(b->owed)));
    // The repairs are writes of the write model: the entities' values carry them.
    const nlohmann::json j = es::summaryToJson(fixed);
    QCOMPARE(j["states"]["inventory"]["reconciliation"]["repaired"].get<std::uint64_t>(), f->repaired);
    QVERIFY(!es::summaryToJson(base)["states"]["inventory"].contains("reconciliation"));
    // As series: repaired only ever climbs (in steps, at the job's runs).
    const es::TimeSeriesSet& ts = reconciled.world().sampler().series();
    double lastRepaired = -1;
    std::size_t repairedCol = ts.seriesCount(), owedCol = ts.seriesCount();
    for (std::size_t c = 0; c < ts.seriesCount(); ++c) {
        if (ts.name(c) == "inventory.repaired") repairedCol = c;
        if (ts.name(c) == "inventory.owed") owedCol = c;
    }
    QVERIFY(repairedCol < ts.seriesCount() && owedCol < ts.seriesCount());
    for (std::size_t r = 0; r < ts.rowCount(); ++r) {
        QVERIFY(ts.valueAt(r, repairedCol) >= lastRepaired);
        lastRepaired = ts.valueAt(r, repairedCol);
    }
    QVERIFY(lastRepaired > 0 && lastRepaired <= static_cast<double>(f->repaired)); // the last run may follow the last sample
}

// The writer commits at once and its change reaches the projector 10 ms later (the queue's latency);
// the projector is an M/M/1 station (λ = 40/s, μ = 50/s). The window is 10 ms + the sojourn, which is
// exponential with rate μ − λ: mean 110 ms, p50 10 + ln 2/10 s = 79.3 ms, p95 309.6 ms, p99 10 + ln 100/10 s
// = 470.5 ms.
// Writes behind time-averages to λ × mean window = 4.4 (Little's law); sampled every 5 s, so the
// 4,000 rows stay instants (past the series' capacity, rows merge by their maximum).
void TestLessonsState::windowMatchesMM1()
{
    const es::Scenario sc = es::loadScenarioText(R"(scenario: window-mm1
seed: 7
duration: 20000s
metrics: { interval: 5s }
services:
  src: { produces: Put, to: puts, rate: 40/s, keys: 100 }
  writer:
    consumes: puts
    concurrency: 100
    service_time: 0ms
    state: { writes: { Put: 1 } }
    emits: { type: Changed, to: changes }
  projector:
    consumes: changes
    service_time: { exponential: { mean: 20ms } }
    projects: writer
brokers:
  puts: { kind: queue }
  changes: { kind: queue, latency: 10ms }
)", "window-mm1.yaml");
    es::RunDriver d(sc);
    RUN_CHECKED(s, d);
    const es::ReadModelSummary* v = findReadModel(s, "projector");
    QVERIFY(v);
    QVERIFY(v->reflected > 700000);
    qInfo("window mean %.1f ms (theory 110.0), p50 %.1f (79.3), p99 %.1f (470.5)", v->window.mean * 1e3,
          v->window.p50 * 1e3, v->window.p99 * 1e3);
    // Tolerances: ρ = 0.8 is strongly autocorrelated, so a run's mean wanders: over 3000 s the p99
    // was 16% off on this seed; over 20,000 s (800,000 writes) seeds 1-3 and 7 came within 1.2% (mean)
    // and 1.4% (p99, which also carries the histogram's 0.8% buckets). Stated tolerance: 4% / 5% / 6%.
    QVERIFY2(std::fabs(v->window.mean - 0.110) / 0.110 < 0.04, qPrintable(QString::number(v->window.mean)));
    QVERIFY2(std::fabs(v->window.p50 - (0.010 + std::log(2.0) / 10)) / 0.0793 < 0.05, qPrintable(QString::number(v->window.p50)));
    QVERIFY2(std::fabs(v->window.p95 - (0.010 + std::log(20.0) / 10)) / 0.3096 < 0.06, qPrintable(QString::number(v->window.p95)));
    QVERIFY2(std::fabs(v->window.p99 - (0.010 + std::log(100.0) / 10)) / 0.4705 < 0.06, qPrintable(QString::number(v->window.p99)));
    const double behind = seriesMean(d.world().sampler().series(), "projector.writes_behind", 100);
    qInfo("writes behind, time-average of samples %.2f (Little: 4.40)", behind);
    QVERIFY2(std::fabs(behind - 4.4) / 4.4 < 0.10, qPrintable(QString::number(behind)));
}

// A service deciding on its own read model misses its own last write while the projection lags; the
// summary counts those reads. Deposits do not read (`for: [Withdraw]`), so they always go on.
void TestLessonsState::readYourWrites()
{
    const es::Scenario sc = es::loadScenarioText(R"(scenario: ryw
seed: 3
duration: 60s
services:
  tellers: { produces: Deposit, to: commands, rate: 20/s, keys: 20 }
  atm: { produces: Withdraw, to: commands, rate: 20/s, keys: 20 }
  accounts:
    consumes: commands
    state: { initial: 0, writes: { Deposit: 10, Withdraw: -10 } }
    reads: { from: balance-view, need: 10, for: [Withdraw] }
    emits: { type: BalanceChanged, to: balances }
  balance-view:
    consumes: balances
    service_time: { exponential: { mean: 20ms } }
    projects: accounts
brokers:
  commands: { kind: queue }
  balances: { kind: queue, latency: 50ms }
)", "ryw.yaml");
    es::RunDriver d(sc);
    RUN_CHECKED(s, d);
    const es::DecisionSummary* dec = findDecision(s, "accounts");
    const es::ProducerSummary* atm = testsupport::findProducer(s, "atm");
    const es::ProducerSummary* tellers = testsupport::findProducer(s, "tellers");
    QVERIFY(dec && atm && tellers);
    // Only withdrawals decide.
    QVERIFY(dec->reads <= atm->published && dec->reads + 5 >= atm->published);
    QCOMPARE(dec->ownReads, dec->reads);
    QVERIFY2(dec->ownMisses > 0 && dec->ownMisses < dec->ownReads,
             qPrintable(QStringLiteral("%1 of %2").arg(dec->ownMisses).arg(dec->ownReads)));
    // A withdrawal refused while the balance was there is a missed own deposit.
    QVERIFY(dec->refusedWith > 0);
    const es::StateSummary* st = findState(s, "accounts");
    QVERIFY(st);
    // Deposits always write; a withdrawal writes only when accepted.
    QVERIFY(st->writes >= dec->accepted);
}

// Deciding on the write model itself is strongly consistent: never wrong against the true state.
void TestLessonsState::readingTheWriteModelIsNeverWrong()
{
    const es::Scenario sc = es::loadScenarioFile(SCENARIOS_DIR "/lessons/cqrs-consistency-window.yaml",
                                                 {{"services.checkout.reads.from", "inventory"}}, "");
    es::RunDriver d(sc);
    RUN_CHECKED(s, d);
    const es::DecisionSummary* dec = findDecision(s, "checkout");
    QVERIFY(dec && !dec->fromReadModel && dec->reads > 1000);
    QCOMPARE(dec->acceptedWithout, std::uint64_t{0});
    QCOMPARE(dec->refusedWith, std::uint64_t{0});
    // Checkout still decides before inventory's write commits, so orders in between can still
    // oversell; far fewer than on the view.
    QVERIFY(findState(s, "inventory")->oversold < 8);
}

void TestLessonsState::refusals_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("expected");
    QTest::newRow("writes a type nobody sends")
        << "writes: { Deposit: 10 }" << "writes: { Deposti: 10 }"
        << "state.yaml:7:36: service 'accounts' state writes: no service produces or emits an event of type 'Deposti' (did you mean 'Deposit'?)";
    QTest::newRow("writes zero") << "writes: { Deposit: 10 }" << "writes: { Deposit: 0 }"
                                 << "state.yaml:7:36: service 'accounts' state writes: Deposit adds 0, so it writes nothing";
    QTest::newRow("no writes") << "state: { initial: 0, writes: { Deposit: 10 } }" << "state: { initial: 0 }"
                               << "state.yaml:7:12: service 'accounts' state needs 'writes'";
    QTest::newRow("projects a stateless service") << "projects: accounts" << "projects: tellers"
                                                  << "state.yaml:11:15: service 'balance-view' projects 'tellers', which is not a service with 'state'";
    QTest::newRow("projects itself") << "  balance-view:\n    consumes: balances\n    projects: accounts"
                                     << "  balance-view:\n    consumes: balances\n    state: { writes: { BalanceChanged: 1 } }\n    projects: balance-view"
                                     << "service 'balance-view' projects its own state";
    QTest::newRow("reads from nothing") << "projects: accounts" << "projects: accounts\n    reads: { from: balanse-view }"
                                        << "state.yaml:12:20: service 'balance-view' reads from 'balanse-view', which is neither a read model ('projects') nor a service with 'state' (did you mean 'balance-view'?)";
    QTest::newRow("reads for an unknown type") << "projects: accounts" << "projects: accounts\n    reads: { from: accounts, for: [Withdraw] }"
                                               << "service 'balance-view' reads for 'Withdraw': no service produces or emits an event of that type";
    QTest::newRow("state on a producer") << "tellers: { produces: Deposit, to: commands, rate: 20/s, keys: 50 }"
                                         << "tellers: { produces: Deposit, to: commands, rate: 20/s, keys: 50, projects: accounts }"
                                         << "'state', 'projects' and 'reads' belong to a service that consumes";
    QTest::newRow("sync style") << "duration: 20s" << "duration: 20s\nstyle: sync"
                                << "state and read models run in the events style";
}

void TestLessonsState::refusals()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QString, expected);
    QVERIFY(errorsOf(kAccounts).isEmpty());
    const QString message = errorsOf(replaced(kAccounts, from.toStdString(), to.toStdString()));
    QVERIFY2(message.contains(expected), qPrintable(message));
}

namespace {

const es::SagaSummary* findSaga(const es::RunSummary& s, const std::string& name)
{
    for (const es::SagaSummary& g : s.sagas)
        if (g.name == name) return &g;
    return nullptr;
}

} // namespace

// The orchestrated variants: the orchestrator crashes at 31 s for 3 s while inventory is down too.
// Persisted, its sagas wait in its database and resume (timers re-armed, overdue ones fire): none is
// stuck. In memory, every saga it held is lost with it and ends stuck, one for one; the replies that
// come back for them find nobody waiting. Both conserve sagas: each started one ended one way, was
// lost, or is still held.
void TestLessonsState::orchestratedSagaPersistedOrLost()
{
    es::SagaSummary rows[2];
    const char* variants[] = {"orchestrated", "orchestrated-in-memory"};
    for (int i = 0; i < 2; ++i) {
        const es::Scenario sc = es::loadScenarioFile(SCENARIOS_DIR "/lessons/saga-compensation.yaml", {}, variants[i]);
        es::RunDriver d(sc);
        RUN_CHECKED(s, d);
        const es::SagaSummary* g = findSaga(s, "order");
        QVERIFY(g);
        rows[i] = *g;
        const es::SagaSummary::Orchestrator& o = g->orchestrator;
        QCOMPARE(o.service, std::string("orchestrator"));
        QCOMPARE(o.started, g->started); // every start reached it (at-least-once queue)
        QCOMPARE(o.started, o.completed + o.compensated + o.gaveUp + o.lost + o.live);
        QCOMPARE(g->completed + g->compensated_ + g->stuck + g->inconsistent + g->inFlight, g->started);
        QCOMPARE(g->inconsistent, std::uint64_t{0});
        // The tracker sees the orchestrator's outcome events take effect: as many as it sent, less
        // those still on their way at the end.
        QVERIFY(g->completed <= o.completed && o.completed - g->completed <= g->inFlight);
        QVERIFY(g->compensated_ <= o.compensated && o.compensated - g->compensated_ <= g->inFlight);
        QVERIFY(o.timeouts > 0); // inventory's crashes hold replies past the 2 s timeout
        qInfo("%-24s started %llu completed %llu compensated %llu stuck %llu lost %llu resumed %llu timeouts %llu stale %llu",
              variants[i], static_cast<unsigned long long>(g->started), static_cast<unsigned long long>(g->completed),
              static_cast<unsigned long long>(g->compensated_), static_cast<unsigned long long>(g->stuck),
              static_cast<unsigned long long>(o.lost), static_cast<unsigned long long>(o.resumed),
              static_cast<unsigned long long>(o.timeouts), static_cast<unsigned long long>(o.staleReplies));
    }
    const es::SagaSummary &persisted = rows[0], &memory = rows[1];
    QVERIFY(persisted.orchestrator.persisted && !memory.orchestrator.persisted);
    QCOMPARE(persisted.stuck, std::uint64_t{0});
    QCOMPARE(persisted.orchestrator.lost, std::uint64_t{0});
    QVERIFY(persisted.orchestrator.resumed >= 10);
    QVERIFY(memory.orchestrator.lost >= 10);
    QCOMPARE(memory.stuck, memory.orchestrator.lost);
    QCOMPARE(memory.orchestrator.resumed, std::uint64_t{0});
    QVERIFY(memory.orchestrator.staleReplies > persisted.orchestrator.staleReplies);
}

// Where choreography strands a saga, the orchestrator compensates it: with at-most-once delivery
// into inventory and inventory's three crashes, the commands lost in them never answer; the
// orchestrator's timeout undoes the step that may have happened and the saga ends compensated.
void TestLessonsState::orchestratorTimeoutCompensatesALostCommand()
{
    const es::Scenario sc = es::loadScenarioFile(SCENARIOS_DIR "/lessons/saga-compensation.yaml",
                                                 {{"services.inventory.delivery", "at-most-once"}, {"failures.1.at", "200s"}},
                                                 "orchestrated");
    es::RunDriver d(sc);
    RUN_CHECKED(s, d);
    const es::SagaSummary* g = findSaga(s, "order");
    QVERIFY(g);
    QVERIFY(g->orchestrator.timeouts > 0);
    QCOMPARE(g->stuck, std::uint64_t{0});
    QCOMPARE(g->orchestrator.gaveUp, std::uint64_t{0});
    // Choreographed, the same delivery and crashes strand sagas (the at-most-once variant).
    const es::Scenario choreo = es::loadScenarioFile(SCENARIOS_DIR "/lessons/saga-compensation.yaml", {}, "at-most-once");
    es::RunDriver dc(choreo);
    RUN_CHECKED(sc2, dc);
    QVERIFY(findSaga(sc2, "order")->stuck > 0);
}

// The saga lesson: every order ends completed or compensated under at-least-once delivery across
// three crashes; at-most-once strands some half done; more declines compensate more. Each run's
// compensations match the declines one for one, and inventory's stock moves by exactly the sagas
// that are not compensated.
void TestLessonsState::sagaCompensation()
{
    struct Row {
        const char* variant;
        es::SagaSummary saga;
        std::uint64_t declined = 0;
    };
    Row rows[] = {{"", {}, 0}, {"at-most-once", {}, 0}, {"more-declines", {}, 0}};
    for (Row& row : rows) {
        const es::Scenario sc = es::loadScenarioFile(SCENARIOS_DIR "/lessons/saga-compensation.yaml", {}, row.variant);
        es::RunDriver d(sc);
        RUN_CHECKED(s, d);
        const es::SagaSummary* g = findSaga(s, "order");
        QVERIFY(g);
        row.saga = *g;
        row.declined = findGroup(s, "payment")->declined;
        QCOMPARE(g->started, testsupport::findProducer(s, "shop")->published);
        QCOMPARE(g->completed + g->compensated_ + g->stuck + g->inconsistent + g->inFlight, g->started);
        QCOMPARE(g->inconsistent, std::uint64_t{0});
        QVERIFY(g->inFlight < 10);
        // A compensated saga is a declined payment whose release and cancel went through.
        QVERIFY(g->compensated_ <= row.declined && row.declined <= g->compensated_ + g->stuck + g->inFlight);
        QVERIFY(g->completedTime.count == g->completed && g->compensatedTime.count == g->compensated_);
        // The compensation runs after the charge failed: it takes longer than a completion.
        QVERIFY(g->compensatedTime.mean > g->completedTime.mean);
        qInfo("%-14s started %llu completed %llu compensated %llu stuck %llu in flight %llu (declined %llu)", row.variant,
              static_cast<unsigned long long>(g->started), static_cast<unsigned long long>(g->completed),
              static_cast<unsigned long long>(g->compensated_), static_cast<unsigned long long>(g->stuck),
              static_cast<unsigned long long>(g->inFlight), static_cast<unsigned long long>(row.declined));
        const es::TimeSeriesSet& ts = d.world().sampler().series();
        QVERIFY(!std::isnan(seriesMean(ts, "order.saga_stuck", 0)));
    }
    const es::SagaSummary &base = rows[0].saga, &amo = rows[1].saga, &more = rows[2].saga;
    QCOMPARE(base.stuck, std::uint64_t{0});
    QVERIFY(amo.stuck > 0);
    QVERIFY(more.compensated_ > 2 * base.compensated_);
    // Declines near the configured share (20%, 50%): a binomial with n ≈ 2,400 is within ±3% absolute.
    QVERIFY(std::fabs(static_cast<double>(rows[0].declined) / static_cast<double>(base.started) - 0.20) < 0.03);
    QVERIFY(std::fabs(static_cast<double>(rows[2].declined) / static_cast<double>(more.started) - 0.50) < 0.03);
}

const std::string kSaga = R"(scenario: saga
duration: 10s
services:
  shop: { produces: OrderPlaced, to: inventory-q, rate: 10/s }
  inventory:
    consumes: inventory-q
    emits:
      - { type: InventoryReserved, to: payments-q, on: OrderPlaced }
      - { type: InventoryReleased, to: orders-q, on: PaymentFailed }
  payment:
    consumes: payments-q
    declines: 20%
    emits: { type: PaymentCharged, to: orders-q }
    on_refusal: { type: PaymentFailed, to: inventory-q }
  orders:
    consumes: orders-q
    emits:
      - { type: OrderConfirmed, to: done, on: PaymentCharged }
      - { type: OrderCancelled, to: done, on: InventoryReleased }
brokers:
  inventory-q: { kind: queue }
  payments-q: { kind: queue }
  orders-q: { kind: queue }
  done: { kind: queue }
sagas:
  order: { starts: OrderPlaced, completes: OrderConfirmed, compensated: OrderCancelled }
)";

void TestLessonsState::sagaRefusals_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("expected");
    QTest::newRow("starts with an emitted type") << "starts: OrderPlaced," << "starts: OrderPlace,"
        << "state.yaml:26:20: saga 'order' starts with 'OrderPlace', which no producer produces (did you mean 'OrderPlaced'?)";
    QTest::newRow("ends with an unknown type") << "completes: OrderConfirmed," << "completes: OrderConfirmd,"
        << "state.yaml:26:44: saga 'order' completes: no service emits an event of type 'OrderConfirmd' (did you mean 'OrderConfirmed'?)";
    QTest::newRow("both ends the same") << "compensated: OrderCancelled" << "compensated: OrderConfirmed"
        << "'completes' and 'compensated' are both 'OrderConfirmed'";
    QTest::newRow("on an unknown type") << "on: PaymentFailed }" << "on: PaymentFail }"
        << "service 'inventory' emits InventoryReleased on 'PaymentFail': no service produces or emits that type (did you mean 'PaymentFailed'?)";
    QTest::newRow("sync style") << "duration: 10s" << "duration: 10s\nstyle: sync" << "sagas run in the events style";
    // Without sagas, a decline in the sync style is refused where it is written.
    QTest::newRow("declines in the sync style")
        << "sagas:\n  order: { starts: OrderPlaced, completes: OrderConfirmed, compensated: OrderCancelled }\n"
        << "style: sync\n" << "state.yaml:12:15: service 'payment': 'declines' and 'on_refusal' run in the events style";
    QTest::newRow("a typed loop") << "{ type: InventoryReleased, to: orders-q, on: PaymentFailed }"
                                  << "{ type: InventoryReleased, to: inventory-q, on: [PaymentFailed, InventoryReleased] }"
        << "form a loop: each of these events is handled by emitting the next";
    // Through a refusal the same shape is a retry: a decline is a chance, so the run settles.
    QTest::newRow("a loop through a refusal is allowed") << "{ type: InventoryReserved, to: payments-q, on: OrderPlaced }"
                                  << "{ type: InventoryReserved, to: payments-q, on: [OrderPlaced, PaymentFailed] }" << "";
    QTest::newRow("declines above 100%") << "declines: 20%" << "declines: 120%" << "state.yaml:12:15: service 'payment': 'declines: 120%' is out of range";
}

void TestLessonsState::sagaRefusals()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QString, expected);
    QVERIFY2(errorsOf(kSaga).isEmpty(), qPrintable(errorsOf(kSaga)));
    const QString message = errorsOf(replaced(kSaga, from.toStdString(), to.replace(QStringLiteral("\\n"), QStringLiteral("\n")).toStdString()));
    if (expected.isEmpty()) QVERIFY2(message.isEmpty(), qPrintable(message));
    else QVERIFY2(message.contains(expected), qPrintable(message));
}

namespace {

// An orchestrated saga in one file: the orchestrator reserves, then charges; a decline undoes the reservation.
const std::string kOrchestrated = R"(scenario: orchestrated
duration: 10s
services:
  shop: { produces: OrderPlaced, to: orch-q, rate: 20/s }
  orchestrator:
    consumes: orch-q
    orchestrates:
      saga: order
      timeout: 2s
      outcome_to: done-q
      steps:
        - { command: Reserve, to: stock-q, reply: Reserved, undo: Release, undone: Released }
        - { command: Charge, to: pay-q, reply: Charged, failure: Declined }
  stock:
    consumes: stock-q
    emits: [{ type: Reserved, to: orch-q, on: Reserve }, { type: Released, to: orch-q, on: Release }]
  payment:
    consumes: pay-q
    declines: 20%
    emits: { type: Charged, to: orch-q }
    on_refusal: { type: Declined, to: orch-q }
brokers:
  orch-q: { kind: queue }
  stock-q: { kind: queue }
  pay-q: { kind: queue }
  done-q: { kind: queue }
sagas:
  order: { starts: OrderPlaced, completes: OrderConfirmed, compensated: OrderCancelled }
)";

} // namespace

void TestLessonsState::orchestratorRefusals_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("expected");
    QTest::newRow("valid") << "timeout: 2s" << "timeout: 2s" << "";
    QTest::newRow("unknown saga") << "saga: order" << "saga: ordr"
        << "state.yaml:8:13: service 'orchestrator' orchestrates saga 'ordr', which the top-level 'sagas:' does not define (did you mean 'order'?)";
    QTest::newRow("a reply nobody emits") << "reply: Charged," << "reply: Charge,"
        << "state.yaml:13:48: service 'orchestrator' orchestrates step 2 waits for 'Charge' (its success), which no service emits (did you mean 'Charged'?)";
    QTest::newRow("undo without undone") << ", undone: Released }" << " }"
        << "state.yaml:12:11: service 'orchestrator' orchestrates step 1 has 'undo: Release' but no 'undone'";
    QTest::newRow("a step to nowhere") << "to: pay-q, reply" << "to: pay-qq, reply" << "pay-qq";
    QTest::newRow("zero timeout") << "timeout: 2s" << "timeout: 0s" << "state.yaml:9:16: service 'orchestrator' orchestrates: 'timeout'";
    QTest::newRow("no steps") << "      steps:\n" << "      stepz:\n" << "needs 'steps'";
    QTest::newRow("its own emits") << "    consumes: orch-q\n" << "    consumes: orch-q\n    emits: { type: X, to: done-q }\n"
        << "an orchestrator's events come from its steps; remove 'emits'";
    QTest::newRow("in memory on two instances") << "    consumes: orch-q\n    orchestrates:\n"
        << "    consumes: orch-q\n    instances: 2\n    orchestrates:\n      persisted: false\n"
        << "state.yaml:9:7: service 'orchestrator' has 2 instances and keeps its sagas in memory";
    QTest::newRow("persisted on two instances") << "    consumes: orch-q\n" << "    consumes: orch-q\n    instances: 2\n" << "";
    QTest::newRow("in memory on one instance") << "      timeout: 2s\n" << "      timeout: 2s\n      persisted: false\n" << "";
    QTest::newRow("on a producer") << "  shop: { produces: OrderPlaced, to: orch-q, rate: 20/s }"
        << "  shop: { produces: OrderPlaced, to: orch-q, rate: 20/s, orchestrates: { saga: order } }" << "only a consumer orchestrates a saga";
    QTest::newRow("sync style") << "duration: 10s" << "duration: 10s\nstyle: sync" << "orchestrated sagas run in the events style";
}

void TestLessonsState::orchestratorRefusals()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QString, expected);
    const QString message = errorsOf(replaced(kOrchestrated, from.toStdString(), to.toStdString()));
    if (expected.isEmpty()) QVERIFY2(message.isEmpty(), qPrintable(message));
    else QVERIFY2(message.contains(expected), qPrintable(message));
}

QTEST_APPLESS_MAIN(TestLessonsState)
#include "tst_lessons_state.moc"

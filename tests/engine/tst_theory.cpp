// Checks the engine against queueing theory: M/M/1, M/M/c (Erlang C), M/D/1 and M/G/1 (Pollaczek–Khinchine)
// and Little's law, on the bench scenarios (scenarios/bench/mm1.yaml, mmc.yaml) with overrides.
//
// Method. Each case is run with kSeeds independent seeds. Each seed gives one estimate (the run's
// mean wait, mean sojourn, utilisation, ...); the test compares the mean of those per-seed estimates
// with the theoretical value. The tolerance comes from the spread across seeds:
//   |mean - theory| < 4 x SE, SE = sample standard deviation of the per-seed estimates / sqrt(kSeeds)
// (the SE is itself estimated, so the statistic follows Student's t with kSeeds - 1 = 15 degrees of
// freedom: a correct engine lands outside 4 SE with probability about 0.1% per check; with 8 seeds it
// would be 0.5%, and an 8-seed draw did hit 4.2 SE on the arrival rate, which a 64-seed scan showed
// to be luck: -0.03% there), and, as a sanity ceiling that also catches an absurdly wide spread,
//   |mean - theory| < 5% of theory.
// Run lengths are chosen so that SE is about 1% of the quantity or less, so 4 SE stays inside 5%.
// Every case has its own seeds (the arrival process draws unit-rate gaps and scales them by 1/λ, so
// two cases on the same seeds would share their luck). Seeds are fixed, so the outcome is
// reproducible; a failure means the engine (or the theory used here) is off, not bad luck on this
// machine.
//
// Warm-up bias: every run starts with an empty system, so the first few relaxation times see
// shorter queues than the steady state and bias waits slightly low. The relaxation time is at most
// about 1 / (cμ (1 - √ρ)²) ≈ 10 s here (M/M/1, ρ = 0.8), against runs of thousands of seconds, so the
// bias is of order 0.1% and well inside the tolerances; the runs are long for that reason.
#include "metrics/QueueTheory.h"
#include "model/MetricsSampler.h"
#include "model/World.h"
#include "run/RunDriver.h"
#include "scenario/ScenarioLoader.h"

#include <QtTest>

#include <cmath>
#include <string>
#include <vector>

namespace {

constexpr int kSeeds = 16;
constexpr double kSeMultiple = 4.0;     // tolerance in standard errors
constexpr double kRelCeiling = 0.05; // sanity ceiling, relative to theory

struct Stat {
    double mean = 0, se = 0;
};

Stat statOf(const std::vector<double>& v)
{
    Stat s;
    const double n = static_cast<double>(v.size());
    for (double x : v) s.mean += x;
    s.mean /= n;
    double ss = 0;
    for (double x : v) ss += (x - s.mean) * (x - s.mean);
    s.se = v.size() > 1 ? std::sqrt(ss / (n - 1) / n) : 0;
    return s;
}

// The per-seed estimates of one case.
struct Estimates {
    std::vector<double> wq;      // mean wait in queue (s)
    std::vector<double> w;       // mean sojourn, creation -> effect (s)
    std::vector<double> util;    // busy workers / workers
    std::vector<double> lambda;  // measured arrival rate into service: service starts / T (1/s)
    std::vector<double> lSampled;   // time-average number in system, from the sampled series
    std::vector<double> lqSampled;  // time-average number waiting, from the sampled series
    std::vector<double> lExact;     // time-average number in system, integrated by the engine
    std::vector<double> lqExact;    // time-average number waiting, integrated by the engine
    std::vector<double> lsExact;    // time-average number in service (busy workers)
};

// Runs `file` with `overrides` for kSeeds seeds (seedBase, seedBase + 1, ...) of `seconds` simulated
// seconds each.
Estimates runCase(const std::string& file, const std::vector<es::Override>& overrides, double seconds,
                  std::uint64_t seedBase)
{
    Estimates e;
    for (int k = 0; k < kSeeds; ++k) {
        es::Scenario sc = es::loadScenarioFile(file, overrides);
        sc.seed = seedBase + static_cast<std::uint64_t>(k);
        // Sample every 0.5 s and keep every row: the depth and in-progress series merge by maximum
        // when the set halves, which would bias the time averages upward.
        sc.metrics.interval = es::fromSeconds(0.5);
        sc.metrics.maxRows = static_cast<std::size_t>(seconds / 0.5) + 16;
        es::RunDriver d(sc, es::fromSeconds(seconds));
        const es::RunSummary s = d.run();
        if (s.groups.empty()) qFatal("no groups in %s", file.c_str());
        const es::GroupSummary& g = s.groups[0];
        e.wq.push_back(g.meanWait);
        e.w.push_back(g.latency.mean);
        e.util.push_back(g.utilisation);
        e.lambda.push_back(static_cast<double>(g.attempts) / s.simTime);
        if (!g.hasAvgInSystem || s.brokers.empty()) qFatal("no time-averages for %s", file.c_str());
        e.lExact.push_back(g.avgInSystem);
        e.lqExact.push_back(s.brokers[0].avgWaiting);
        e.lsExact.push_back(g.avgInService);

        const es::TimeSeriesSet& ts = d.world().sampler().series();
        if (ts.interval() != sc.metrics.interval) qFatal("the sampled series was coarsened: averages would be biased");
        std::size_t depth = SIZE_MAX, inProgress = SIZE_MAX;
        for (std::size_t c = 0; c < ts.seriesCount(); ++c) {
            if (ts.name(c) == "jobs.depth") depth = c;
            if (ts.name(c) == g.name + ".in_progress") inProgress = c;
        }
        if (depth == SIZE_MAX || inProgress == SIZE_MAX || ts.rowCount() == 0) qFatal("missing sampled series");
        double sumL = 0, sumLq = 0;
        for (std::size_t r = 0; r < ts.rowCount(); ++r) {
            sumL += ts.valueAt(r, depth) + ts.valueAt(r, inProgress);
            sumLq += ts.valueAt(r, depth);
        }
        e.lSampled.push_back(sumL / static_cast<double>(ts.rowCount()));
        e.lqSampled.push_back(sumLq / static_cast<double>(ts.rowCount()));
    }
    return e;
}

// Compares the mean of per-seed estimates with theory; prints the numbers; returns whether it holds.
bool agrees(const QString& what, const std::vector<double>& perSeed, double theory, QString* why)
{
    const Stat st = statOf(perSeed);
    const double diff = st.mean - theory;
    const double rel = diff / theory;
    const bool inSe = std::abs(diff) < kSeMultiple * st.se;
    const bool inRel = std::abs(rel) < kRelCeiling;
    const QString line = QStringLiteral("%1: measured %2 ± %3 (SE, %4 seeds), theory %5, diff %6% = %7 SE -> %8")
                             .arg(what)
                             .arg(st.mean, 0, 'g', 6)
                             .arg(st.se, 0, 'g', 3)
                             .arg(perSeed.size())
                             .arg(theory, 0, 'g', 6)
                             .arg(100 * rel, 0, 'f', 2)
                             .arg(st.se > 0 ? diff / st.se : 0.0, 0, 'f', 2)
                             .arg(inSe && inRel ? "ok" : "OUT OF TOLERANCE");
    qInfo().noquote() << line;
    *why = line;
    return inSe && inRel;
}

#define CHECK_THEORY(what, perSeed, theory)                                                                  \
    do {                                                                                                     \
        QString why_;                                                                                        \
        QVERIFY2(agrees(what, perSeed, theory, &why_), qPrintable(why_));                                    \
    } while (0)

// The formulas live in the engine (metrics/QueueTheory), where the window's reference lines use them too.
using es::theory::erlangC;

std::vector<double> productOf(const std::vector<double>& a, const std::vector<double>& b)
{
    std::vector<double> out;
    for (std::size_t i = 0; i < a.size(); ++i) out.push_back(a[i] * b[i]);
    return out;
}

const std::string kMm1 = SCENARIOS_DIR "/bench/mm1.yaml";
const std::string kMmc = SCENARIOS_DIR "/bench/mmc.yaml";

QString rateText(double perSecond) { return QString::number(perSecond) + QStringLiteral("/s"); }

} // namespace

class TestTheory : public QObject {
    Q_OBJECT
private slots:
    void erlangCFormula();
    void mm1_data();
    void mm1();
    void mmc_data();
    void mmc();
    void md1();
    void mg1_data();
    void mg1();
    void littlesLaw();
};

// The helper itself, against textbook values, so a wrong formula here cannot hide an engine bug.
void TestTheory::erlangCFormula()
{
    // c = 1 reduces to M/M/1: P(wait) = ρ.
    QVERIFY(std::abs(erlangC(1, 8, 10) - 0.8) < 1e-12);
    // c = 2, a = 1 (ρ = 0.5): C = (a²/2 / (1-ρ)) / (1 + a + a²/2/(1-ρ)) = 1 / 3.
    QVERIFY(std::abs(erlangC(2, 10, 10) - 1.0 / 3.0) < 1e-12);
    // c = 4, a = 3.2 (ρ = 0.8): (a⁴/4!/(1-ρ)) / (1 + a + a²/2 + a³/6 + a⁴/4!/(1-ρ)) = 0.5964325.
    QVERIFY(std::abs(erlangC(4, 32, 10) - 0.5964325) < 1e-6);
    // c = 2, a = 1.5 (ρ = 0.75): 9/14.
    QVERIFY(std::abs(erlangC(2, 15, 10) - 9.0 / 14.0) < 1e-12);
}

void TestTheory::mm1_data()
{
    QTest::addColumn<double>("lambda");
    QTest::addColumn<double>("mu");
    QTest::addColumn<double>("seconds");
    QTest::addColumn<quint64>("seedBase");
    // Lengths chosen so that SE is about 1% of Wq or less (the variance of a mean wait grows like
    // 1/(1-ρ)^4).
    QTest::newRow("lambda=5 mu=10") << 5.0 << 10.0 << 4000.0 << quint64(1100);
    QTest::newRow("lambda=8 mu=10") << 8.0 << 10.0 << 20000.0 << quint64(1200);
}

void TestTheory::mm1()
{
    QFETCH(double, lambda);
    QFETCH(double, mu);
    QFETCH(double, seconds);
    QFETCH(quint64, seedBase);
    const Estimates e = runCase(kMm1,
                                {{"services.source.rate", rateText(lambda).toStdString()},
                                 {"services.server.service_time.exponential.rate", rateText(mu).toStdString()}},
                                seconds, seedBase);
    const double rho = lambda / mu;
    const QString tag = QStringLiteral("M/M/1 λ=%1 μ=%2 (ρ=%3, T=%4 s)").arg(lambda).arg(mu).arg(rho).arg(seconds);
    qInfo().noquote() << tag;
    CHECK_THEORY("  Wq = ρ/(μ-λ)", e.wq, rho / (mu - lambda));
    CHECK_THEORY("  W  = 1/(μ-λ)", e.w, 1 / (mu - lambda));
    CHECK_THEORY("  utilisation = ρ", e.util, rho);
    CHECK_THEORY("  throughput = λ", e.lambda, lambda);
}

void TestTheory::mmc_data()
{
    QTest::addColumn<int>("c");
    QTest::addColumn<double>("lambda");
    QTest::addColumn<double>("mu");
    QTest::addColumn<double>("seconds");
    QTest::addColumn<quint64>("seedBase");
    QTest::newRow("c=2 lambda=15 mu=10") << 2 << 15.0 << 10.0 << 8000.0 << quint64(2200); // ρ = 0.75
    QTest::newRow("c=4 lambda=32 mu=10") << 4 << 32.0 << 10.0 << 8000.0 << quint64(2400); // ρ = 0.8
}

void TestTheory::mmc()
{
    QFETCH(int, c);
    QFETCH(double, lambda);
    QFETCH(double, mu);
    QFETCH(double, seconds);
    QFETCH(quint64, seedBase);
    const Estimates e = runCase(kMmc,
                                {{"services.source.rate", rateText(lambda).toStdString()},
                                 {"services.server.concurrency", std::to_string(c)},
                                 {"services.server.service_time.exponential.rate", rateText(mu).toStdString()}},
                                seconds, seedBase);
    const double rho = lambda / (c * mu);
    const double pWait = erlangC(c, lambda, mu);
    const double wq = pWait / (c * mu - lambda);
    qInfo().noquote() << QStringLiteral("M/M/%1 λ=%2 μ=%3 (ρ=%4, Erlang C P(wait)=%5, T=%6 s)")
                             .arg(c).arg(lambda).arg(mu).arg(rho).arg(pWait, 0, 'g', 5).arg(seconds);
    CHECK_THEORY("  Wq = C/(cμ-λ)", e.wq, wq);
    CHECK_THEORY("  W  = Wq + 1/μ", e.w, wq + 1 / mu);
    CHECK_THEORY("  utilisation = ρ", e.util, rho);
    CHECK_THEORY("  throughput = λ", e.lambda, lambda);
}

void TestTheory::md1()
{
    const double lambda = 8, mu = 10, seconds = 10000; // service time constant 100 ms
    const Estimates e = runCase(kMm1, {{"services.source.rate", rateText(lambda).toStdString()},
                                       {"services.server.service_time", "100ms"}},
                                seconds, 3000);
    const double rho = lambda / mu;
    const double wq = rho / (2 * mu * (1 - rho)); // Pollaczek–Khinchine with zero service variance
    qInfo().noquote() << QStringLiteral("M/D/1 λ=%1 D=100 ms (ρ=%2, T=%3 s)").arg(lambda).arg(rho).arg(seconds);
    CHECK_THEORY("  Wq = ρ/(2μ(1-ρ))", e.wq, wq);
    CHECK_THEORY("  W  = Wq + 1/μ", e.w, wq + 1 / mu);
    CHECK_THEORY("  utilisation = ρ", e.util, rho);
    // Half the M/M/1 wait at the same load: the check above would fail for exponential service.
    QVERIFY(wq < 0.5 * (rho / (mu - lambda)) + 1e-12);
}

// M/G/1 by Pollaczek–Khinchine, Wq = λ E[S²] / (2(1 − ρ)), with service times neither exponential
// nor constant: uniform (less variable than exponential: a shorter wait) and lognormal (more
// variable: a longer one), E[S] and E[S²] from the distribution (Distribution::secondMoment).
void TestTheory::mg1_data()
{
    QTest::addColumn<double>("lambda");
    QTest::addColumn<QString>("service");
    QTest::newRow("uniform 50-150 ms") << 8.0 << QStringLiteral("{uniform: {min: 50ms, max: 150ms}}");
    QTest::newRow("lognormal median 80 ms p99 300 ms") << 6.0 << QStringLiteral("{lognormal: {median: 80ms, p99: 300ms}}");
}

void TestTheory::mg1()
{
    QFETCH(double, lambda);
    QFETCH(QString, service);
    const double seconds = 10000;
    const es::Scenario sc = es::loadScenarioFile(kMm1, {{"services.server.service_time", service.toStdString()}});
    const es::Distribution& s = sc.services[1].consumer->serviceTime;
    const double es1 = s.mean(), es2 = s.secondMoment();
    const Estimates e = runCase(kMm1, {{"services.source.rate", rateText(lambda).toStdString()},
                                       {"services.server.service_time", service.toStdString()}},
                                seconds, service.startsWith("{u") ? 4000 : 5000);
    const double rho = lambda * es1;
    const double wq = es::theory::mg1MeanWait(lambda, es1, es2);
    qInfo().noquote() << QStringLiteral("M/G/1 λ=%1 S=%2 (ρ=%3, E[S²]/E[S]²=%4, T=%5 s)").arg(lambda).arg(service).arg(rho).arg(es2 / (es1 * es1)).arg(seconds);
    CHECK_THEORY("  Wq = λE[S²]/(2(1-ρ))", e.wq, wq);
    CHECK_THEORY("  W  = Wq + E[S]", e.w, wq + es1);
    CHECK_THEORY("  utilisation = ρ", e.util, rho);
}

// Little's law, L = λW, with L measured independently of W: the time average of the sampled
// "jobs.depth" + "server.in_progress" columns (every 0.5 s), against λ x W where λ is the measured
// rate of service starts and W the mean sojourn from the latency histogram; likewise Lq = λ Wq with
// the depth column alone. Both sides come from the same sample path, so per seed they differ only by
// the sampling error of a 0.5 s grid (a few tenths of a percent here) and edge effects at t = 0 and
// t = T (jobs still in the system at the end, O(L W / T)); tolerances as above. Also checks L against
// the M/M/1 formula ρ/(1-ρ), so that a sampler that agrees with a wrong latency cannot pass.
void TestTheory::littlesLaw()
{
    const double lambda = 8, mu = 10, seconds = 10000;
    const Estimates e = runCase(kMm1, {{"services.source.rate", rateText(lambda).toStdString()}}, seconds, 4000);
    const double rho = lambda / mu;
    qInfo().noquote() << QStringLiteral("Little's law on M/M/1 λ=%1 μ=%2 (T=%3 s, sampled every 0.5 s)")
                             .arg(lambda).arg(mu).arg(seconds);
    // Per seed: L_sampled / (λ W) - 1, which should be 0.
    std::vector<double> ratioL, ratioLq;
    const std::vector<double> lw = productOf(e.lambda, e.w), lwq = productOf(e.lambda, e.wq);
    for (std::size_t i = 0; i < e.w.size(); ++i) {
        ratioL.push_back(e.lSampled[i] / lw[i]);
        ratioLq.push_back(e.lqSampled[i] / lwq[i]);
    }
    CHECK_THEORY("  L(sampled) / (λW)", ratioL, 1.0);
    CHECK_THEORY("  Lq(sampled) / (λWq)", ratioLq, 1.0);
    CHECK_THEORY("  L(sampled) = ρ/(1-ρ)", e.lSampled, rho / (1 - rho));
    CHECK_THEORY("  Lq(sampled) = ρ²/(1-ρ)", e.lqSampled, rho * rho / (1 - rho));
    // The engine's own time-averages (exact integrals, not samples): L, Lq and the busy servers.
    std::vector<double> ratioExact;
    for (std::size_t i = 0; i < e.w.size(); ++i) ratioExact.push_back(e.lExact[i] / lw[i]);
    CHECK_THEORY("  L(exact) / (λW)", ratioExact, 1.0);
    CHECK_THEORY("  L(exact) = ρ/(1-ρ)", e.lExact, rho / (1 - rho));
    CHECK_THEORY("  Lq(exact) = ρ²/(1-ρ)", e.lqExact, rho * rho / (1 - rho));
    CHECK_THEORY("  Ls(exact) = ρ", e.lsExact, rho);
}

QTEST_GUILESS_MAIN(TestTheory)
#include "tst_theory.moc"

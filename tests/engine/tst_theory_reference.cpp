// Which scenarios queueing theory describes (run/TheoryReference), and the values it gives:
// the bench M/M/1 and M/M/c, an M/D/1 and an M/G/1 made from the M/M/1 by overrides; a log lesson, a failure
// or an error rate rule the theory out.
#include "metrics/QueueTheory.h"
#include "random/Distribution.h"
#include "run/TheoryReference.h"
#include "scenario/ScenarioLoader.h"

#include <QtTest>

#include <cmath>
#include <vector>

class TestTheoryReference : public QObject {
    Q_OBJECT

    static es::Scenario load(const char* file, const std::vector<std::string>& sets = {})
    {
        std::vector<es::Override> o;
        for (const std::string& s : sets) o.push_back(es::parseOverride(s));
        return es::loadScenarioFile(std::string(SCENARIOS_DIR) + file, o);
    }

private slots:
    void mm1()
    {
        const auto r = es::theoryFor(load("/bench/mm1.yaml"));
        QVERIFY(r);
        QCOMPARE(QString::fromStdString(r->model), QString("M/M/1"));
        QCOMPARE(QString::fromStdString(r->group), QString("server"));
        QVERIFY(std::abs(r->meanWait - 0.4) < 1e-12);    // ρ/(μ-λ) = 0.8/2
        QVERIFY(std::abs(r->meanSojourn - 0.5) < 1e-12); // 1/(μ-λ)
    }
    void mmc()
    {
        const auto r = es::theoryFor(load("/bench/mmc.yaml"));
        QVERIFY(r);
        QCOMPARE(QString::fromStdString(r->model), QString("M/M/4"));
        QVERIFY(std::abs(r->meanWait - 0.5964325 / 8) < 1e-6); // C(4, 3.2) / (cμ - λ)
        QVERIFY(std::abs(r->meanSojourn - (0.5964325 / 8 + 0.1)) < 1e-6);
    }
    void md1()
    {
        const auto r = es::theoryFor(load("/bench/mm1.yaml", {"services.server.service_time=100ms"}));
        QVERIFY(r);
        QCOMPARE(QString::fromStdString(r->model), QString("M/D/1"));
        QVERIFY(std::abs(r->meanWait - 0.2) < 1e-12); // ρd/(2(1-ρ)) = 0.08/0.4
    }
    void mg1()
    {
        // Uniform 50..150 ms: E[S] = 0.1, E[S²] = (0.05² + 0.05·0.15 + 0.15²)/3; λ = 8.
        const auto r = es::theoryFor(load("/bench/mm1.yaml", {"services.server.service_time={uniform: {min: 50ms, max: 150ms}}"}));
        QVERIFY(r);
        QCOMPARE(QString::fromStdString(r->model), QString("M/G/1"));
        const double es2 = (0.05 * 0.05 + 0.05 * 0.15 + 0.15 * 0.15) / 3;
        QVERIFY(std::abs(r->meanWait - 8 * es2 / (2 * (1 - 0.8))) < 1e-12);
        QVERIFY(std::abs(r->meanSojourn - (r->meanWait + 0.1)) < 1e-12);
        // M/G/1 with exponential moments is M/M/1, with a constant one M/D/1.
        QVERIFY(std::abs(es::theory::mg1MeanWait(8, 0.1, 2 * 0.01) - es::theory::mmcMeanWait(1, 8, 10)) < 1e-12);
        QVERIFY(std::abs(es::theory::mg1MeanWait(8, 0.1, 0.01) - es::theory::md1MeanWait(8, 0.1)) < 1e-12);
        // No finite second moment (Pareto with shape 2), or none in closed form (truncated normal):
        // nothing drawn rather than a wrong line.
        QVERIFY(!es::theoryFor(load("/bench/mm1.yaml", {"services.server.service_time={pareto: {scale: 50ms, shape: 2}}"})));
        QVERIFY(!es::theoryFor(load("/bench/mm1.yaml", {"services.server.service_time={normal: {mean: 100ms, sd: 20ms}}"})));
    }
    // The second moments the M/G/1 line uses, against ∫ Q(p)² dp computed from each distribution's
    // own quantile function (midpoint rule, 2·10^5 steps): independent of the closed forms.
    void secondMomentsMatchTheirQuantiles()
    {
        const std::vector<es::Distribution> ds = {
            es::Distribution::constant(0.2), es::Distribution::uniform(0.05, 0.15), es::Distribution::exponential(0.1),
            es::Distribution::lognormalMedianP99(0.08, 0.3), es::Distribution::pareto(0.05, 3.5),
            es::Distribution::empirical({{0, 0.01}, {0.5, 0.05}, {0.9, 0.2}, {1, 0.5}})};
        for (const es::Distribution& d : ds) {
            constexpr int n = 200000;
            double sum = 0;
            for (int i = 0; i < n; ++i) {
                const double q = d.quantile((i + 0.5) / n);
                sum += q * q / n;
            }
            // The tails of the exponential, lognormal and Pareto past the last midpoint are left out:
            // a few parts in 10^4 at most here.
            QVERIFY2(std::abs(sum - d.secondMoment()) <= 2e-3 * d.secondMoment(),
                     qPrintable(QStringLiteral("%1: %2 vs %3").arg(QString::fromStdString(d.describe())).arg(sum).arg(d.secondMoment())));
        }
        QVERIFY(std::isinf(es::Distribution::pareto(0.05, 2).secondMoment()));
    }
    void notDescribed()
    {
        QVERIFY(!es::theoryFor(load("/lessons/consumer-catch-up.yaml")));
        QVERIFY(!es::theoryFor(load("/bench/mm1.yaml", {"services.server.errors=1%"})));
        QVERIFY(!es::theoryFor(load("/bench/mm1.yaml", {"services.source.rate=12/s"}))); // ρ > 1: no steady state
        QVERIFY(std::isinf(es::theory::mmcMeanWait(1, 12, 10)));
    }
};

QTEST_GUILESS_MAIN(TestTheoryReference)
#include "tst_theory_reference.moc"

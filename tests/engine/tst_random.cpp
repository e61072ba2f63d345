// Tests for the reproducible random streams and the duration distributions.
// Every run uses fixed seeds, so results are deterministic; the statistical tolerances below are set
// so that a correct implementation passes for almost any seed (about 4 standard errors), while the
// typical mistakes (bias, wrong parameterisation, shared state) miss them by a wide margin.
#include <QtTest>

#include "random/Distribution.h"
#include "random/RandomStream.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

using es::Distribution;
using es::RandomStream;

Q_DECLARE_METATYPE(es::Distribution)

namespace {

constexpr int kDraws = 200'000;

std::vector<double> drawSorted(const Distribution& d, RandomStream rng, int n = kDraws)
{
    std::vector<double> v(static_cast<std::size_t>(n));
    for (auto& x : v) x = d.sample(rng);
    std::sort(v.begin(), v.end());
    return v;
}

double meanOf(const std::vector<double>& v)
{
    double s = 0;
    for (double x : v) s += x;
    return s / static_cast<double>(v.size());
}

double sdOf(const std::vector<double>& v)
{
    const double m = meanOf(v);
    double s = 0;
    for (double x : v) s += (x - m) * (x - m);
    return std::sqrt(s / static_cast<double>(v.size() - 1));
}

// Empirical quantile of sorted data (nearest rank).
double sampleQuantile(const std::vector<double>& sorted, double q)
{
    const auto i = static_cast<std::size_t>(q * static_cast<double>(sorted.size()));
    return sorted[std::min(i, sorted.size() - 1)];
}

double pearson(const std::vector<double>& x, const std::vector<double>& y)
{
    const double mx = meanOf(x);
    const double my = meanOf(y);
    double sxy = 0, sxx = 0, syy = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
        syy += (y[i] - my) * (y[i] - my);
    }
    return sxy / std::sqrt(sxx * syy);
}

double chiSquare(const std::vector<int>& counts, double expected)
{
    double chi2 = 0;
    for (int c : counts) chi2 += (c - expected) * (c - expected) / expected;
    return chi2;
}

std::vector<std::uint32_t> firstU32(RandomStream rng, int n)
{
    std::vector<std::uint32_t> v(static_cast<std::size_t>(n));
    for (auto& x : v) x = rng.nextU32();
    return v;
}

} // namespace

class TestRandom : public QObject {
    Q_OBJECT

private slots:
    void pcg32KnownAnswer();
    void determinism();
    void componentStreamIsPinned();
    void streamsAreIndependentObjects();
    void crossCorrelation_data();
    void crossCorrelation();
    void uniformRanges();
    void belowUniformity();
    void belowRangesAndBias_data();
    void belowRangesAndBias();
    void standardNormalMoments();
    void distributionMoments_data();
    void distributionMoments();
    void truncatedNormal();
    void lognormalRecoversMedianP99();
    void empiricalReproducesPoints();
    void paretoHeavyTail();
    void scaledScalesEverything();
    void describeText();
    void badFactoriesThrow();
    void normalQuantileKnownValues();
};

void TestRandom::pcg32KnownAnswer()
{
    // The reference output of pcg32-demo (seed 42, stream 54): guards against a wrong engine or a
    // swapped (seed, stream) argument order.
    RandomStream rng(42, 54);
    const std::uint32_t expected[] = {0xa15c02b7, 0x7b47f409, 0xba1d3330, 0x83d2f293, 0xbfa4784b, 0xcbed606e};
    for (std::uint32_t e : expected) QCOMPARE(rng.nextU32(), e);
}

void TestRandom::determinism()
{
    const auto a = firstU32(RandomStream::forComponent(7, "server.web"), 1000);
    const auto b = firstU32(RandomStream::forComponent(7, "server.web"), 1000);
    QCOMPARE(a, b);

    // Other name, other seed, other salt: different sequences. Two unrelated 32-bit sequences agree
    // at a given position with probability 2^-32, so even one shared value out of 1000 is suspicious.
    const std::vector<std::vector<std::uint32_t>> others = {
        firstU32(RandomStream::forComponent(7, "server.db"), 1000),
        firstU32(RandomStream::forComponent(8, "server.web"), 1000),
        firstU32(RandomStream::forComponent(7, "server.web", 1), 1000),
        firstU32(RandomStream::forComponent(7, "server.weB"), 1000),
    };
    for (const auto& o : others) {
        int same = 0;
        for (std::size_t i = 0; i < a.size(); ++i) same += a[i] == o[i];
        QVERIFY2(same <= 1, qPrintable(QStringLiteral("%1 equal positions").arg(same)));
    }

    // The derived doubles are deterministic too (uniform01 / standardNormal consume the same draws).
    RandomStream x = RandomStream::forComponent(99, "disk");
    RandomStream y = RandomStream::forComponent(99, "disk");
    for (int i = 0; i < 1000; ++i) {
        QCOMPARE(x.uniform01(), y.uniform01());
        QCOMPARE(x.standardNormal(), y.standardNormal());
        QCOMPARE(x.below(1000), y.below(1000));
    }
}

void TestRandom::componentStreamIsPinned()
{
    // Change detector: the derivation of component streams (XXH3 of the name, splitmix64 of the seed)
    // fixes every scenario's results. If this fails, every recorded run changes; update it on purpose.
    RandomStream rng = RandomStream::forComponent(1, "arrivals");
    const auto got = firstU32(rng, 4);
    const std::vector<std::uint32_t> pinned = {0x5124b6f5, 0xff49ed17, 0xfdd76c48, 0x0cdbff3d};
    QCOMPARE(got, pinned);
}

void TestRandom::streamsAreIndependentObjects()
{
    // Drawing extra numbers from A (and creating another component in between) must not shift B.
    RandomStream b1 = RandomStream::forComponent(5, "B");
    const auto expected = firstU32(b1, 1000);

    RandomStream a = RandomStream::forComponent(5, "A");
    RandomStream b2 = RandomStream::forComponent(5, "B");
    for (int i = 0; i < 37; ++i) a.nextU64();
    a.standardNormal(); // leaves a spare cached in A only
    RandomStream c = RandomStream::forComponent(5, "C");
    c.uniform01();
    std::vector<std::uint32_t> got;
    for (int i = 0; i < 1000; ++i) {
        got.push_back(b2.nextU32());
        a.nextU32();
    }
    QCOMPARE(got, expected);
}

void TestRandom::crossCorrelation_data()
{
    QTest::addColumn<quint64>("seedA");
    QTest::addColumn<QString>("nameA");
    QTest::addColumn<quint64>("seedB");
    QTest::addColumn<QString>("nameB");
    QTest::newRow("different components") << quint64(1) << "arrivals" << quint64(1) << "service";
    QTest::newRow("names one char apart") << quint64(1) << "worker-1" << quint64(1) << "worker-2";
    QTest::newRow("adjacent run seeds") << quint64(1) << "arrivals" << quint64(2) << "arrivals";
    QTest::newRow("seed 0 and 1") << quint64(0) << "x" << quint64(1) << "x";
}

void TestRandom::crossCorrelation()
{
    QFETCH(quint64, seedA);
    QFETCH(QString, nameA);
    QFETCH(quint64, seedB);
    QFETCH(QString, nameB);
    const std::string na = nameA.toStdString();
    const std::string nb = nameB.toStdString();
    RandomStream a = RandomStream::forComponent(seedA, na);
    RandomStream b = RandomStream::forComponent(seedB, nb);
    constexpr int n = 100'000;
    std::vector<double> x(n), y(n), y1(n);
    for (int i = 0; i < n; ++i) {
        x[i] = a.uniform01();
        y[i] = b.uniform01();
    }
    // Also lag 1 (x_i against y_{i+1}), which catches streams that are shifted copies of each other.
    std::copy(y.begin() + 1, y.end(), y1.begin());
    y1[n - 1] = y[0];
    // For independent streams r ~ N(0, 1/n): sd 0.0032. The required bound 0.01 is 3.2 standard
    // errors (a correct generator misses it for about 1 seed pair in 600); lag 1 gets 4 (0.0127).
    const double r0 = pearson(x, y);
    const double r1 = pearson(x, y1);
    QVERIFY2(std::fabs(r0) < 0.01, qPrintable(QStringLiteral("r = %1").arg(r0)));
    QVERIFY2(std::fabs(r1) < 0.0127, qPrintable(QStringLiteral("lag-1 r = %1").arg(r1)));
}

void TestRandom::uniformRanges()
{
    RandomStream a = RandomStream::forComponent(3, "u");
    RandomStream b = RandomStream::forComponent(3, "u");
    constexpr int n = 100'000;
    double sum = 0;
    bool oddSeen = false; // proves the full 53 bits are used, not 32
    for (int i = 0; i < n; ++i) {
        const double u = a.uniform01();
        const double v = b.uniformOpen0();
        QVERIFY(u >= 0.0 && u < 1.0);
        QVERIFY(v > 0.0 && v <= 1.0);
        QCOMPARE(v, 1.0 - u); // same draws: the open-at-0 variant is the mirror image
        const double scaled = std::ldexp(u, 53);
        QCOMPARE(scaled, std::floor(scaled)); // a multiple of 2^-53
        oddSeen = oddSeen || std::fmod(scaled, 2.0) == 1.0;
        sum += u;
    }
    QVERIFY(oddSeen);
    // Mean of U(0,1): sd 1/sqrt(12 n) = 0.00091; 4 standard errors.
    QVERIFY(std::fabs(sum / n - 0.5) < 4 * 0.00091);
}

void TestRandom::belowUniformity()
{
    RandomStream rng = RandomStream::forComponent(11, "below");
    std::vector<int> counts(10, 0);
    constexpr int n = 100'000;
    for (int i = 0; i < n; ++i) {
        const auto k = rng.below(10);
        QVERIFY(k < 10);
        ++counts[k];
    }
    // Chi-square with 9 degrees of freedom: P(chi2 > 27.88) = 0.001.
    const double chi2 = chiSquare(counts, n / 10.0);
    QVERIFY2(chi2 < 27.88, qPrintable(QStringLiteral("chi2 = %1").arg(chi2)));
    QCOMPARE(rng.below(1), std::uint64_t(0));
}

void TestRandom::belowRangesAndBias_data()
{
    // n = 3 * 2^k: a plain modulo over-represents values below 2^k (the low third would get 1/2 of
    // the draws), and an uncorrected multiply-shift over-represents multiples of 3. Both are checked.
    QTest::addColumn<quint64>("n");
    QTest::addColumn<quint64>("third");
    QTest::newRow("3*2^30 (32-bit path)") << quint64(3) * (quint64(1) << 30) << (quint64(1) << 30);
    QTest::newRow("3*2^62 (64-bit path)") << quint64(3) * (quint64(1) << 62) << (quint64(1) << 62);
    QTest::newRow("3 (tiny)") << quint64(3) << quint64(1);
}

void TestRandom::belowRangesAndBias()
{
    QFETCH(quint64, n);
    QFETCH(quint64, third);
    RandomStream rng = RandomStream::forComponent(12, "bias");
    constexpr int draws = 60'000;
    std::vector<int> byThird(3, 0), byMod3(3, 0);
    for (int i = 0; i < draws; ++i) {
        const std::uint64_t k = rng.below(n);
        QVERIFY(k < n);
        ++byThird[k / third];
        ++byMod3[k % 3];
    }
    // Chi-square with 2 degrees of freedom: P(chi2 > 13.82) = 0.001. A biased method gives ~5000.
    const double chiThird = chiSquare(byThird, draws / 3.0);
    const double chiMod3 = chiSquare(byMod3, draws / 3.0);
    QVERIFY2(chiThird < 13.82, qPrintable(QStringLiteral("by thirds: chi2 = %1").arg(chiThird)));
    QVERIFY2(chiMod3 < 13.82, qPrintable(QStringLiteral("by value mod 3: chi2 = %1").arg(chiMod3)));

    // The extremes of the range stay in range.
    for (std::uint64_t m : {std::uint64_t(0xffffffff), std::uint64_t(0x100000000), std::uint64_t(0x100000001),
                            std::numeric_limits<std::uint64_t>::max()})
        for (int i = 0; i < 1000; ++i) QVERIFY(rng.below(m) < m);
}

void TestRandom::standardNormalMoments()
{
    RandomStream rng = RandomStream::forComponent(21, "normal");
    std::vector<double> z(kDraws);
    for (auto& x : z) x = rng.standardNormal();
    // Mean: SE 1/sqrt(n) = 0.0022; variance: SE sqrt(2/n) = 0.0032; 4 standard errors each.
    QVERIFY(std::fabs(meanOf(z)) < 4 * 0.0022);
    const double sd = sdOf(z);
    QVERIFY(std::fabs(sd * sd - 1.0) < 4 * 0.0032);
    // Shape: P(|Z| < 1.959964) = 0.95, SE sqrt(.95 * .05 / n) = 0.00049.
    const auto inside = std::count_if(z.begin(), z.end(), [](double x) { return std::fabs(x) < 1.959964; });
    QVERIFY(std::fabs(double(inside) / kDraws - 0.95) < 4 * 0.00049);
}

void TestRandom::distributionMoments_data()
{
    QTest::addColumn<Distribution>("dist");
    QTest::newRow("constant") << Distribution::constant(0.005);
    QTest::newRow("uniform") << Distribution::uniform(0.010, 0.030);
    QTest::newRow("exponential") << Distribution::exponential(0.020);
    QTest::newRow("normal, hardly truncated") << Distribution::normal(0.020, 0.005);
    QTest::newRow("normal, mean = sd / 2") << Distribution::normal(0.010, 0.020);
    QTest::newRow("normal, mean 0") << Distribution::normal(0.0, 0.010);
    QTest::newRow("normal, mean -1 sd") << Distribution::normal(-0.010, 0.010);
    QTest::newRow("normal, mean -5 sd") << Distribution::normal(-0.050, 0.010);
    QTest::newRow("lognormal") << Distribution::lognormalMedianP99(0.020, 0.120);
    QTest::newRow("pareto shape 3") << Distribution::pareto(0.001, 3.0);
    QTest::newRow("empirical") << Distribution::empirical({{0, 0.001}, {0.5, 0.010}, {0.9, 0.050}, {1, 0.200}});
}

void TestRandom::distributionMoments()
{
    QFETCH(Distribution, dist);
    const auto v = drawSorted(dist, RandomStream::forComponent(31, QTest::currentDataTag()));
    // Tolerance on the mean: 4 standard errors (sample sd / sqrt(n)), plus rounding slack.
    const double tol = 4 * sdOf(v) / std::sqrt(double(kDraws)) + 1e-12 * dist.mean();
    QVERIFY2(std::fabs(meanOf(v) - dist.mean()) <= tol,
             qPrintable(QStringLiteral("sample mean %1, mean() %2, tol %3").arg(meanOf(v)).arg(dist.mean()).arg(tol)));
    // Quantiles: quantile(q) must lie inside the distribution-free confidence interval of the sample
    // quantile, the order statistics at ranks n * (q -/+ 4 * sqrt(q(1 - q) / n)) (4 standard errors).
    // A fixed relative tolerance would be wrong at kinks of the empirical table, where the density
    // jumps; for the smooth shapes here the interval is 1-4% wide, so this is "within a few %".
    for (double q : {0.5, 0.9, 0.99}) {
        const double want = dist.quantile(q);
        const double se = std::sqrt(q * (1 - q) / kDraws);
        const double lo = sampleQuantile(v, q - 4 * se);
        const double hi = sampleQuantile(v, q + 4 * se);
        QVERIFY2(lo <= want && want <= hi,
                 qPrintable(QStringLiteral("q %1: quantile() %2 outside sample interval [%3, %4]; sample quantile %5")
                                .arg(q).arg(want).arg(lo).arg(hi).arg(sampleQuantile(v, q))));
        QVERIFY(hi - lo <= 0.2 * want); // sanity: the interval is narrow enough to mean something
    }
    QVERIFY(v.front() >= 0); // durations
}

void TestRandom::truncatedNormal()
{
    // Exact analytic values (computed with mpmath at 40 digits).
    QVERIFY(std::fabs(Distribution::normal(0, 1).mean() - 0.7978845608028654) < 1e-12);           // sqrt(2/pi)
    QVERIFY(std::fabs(Distribution::normal(1, 2).mean() - 2.018320867674067) < 1e-12);
    QVERIFY(std::fabs(Distribution::normal(-5, 1).mean() - 0.18650396712584212) < 1e-12);
    QVERIFY(std::fabs(Distribution::normal(-40, 1).mean() - 0.024968847207263723) < 1e-12);       // far tail
    QVERIFY(std::fabs(Distribution::normal(0, 1).quantile(0.5) - 0.6744897501960817) < 1e-9);    // half-normal median
    QVERIFY(std::fabs(Distribution::normal(-5, 1).quantile(0.5) - 0.13201833204429846) < 1e-9);
    QVERIFY(std::fabs(Distribution::normal(-5, 1).quantile(0.99) - 0.82436454450843396) < 1e-9);
    // 4 sd above 0: the truncation nudges the median up by only 2e-7.
    QVERIFY(std::fabs(Distribution::normal(0.02, 0.005).quantile(0.5) - 0.020000198470075731) < 1e-13);

    // Never negative, even when almost all of the untruncated mass is below 0, and never collapsed to 0.
    for (const auto& d : {Distribution::normal(0.0, 0.01), Distribution::normal(-0.03, 0.01),
                          Distribution::normal(-1.0, 0.01), Distribution::normal(0.01, 0.1)}) {
        RandomStream rng = RandomStream::forComponent(41, "truncated");
        int zeros = 0;
        for (int i = 0; i < 50'000; ++i) {
            const double x = d.sample(rng);
            QVERIFY(x >= 0);
            zeros += x == 0;
        }
        QVERIFY(zeros < 5);
    }
    // sd 0: a constant at max(0, mean).
    RandomStream rng = RandomStream::forComponent(41, "sd0");
    QCOMPARE(Distribution::normal(0.02, 0).sample(rng), 0.02);
    QCOMPARE(Distribution::normal(-0.02, 0).sample(rng), 0.0);
    QCOMPARE(Distribution::normal(-0.02, 0).mean(), 0.0);
}

void TestRandom::lognormalRecoversMedianP99()
{
    const auto d = Distribution::lognormalMedianP99(0.020, 0.120);
    QVERIFY(std::fabs(d.quantile(0.5) - 0.020) < 1e-15);
    QVERIFY(std::fabs(d.quantile(0.99) - 0.120) < 1e-12);
    const auto v = drawSorted(d, RandomStream::forComponent(51, "lognormal"));
    // Sampling error of the median ~0.3%, of the p99 ~0.7% (relative sd).
    QVERIFY(std::fabs(sampleQuantile(v, 0.5) / 0.020 - 1) < 0.015);
    QVERIFY(std::fabs(sampleQuantile(v, 0.99) / 0.120 - 1) < 0.03);

    // p99 == median: no spread at all.
    const auto flat = Distribution::lognormalMedianP99(0.007, 0.007);
    RandomStream rng = RandomStream::forComponent(51, "flat");
    for (int i = 0; i < 100; ++i) QCOMPARE(flat.sample(rng), 0.007);
    QCOMPARE(flat.mean(), 0.007);
}

void TestRandom::empiricalReproducesPoints()
{
    const auto d = Distribution::empirical({{0, 0.001}, {0.5, 0.010}, {0.9, 0.050}, {1, 0.200}});
    QCOMPARE(d.quantile(0.5), 0.010);
    QCOMPARE(d.quantile(0.9), 0.050);
    QVERIFY(std::fabs(d.quantile(0.25) - 0.0055) < 1e-15);
    QVERIFY(std::fabs(d.quantile(0.95) - 0.125) < 1e-15);
    // Trapezoids: 0.5 * 0.0055 + 0.4 * 0.030 + 0.1 * 0.125.
    QVERIFY(std::fabs(d.mean() - 0.02725) < 1e-15);

    const auto v = drawSorted(d, RandomStream::forComponent(61, "empirical"));
    QVERIFY(v.front() >= 0.001 && v.back() <= 0.200);
    // The fraction of draws at or below each point's value is its p (SE <= 0.0011; 4 SE).
    for (auto [p, value] : {std::pair{0.5, 0.010}, std::pair{0.9, 0.050}}) {
        const double frac = double(std::upper_bound(v.begin(), v.end(), value) - v.begin()) / kDraws;
        QVERIFY2(std::fabs(frac - p) < 0.0045, qPrintable(QStringLiteral("P(X <= %1) = %2").arg(value).arg(frac)));
    }

    // Two points at the same p make a jump: values 1 with probability 0.3, else 2, nothing between.
    const auto step = Distribution::empirical({{0, 1}, {0.3, 1}, {0.3, 2}, {1, 2}});
    QVERIFY(std::fabs(step.mean() - 1.7) < 1e-12);
    RandomStream rng = RandomStream::forComponent(61, "step");
    int ones = 0;
    for (int i = 0; i < 100'000; ++i) {
        const double x = step.sample(rng);
        QVERIFY(x == 1 || x == 2);
        ones += x == 1;
    }
    QVERIFY(std::fabs(ones / 100'000.0 - 0.3) < 4 * 0.00145);
}

void TestRandom::paretoHeavyTail()
{
    QCOMPARE(Distribution::pareto(0.001, 1.0).mean(), std::numeric_limits<double>::infinity());
    QCOMPARE(Distribution::pareto(0.001, 0.5).mean(), std::numeric_limits<double>::infinity());
    QVERIFY(std::fabs(Distribution::pareto(0.002, 1.5).mean() - 0.006) < 1e-15);
    const auto d = Distribution::pareto(0.001, 1.2);
    // Quantile x_q = scale * (1 - q)^(-1/shape).
    QVERIFY(std::fabs(d.quantile(0.99) - 0.001 * std::pow(100.0, 1 / 1.2)) < 1e-15);
    const auto v = drawSorted(d, RandomStream::forComponent(71, "pareto"));
    QVERIFY(v.front() >= 0.001);
    QVERIFY(std::fabs(sampleQuantile(v, 0.9) / d.quantile(0.9) - 1) < 0.03);
}

void TestRandom::scaledScalesEverything()
{
    const std::vector<Distribution> all = {
        Distribution::constant(0.005),
        Distribution::uniform(0.010, 0.030),
        Distribution::exponential(0.020),
        Distribution::normal(-0.010, 0.010),
        Distribution::lognormalMedianP99(0.020, 0.120),
        Distribution::pareto(0.001, 3.0),
        Distribution::empirical({{0, 0.001}, {0.5, 0.010}, {1, 0.200}}),
    };
    for (const auto& d : all) {
        const auto s = d.scaled(3.0);
        QCOMPARE(s.kind(), d.kind());
        QVERIFY2(std::fabs(s.mean() / d.mean() - 3.0) < 1e-12, qPrintable(QString::fromStdString(d.describe())));
        for (double q : {0.1, 0.5, 0.99}) QVERIFY(std::fabs(s.quantile(q) / d.quantile(q) - 3.0) < 1e-12);
        // And the samples follow: sample mean within 4 standard errors of 3 * mean().
        const auto v = drawSorted(s, RandomStream::forComponent(81, "scaled"), 50'000);
        QVERIFY(std::fabs(meanOf(v) - 3 * d.mean()) <= 4 * sdOf(v) / std::sqrt(50'000.0) + 1e-12);
    }
    QCOMPARE(Distribution::lognormalMedianP99(0.020, 0.120).scaled(2).describe(),
             std::string("lognormal(median 40ms, p99 240ms)"));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Distribution::exponential(1).scaled(-1));
}

void TestRandom::describeText()
{
    QCOMPARE(Distribution::exponential(0.020).describe(), std::string("exponential(mean 20ms)"));
    QCOMPARE(Distribution::lognormalMedianP99(0.020, 0.120).describe(),
             std::string("lognormal(median 20ms, p99 120ms)"));
    QCOMPARE(Distribution::constant(250e-9).describe(), std::string("constant(250ns)"));
    QCOMPARE(Distribution::constant(1.5e-6).describe(), std::string("constant(1.5us)"));
    QCOMPARE(Distribution::constant(0).describe(), std::string("constant(0s)"));
    QCOMPARE(Distribution::uniform(0.001, 2).describe(), std::string("uniform(1ms to 2s)"));
    QCOMPARE(Distribution::normal(0.020, 0.005).describe(), std::string("normal(mean 20ms, sd 5ms)"));
    QCOMPARE(Distribution::pareto(0.001, 1.5).describe(), std::string("pareto(scale 1ms, shape 1.5)"));
    QCOMPARE(Distribution::empirical({{0, 0.001}, {0.5, 0.01}, {1, 0.2}}).describe(),
             std::string("empirical(3 points, 1ms to 200ms)"));
    QCOMPARE(Distribution::constant(0.9999999).describe(), std::string("constant(1s)")); // not "1000ms"
    QCOMPARE(Distribution().describe(), std::string("constant(0s)"));
}

void TestRandom::badFactoriesThrow()
{
    using P = std::vector<std::pair<double, double>>;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Distribution::constant(-1));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Distribution::uniform(2, 1));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Distribution::uniform(-1, 1));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Distribution::exponential(-0.001));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Distribution::exponential(std::nan("")));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Distribution::normal(0.02, -0.001));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Distribution::normal(std::numeric_limits<double>::infinity(), 1));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Distribution::lognormalMedianP99(0, 0.1));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Distribution::lognormalMedianP99(-0.01, 0.1));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Distribution::lognormalMedianP99(0.02, 0.01));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Distribution::pareto(0, 2));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Distribution::pareto(0.001, 0));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Distribution::pareto(0.001, -1));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Distribution::empirical(P{}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Distribution::empirical(P{{0, 1}}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Distribution::empirical(P{{0.1, 1}, {1, 2}}));       // no p = 0
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Distribution::empirical(P{{0, 1}, {0.9, 2}}));       // no p = 1
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Distribution::empirical(P{{0, 1}, {0.6, 2}, {0.4, 3}, {1, 4}}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Distribution::empirical(P{{0, 1}, {0.5, 3}, {1, 2}})); // decreasing
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Distribution::empirical(P{{0, -1}, {1, 2}}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Distribution::empirical(P{{0, 1}, {1.5, 2}}));

    // The message says what is wrong.
    try {
        Distribution::empirical(P{{0, 1}, {0.6, 2}, {0.4, 3}, {1, 4}});
        QFAIL("no exception");
    } catch (const std::invalid_argument& e) {
        QVERIFY2(std::string(e.what()).find("not sorted") != std::string::npos, e.what());
    }

    // Edge cases that are valid.
    Distribution::exponential(0);
    Distribution::uniform(1, 1);
    Distribution::lognormalMedianP99(0.02, 0.02);
    Distribution::normal(-1, 0.1);
    Distribution::empirical(P{{0, 1}, {1, 1}});
}

void TestRandom::normalQuantileKnownValues()
{
    // Reference values from mpmath (sqrt(2) * erfinv(2p - 1) at 400 digits).
    struct Case { double p, z; };
    const Case cases[] = {
        {0.5, 0.0},
        {0.975, 1.959963984540054},
        {0.99, 2.3263478740408408},
        {0.025, -1.959963984540054},
        {0.3, -0.5244005127080408},
        {0.9, 1.2815515655446004},
        {0.02425, -1.9729610513118849}, // Acklam's region boundary
        {1e-10, -6.361340902404056},
        {1e-300, -37.047096299361199},
    };
    for (const auto& c : cases) {
        const double z = es::normalQuantile(c.p);
        QVERIFY2(std::fabs(z - c.z) < 1e-9,
                 qPrintable(QStringLiteral("p %1: %2, want %3").arg(c.p).arg(z, 0, 'g', 17).arg(c.z, 0, 'g', 17)));
    }
    QCOMPARE(es::normalQuantile(0.5), 0.0);
    QCOMPARE(es::normalQuantile(0.0), -std::numeric_limits<double>::infinity());
    QCOMPARE(es::normalQuantile(1.0), std::numeric_limits<double>::infinity());
    // Symmetry and monotonicity over a grid.
    double prev = -std::numeric_limits<double>::infinity();
    for (int i = 1; i < 1000; ++i) {
        const double p = i / 1000.0;
        const double z = es::normalQuantile(p);
        QVERIFY(z > prev);
        QVERIFY(std::fabs(z + es::normalQuantile(1.0 - p)) < 1e-12);
        prev = z;
    }
}

QTEST_APPLESS_MAIN(TestRandom)

#include "tst_random.moc"

// Tests for the metrics building blocks: LatencyHistogram (bucket layout, quantiles, exact
// moments, merging, edge values) and TimeSeriesSet (due times, bounded halving, errors).
#include "metrics/LatencyHistogram.h"
#include "metrics/TimeSeries.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <stdexcept>
#include <vector>

using es::LatencyHistogram;
using es::SimTime;
using es::TimeSeriesSet;

namespace {

// A tiny local generator (xorshift64*), so these tests do not depend on the project RNG.
struct XorShift {
    std::uint64_t s;
    explicit XorShift(std::uint64_t seed) : s(seed ? seed : 0x9E3779B97F4A7C15ull) {}
    std::uint64_t next()
    {
        s ^= s >> 12;
        s ^= s << 25;
        s ^= s >> 27;
        return s * 0x2545F4914F6CDD1Dull;
    }
};

// The exact q-quantile of a sample with the histogram's rank convention: the ceil(q*n)-th
// smallest value (rank at least 1); q = 0 is the minimum, q = 1 the maximum.
SimTime exactQuantile(const std::vector<SimTime>& sorted, double q)
{
    const auto n = static_cast<long double>(sorted.size());
    auto rank = static_cast<std::size_t>(std::ceil(static_cast<long double>(q) * n));
    rank = std::clamp<std::size_t>(rank, 1, sorted.size());
    return sorted[rank - 1];
}

const std::vector<double> kQuantiles = {0.0,  0.0001, 0.001, 0.01, 0.05, 0.1,   0.25,   0.5,
                                        0.75, 0.9,    0.95,  0.99, 0.999, 0.9999, 0.99999, 1.0};

void checkQuantilesWithin1Percent(const LatencyHistogram& h, std::vector<SimTime> sample)
{
    std::sort(sample.begin(), sample.end());
    for (double q : kQuantiles) {
        const double exact = es::toSeconds(exactQuantile(sample, q));
        const double got = h.quantileSeconds(q);
        const double tol = 0.01 * std::abs(exact);
        if (!(std::abs(got - exact) <= tol))
            QFAIL(qPrintable(QStringLiteral("q=%1: histogram %2 s, exact %3 s").arg(q).arg(got, 0, 'g', 10).arg(exact, 0, 'g', 10)));
    }
}

} // namespace

class TestMetrics : public QObject {
    Q_OBJECT

private slots:
    // LatencyHistogram
    void bucketLayoutIsConsistent();
    void bucketOfMatchesRangesForManyValues();
    void uniformQuantiles();
    void exponentialQuantiles();
    void exactMeanMinMax();
    void mergeOfHalvesEqualsWhole();
    void emptyHistogramReturnsZeros();
    void hugeAndNegativeValues();

    // TimeSeriesSet
    void seriesDeclaration();
    void rowsAppendedAtDueTimes();
    void halvingMergesPairs();
    void halvingKeepsOddLastRow();
    void longRunStaysBounded();
    void errors();
};

// ---------------------------------------------------------------------------------------------
// LatencyHistogram

void TestMetrics::bucketLayoutIsConsistent()
{
    constexpr int kLast = LatencyHistogram::kBucketCount - 1;
    QCOMPARE(LatencyHistogram::bucketLow(0), std::uint64_t{0});
    QCOMPARE(LatencyHistogram::bucketHigh(kLast), static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()));

    for (int b = 0; b <= kLast; ++b) {
        const std::uint64_t low = LatencyHistogram::bucketLow(b);
        const std::uint64_t high = LatencyHistogram::bucketHigh(b);
        QVERIFY2(low <= high, qPrintable(QStringLiteral("bucket %1").arg(b)));
        // Contiguous: each bucket starts right after the previous one ends.
        if (b > 0)
            QVERIFY2(low == LatencyHistogram::bucketHigh(b - 1) + 1, qPrintable(QStringLiteral("gap before bucket %1").arg(b)));
        // Both ends, the midpoint and the neighbours of the ends map back to b.
        const std::uint64_t probes[] = {low, high, low + (high - low) / 2, std::min(low + 1, high), high > low ? high - 1 : low};
        for (std::uint64_t v : probes)
            QVERIFY2(LatencyHistogram::bucketOf(v) == b,
                     qPrintable(QStringLiteral("value %1 maps to %2, expected %3").arg(v).arg(LatencyHistogram::bucketOf(v)).arg(b)));
        const std::uint64_t width = high - low + 1;
        if (low < std::uint64_t{LatencyHistogram::kSubCount}) {
            // The exact range: one value per bucket, bucket == value.
            QCOMPARE(width, std::uint64_t{1});
            QCOMPARE(low, static_cast<std::uint64_t>(b));
        } else {
            // Relative width at most 2^-kSubBits (width * 2^kSubBits <= low; no overflow, width <= 2^55).
            QVERIFY2((width << LatencyHistogram::kSubBits) <= low,
                     qPrintable(QStringLiteral("bucket %1 [%2, %3] too wide").arg(b).arg(low).arg(high)));
        }
    }
}

void TestMetrics::bucketOfMatchesRangesForManyValues()
{
    // Every value of the first 2^20 maps into its bucket's range, and the map is monotone.
    int prev = 0;
    for (std::uint64_t v = 0; v < (std::uint64_t{1} << 20); ++v) {
        const int b = LatencyHistogram::bucketOf(v);
        if (b < prev || b > prev + 1 || LatencyHistogram::bucketLow(b) > v || LatencyHistogram::bucketHigh(b) < v)
            QFAIL(qPrintable(QStringLiteral("value %1 -> bucket %2 (previous %3)").arg(v).arg(b).arg(prev)));
        prev = b;
    }
    // Random values over every magnitude of the int64 range.
    XorShift rng(42);
    for (int i = 0; i < 1'000'000; ++i) {
        const std::uint64_t v = (rng.next() >> 1) >> (rng.next() % 63);
        const int b = LatencyHistogram::bucketOf(v);
        if (b < 0 || b >= LatencyHistogram::kBucketCount || LatencyHistogram::bucketLow(b) > v || LatencyHistogram::bucketHigh(b) < v)
            QFAIL(qPrintable(QStringLiteral("value %1 -> bucket %2").arg(v).arg(b)));
    }
    // Powers of two and their neighbours.
    for (int p = 0; p < 63; ++p) {
        for (std::uint64_t v : {(std::uint64_t{1} << p) - 1, std::uint64_t{1} << p, (std::uint64_t{1} << p) + 1}) {
            const int b = LatencyHistogram::bucketOf(v);
            QVERIFY(LatencyHistogram::bucketLow(b) <= v && v <= LatencyHistogram::bucketHigh(b));
        }
    }
}

void TestMetrics::uniformQuantiles()
{
    LatencyHistogram h;
    std::vector<SimTime> sample;
    sample.reserve(1'000'000);
    // Record in a scrambled order: the histogram must not depend on it.
    for (SimTime v = 1; v <= 1'000'000; ++v) sample.push_back(v);
    std::shuffle(sample.begin(), sample.end(), std::mt19937_64(7));
    for (SimTime v : sample) h.record(v);
    QCOMPARE(h.count(), std::uint64_t{1'000'000});
    checkQuantilesWithin1Percent(h, sample);
    // Spot checks against the closed form: the median of 1..1e6 is 500000 ns.
    QVERIFY(std::abs(h.quantileSeconds(0.5) - 500e-6) <= 0.01 * 500e-6);
    QCOMPARE(h.quantileSeconds(0.0), 1e-9);
    QCOMPARE(h.quantileSeconds(1.0), 1e-3);
}

void TestMetrics::exponentialQuantiles()
{
    // Exponential with a 1 ms mean: -log(u) * mean, u uniform in (0, 1].
    std::mt19937_64 gen(12345);
    LatencyHistogram h;
    std::vector<SimTime> sample;
    constexpr int n = 300'000;
    sample.reserve(n);
    for (int i = 0; i < n; ++i) {
        const double u = (static_cast<double>(gen() >> 11) + 1.0) * 0x1p-53;
        const auto v = static_cast<SimTime>(std::llround(-std::log(u) * 1e6));
        sample.push_back(v);
        h.record(v);
    }
    checkQuantilesWithin1Percent(h, sample);
    // Sanity on the distribution itself: the mean is about 1 ms and the median about ln 2 ms.
    QVERIFY(std::abs(h.meanSeconds() - 1e-3) < 0.02e-3);
    QVERIFY(std::abs(h.quantileSeconds(0.5) - std::log(2.0) * 1e-3) < 0.02e-3);
}

void TestMetrics::exactMeanMinMax()
{
    // Values chosen so that bucket midpoints would give a visibly different mean / min / max.
    const std::vector<SimTime> values = {1'000'003, 2'000'001, 3'000'007, 123'456'789, 999, 77'777'777'777};
    LatencyHistogram h;
    long double sum = 0;
    for (SimTime v : values) {
        h.record(v);
        sum += v;
    }
    QCOMPARE(h.count(), static_cast<std::uint64_t>(values.size()));
    QCOMPARE(h.minSeconds(), es::toSeconds(999));
    QCOMPARE(h.maxSeconds(), es::toSeconds(77'777'777'777));
    const double expectedMean = static_cast<double>(sum / values.size()) * 1e-9;
    QCOMPARE(h.meanSeconds(), expectedMean);
    // qFuzzyCompare is relative to 1e-12; also check the absolute nanosecond value.
    QVERIFY(std::abs(h.meanSeconds() * 1e9 - static_cast<double>(sum / values.size())) < 1e-3);
    // A single large value: min == max == mean == every quantile.
    LatencyHistogram one;
    one.record(1'234'567'891);
    QCOMPARE(one.minSeconds(), 1.234567891);
    QCOMPARE(one.maxSeconds(), 1.234567891);
    QCOMPARE(one.meanSeconds(), 1.234567891);
    QCOMPARE(one.quantileSeconds(0.5), 1.234567891); // clamped to [min, max], not the bucket midpoint
}

void TestMetrics::mergeOfHalvesEqualsWhole()
{
    XorShift rng(2024);
    LatencyHistogram whole, a, b;
    for (int i = 0; i < 200'000; ++i) {
        // Mixed magnitudes: 0 .. ~1 s.
        const auto v = static_cast<SimTime>(rng.next() >> (34 + rng.next() % 30));
        whole.record(v);
        (i % 3 == 0 ? a : b).record(v); // uneven split
    }
    a.merge(b);
    QCOMPARE(a.count(), whole.count());
    QCOMPARE(a.minSeconds(), whole.minSeconds());
    QCOMPARE(a.maxSeconds(), whole.maxSeconds());
    QCOMPARE(a.meanSeconds(), whole.meanSeconds());
    for (int i = 0; i <= 10'000; ++i) {
        const double q = i / 10'000.0;
        if (a.quantileSeconds(q) != whole.quantileSeconds(q))
            QFAIL(qPrintable(QStringLiteral("q=%1: merged %2, whole %3").arg(q).arg(a.quantileSeconds(q)).arg(whole.quantileSeconds(q))));
    }
    // Merging an empty histogram changes nothing; merging into an empty one copies.
    LatencyHistogram empty, copy;
    const double p99 = whole.quantileSeconds(0.99);
    whole.merge(empty);
    QCOMPARE(whole.count(), a.count());
    QCOMPARE(whole.minSeconds(), a.minSeconds());
    QCOMPARE(whole.quantileSeconds(0.99), p99);
    copy.merge(whole);
    QCOMPARE(copy.count(), whole.count());
    QCOMPARE(copy.minSeconds(), whole.minSeconds());
    QCOMPARE(copy.maxSeconds(), whole.maxSeconds());
    QCOMPARE(copy.quantileSeconds(0.99), p99);
}

void TestMetrics::emptyHistogramReturnsZeros()
{
    LatencyHistogram h;
    QCOMPARE(h.count(), std::uint64_t{0});
    // QCOMPARE on doubles is fuzzy and treats 0 specially; compare exactly.
    QVERIFY(h.meanSeconds() == 0.0);
    QVERIFY(h.minSeconds() == 0.0);
    QVERIFY(h.maxSeconds() == 0.0);
    for (double q : kQuantiles) QVERIFY(h.quantileSeconds(q) == 0.0);

    // reset() returns to the empty state, including min/max.
    h.record(5'000);
    h.record(9'000);
    QVERIFY(h.maxSeconds() > 0.0);
    h.reset();
    QCOMPARE(h.count(), std::uint64_t{0});
    QVERIFY(h.meanSeconds() == 0.0);
    QVERIFY(h.minSeconds() == 0.0);
    QVERIFY(h.maxSeconds() == 0.0);
    QVERIFY(h.quantileSeconds(0.5) == 0.0);
    h.record(7'000);
    QCOMPARE(h.minSeconds(), 7e-6);
    QCOMPARE(h.maxSeconds(), 7e-6);
    QCOMPARE(h.quantileSeconds(0.5), 7e-6);
}

void TestMetrics::hugeAndNegativeValues()
{
    constexpr SimTime kMax = std::numeric_limits<SimTime>::max();
    QCOMPARE(LatencyHistogram::bucketOf(static_cast<std::uint64_t>(kMax)), LatencyHistogram::kBucketCount - 1);
    // Out of the int64 range (cannot come from record()): stays a valid index.
    QVERIFY(LatencyHistogram::bucketOf(UINT64_MAX) >= 0);
    QVERIFY(LatencyHistogram::bucketOf(UINT64_MAX) < LatencyHistogram::kBucketCount);

    LatencyHistogram huge;
    huge.record(kMax);
    huge.record(kMax);
    QCOMPARE(huge.count(), std::uint64_t{2});
    QCOMPARE(huge.maxSeconds(), es::toSeconds(kMax));
    QCOMPARE(huge.minSeconds(), es::toSeconds(kMax));
    QCOMPARE(huge.meanSeconds(), es::toSeconds(kMax));
    QCOMPARE(huge.quantileSeconds(0.5), es::toSeconds(kMax));

    LatencyHistogram neg;
    neg.record(-5);
    neg.record(std::numeric_limits<SimTime>::min());
    QCOMPARE(neg.count(), std::uint64_t{2});
    QVERIFY(neg.minSeconds() == 0.0);
    QVERIFY(neg.maxSeconds() == 0.0);
    QVERIFY(neg.meanSeconds() == 0.0);
    QVERIFY(neg.quantileSeconds(0.5) == 0.0);

    // Both extremes together.
    LatencyHistogram both;
    both.record(-1);
    both.record(kMax);
    QVERIFY(both.minSeconds() == 0.0);
    QCOMPARE(both.maxSeconds(), es::toSeconds(kMax));
    QCOMPARE(both.meanSeconds(), static_cast<double>(kMax) / 2 * 1e-9);
    QVERIFY(both.quantileSeconds(0.5) == 0.0); // rank 1 of 2 is the clamped 0
    QCOMPARE(both.quantileSeconds(1.0), es::toSeconds(kMax));
    // Rank 2 of 2 is in the last bucket: its midpoint, within 2^-kSubBits of the maximum.
    QVERIFY(both.quantileSeconds(0.75) <= es::toSeconds(kMax));
    QVERIFY(both.quantileSeconds(0.75) >= es::toSeconds(kMax) * (1 - 1.0 / LatencyHistogram::kSubCount));
}

// ---------------------------------------------------------------------------------------------
// TimeSeriesSet

void TestMetrics::seriesDeclaration()
{
    TimeSeriesSet ts(10 * es::kMillisecond, 64);
    QCOMPARE(ts.interval(), 10 * es::kMillisecond);
    QCOMPARE(ts.capacity(), std::size_t{64});
    QCOMPARE(ts.nextDue(), 10 * es::kMillisecond); // the first row is due after one interval
    QCOMPARE(ts.seriesCount(), std::size_t{0});
    QCOMPARE(ts.rowCount(), std::size_t{0});
    QCOMPARE(ts.addSeries("queue", TimeSeriesSet::Merge::Max), std::size_t{0});
    QCOMPARE(ts.addSeries("throughput"), std::size_t{1});
    QCOMPARE(ts.seriesCount(), std::size_t{2});
    QCOMPARE(ts.name(0), std::string("queue"));
    QCOMPARE(ts.name(1), std::string("throughput"));
}

void TestMetrics::rowsAppendedAtDueTimes()
{
    constexpr SimTime dt = 250;
    TimeSeriesSet ts(dt, 100);
    ts.addSeries("a");
    ts.addSeries("b", TimeSeriesSet::Merge::Max);
    for (int i = 1; i <= 50; ++i) {
        const SimTime t = ts.nextDue();
        QCOMPARE(t, i * dt);
        ts.appendRow(t, {double(i), double(-i)});
        QCOMPARE(ts.rowCount(), std::size_t(i));
        QCOMPARE(ts.interval(), dt); // no halving before capacity
    }
    for (std::size_t r = 0; r < ts.rowCount(); ++r) {
        QCOMPARE(ts.timeAt(r), SimTime(r + 1) * dt);
        QCOMPARE(ts.valueAt(r, 0), double(r + 1));
        QCOMPARE(ts.valueAt(r, 1), -double(r + 1));
    }
    // A row taken late (off the grid): the next one is due at the next multiple after it.
    ts.appendRow(51 * dt + 100, {0.0, 0.0});
    QCOMPARE(ts.nextDue(), 52 * dt);
    ts.appendRow(52 * dt + dt - 1, {0.0, 0.0});
    QCOMPARE(ts.nextDue(), 53 * dt);
    ts.appendRow(53 * dt, {0.0, 0.0});
    QCOMPARE(ts.nextDue(), 54 * dt);
}

void TestMetrics::halvingMergesPairs()
{
    TimeSeriesSet ts(1, 4);
    ts.addSeries("peak", TimeSeriesSet::Merge::Max);
    ts.addSeries("last", TimeSeriesSet::Merge::Last);
    const double peak[] = {5, 1, 2, 7};
    const double last[] = {10, 20, 30, 40};
    for (int i = 0; i < 3; ++i) ts.appendRow(ts.nextDue(), {peak[i], last[i]});
    QCOMPARE(ts.rowCount(), std::size_t{3});
    QCOMPARE(ts.interval(), SimTime{1});
    ts.appendRow(ts.nextDue(), {peak[3], last[3]}); // reaches capacity -> halve
    QCOMPARE(ts.rowCount(), std::size_t{2});
    QCOMPARE(ts.interval(), SimTime{2});
    QCOMPARE(ts.timeAt(0), SimTime{2});
    QCOMPARE(ts.timeAt(1), SimTime{4});
    QCOMPARE(ts.valueAt(0, 0), 5.0);
    QCOMPARE(ts.valueAt(1, 0), 7.0);
    QCOMPARE(ts.valueAt(0, 1), 20.0);
    QCOMPARE(ts.valueAt(1, 1), 40.0);
    QCOMPARE(ts.nextDue(), SimTime{6}); // next multiple of the new interval
    // Rows stay on the doubled grid.
    ts.appendRow(ts.nextDue(), {0, 50});
    ts.appendRow(ts.nextDue(), {3, 60}); // 4 rows again -> halve
    QCOMPARE(ts.interval(), SimTime{4});
    QCOMPARE(ts.rowCount(), std::size_t{2});
    QCOMPARE(ts.timeAt(0), SimTime{4});
    QCOMPARE(ts.timeAt(1), SimTime{8});
    QCOMPARE(ts.valueAt(0, 0), 7.0);
    QCOMPARE(ts.valueAt(1, 0), 3.0);
    QCOMPARE(ts.valueAt(0, 1), 40.0);
    QCOMPARE(ts.valueAt(1, 1), 60.0);
    QCOMPARE(ts.nextDue(), SimTime{12});
}

void TestMetrics::halvingKeepsOddLastRow()
{
    TimeSeriesSet ts(10, 5);
    ts.addSeries("peak", TimeSeriesSet::Merge::Max);
    ts.addSeries("last");
    for (int i = 1; i <= 5; ++i) ts.appendRow(ts.nextDue(), {double(10 - i), double(i)});
    QCOMPARE(ts.rowCount(), std::size_t{3});
    QCOMPARE(ts.interval(), SimTime{20});
    QCOMPARE(ts.timeAt(0), SimTime{20});
    QCOMPARE(ts.timeAt(1), SimTime{40});
    QCOMPARE(ts.timeAt(2), SimTime{50}); // the odd row, unchanged
    QCOMPARE(ts.valueAt(0, 0), 9.0);
    QCOMPARE(ts.valueAt(1, 0), 7.0);
    QCOMPARE(ts.valueAt(2, 0), 5.0);
    QCOMPARE(ts.valueAt(0, 1), 2.0);
    QCOMPARE(ts.valueAt(1, 1), 4.0);
    QCOMPARE(ts.valueAt(2, 1), 5.0);
    QCOMPARE(ts.nextDue(), SimTime{60});

    // The minimum capacity: every second row halves down to one row.
    TimeSeriesSet two(1, 2);
    two.addSeries("x", TimeSeriesSet::Merge::Max);
    for (int i = 1; i <= 20; ++i) {
        two.appendRow(two.nextDue(), {double(i % 7)});
        QVERIFY(two.rowCount() < 2);
    }
    QCOMPARE(two.valueAt(0, 0), 6.0);
}

void TestMetrics::longRunStaysBounded()
{
    constexpr std::size_t cap = 64;
    constexpr SimTime dt = 1000;
    TimeSeriesSet ts(dt, cap);
    const std::size_t peak = ts.addSeries("peak", TimeSeriesSet::Merge::Max);
    const std::size_t last = ts.addSeries("last", TimeSeriesSet::Merge::Last);
    const std::size_t peakNeg = ts.addSeries("peakNeg", TimeSeriesSet::Merge::Max);

    XorShift rng(99);
    double globalMax = -1e300, globalMaxNeg = -1e300, finalValue = 0;
    SimTime lastT = 0;
    const std::size_t steps = 10 * cap;
    for (std::size_t i = 0; i < steps; ++i) {
        const SimTime t = ts.nextDue();
        QVERIFY(t > lastT);
        double p = double(rng.next() % 1000);
        if (i == 137) p = 5000; // a single spike somewhere in the middle
        const double neg = -double(rng.next() % 1000) - 1;
        finalValue = double(i) * 0.5;
        globalMax = std::max(globalMax, p);
        globalMaxNeg = std::max(globalMaxNeg, neg);
        ts.appendRow(t, {p, finalValue, neg});
        lastT = t;
        QVERIFY(ts.rowCount() <= cap);
    }
    QVERIFY(ts.rowCount() <= cap);
    QVERIFY(ts.rowCount() >= cap / 4); // halving does not throw away more than needed

    // The interval is the original one times a power of two (> 1 after 10x capacity rows).
    QCOMPARE(ts.interval() % dt, SimTime{0});
    const SimTime factor = ts.interval() / dt;
    QVERIFY(factor > 1);
    QVERIFY((factor & (factor - 1)) == 0);

    double seenMax = -1e300, seenMaxNeg = -1e300;
    for (std::size_t r = 0; r < ts.rowCount(); ++r) {
        if (r > 0) QVERIFY(ts.timeAt(r) > ts.timeAt(r - 1));
        seenMax = std::max(seenMax, ts.valueAt(r, peak));
        seenMaxNeg = std::max(seenMaxNeg, ts.valueAt(r, peakNeg));
    }
    QCOMPARE(seenMax, globalMax);
    QCOMPARE(seenMax, 5000.0);
    QCOMPARE(seenMaxNeg, globalMaxNeg);
    QCOMPARE(ts.valueAt(ts.rowCount() - 1, last), finalValue);
    QCOMPARE(ts.timeAt(ts.rowCount() - 1), lastT);
    QVERIFY(ts.nextDue() > lastT);
}

void TestMetrics::errors()
{
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, TimeSeriesSet(10, 1));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, TimeSeriesSet(10, 0));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, TimeSeriesSet(0, 16));
    QVERIFY_THROWS_NO_EXCEPTION(TimeSeriesSet(10, 2));

    TimeSeriesSet ts(10, 16);
    ts.addSeries("a");
    ts.addSeries("b", TimeSeriesSet::Merge::Max);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ts.appendRow(10, {1.0}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ts.appendRow(10, {1.0, 2.0, 3.0}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ts.appendRow(10, {}));
    QCOMPARE(ts.rowCount(), std::size_t{0}); // a rejected row leaves no trace
    QCOMPARE(ts.nextDue(), SimTime{10});
    // Series can still be added until the first row.
    ts.addSeries("c");
    ts.appendRow(10, {1.0, 2.0, 3.0});
    QCOMPARE(ts.rowCount(), std::size_t{1});
    QVERIFY_THROWS_EXCEPTION(std::logic_error, ts.addSeries("late"));
    QCOMPARE(ts.seriesCount(), std::size_t{3});
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ts.appendRow(20, {1.0, 2.0}));
    QCOMPARE(ts.rowCount(), std::size_t{1});
}

QTEST_APPLESS_MAIN(TestMetrics)
#include "tst_metrics.moc"

// Lag status (Burrow's rules, metrics/LagStatus.h) on constructed commit histories, the windowed
// latency quantiles (metrics/LatencyWindow.h), and both as the sampler records them in a lesson run:
// consumer-catch-up's indexer is STOP while it is down and OK once it has caught up.
#include "metrics/LagStatus.h"
#include "metrics/LatencyWindow.h"
#include "metrics/TimeSeries.h"
#include "model/MetricsSampler.h"
#include "model/World.h"
#include "run/RunDriver.h"
#include "scenario/ScenarioLoader.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <vector>

using es::LagStatus;
using es::LagWindow;
using es::kSecond;

namespace {

// Ten commits one second apart (t = 1..10 s), offsets and lags as given.
LagWindow history(const std::vector<std::uint64_t>& offsets, const std::vector<std::uint64_t>& lags)
{
    LagWindow w;
    for (std::size_t i = 0; i < offsets.size(); ++i) w.commit(static_cast<es::SimTime>(i + 1) * kSecond, offsets[i], lags[i]);
    return w;
}

// The window's quantiles by the plain method it replaces: every bucket of the cumulative histogram
// against a full copy of the previous window's counts (LatencyWindow skips unchanged groups).
struct FullScanWindow {
    std::vector<std::uint64_t> previous = std::vector<std::uint64_t>(es::LatencyHistogram::kBucketCount, 0);
    std::uint64_t previousCount = 0;
    std::vector<double> next(const es::LatencyHistogram& h, const std::vector<double>& qs)
    {
        using es::LatencyHistogram;
        std::vector<double> out(qs.size(), 0.0);
        const std::uint64_t n = h.count() - previousCount;
        if (n == 0) return out;
        std::vector<std::uint64_t> rank(qs.size());
        for (std::size_t i = 0; i < qs.size(); ++i)
            rank[i] = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::ceil(qs[i] * static_cast<double>(n))));
        std::vector<bool> found(qs.size(), false);
        std::uint64_t seen = 0;
        for (int b = 0; b < LatencyHistogram::kBucketCount; ++b) {
            const std::uint64_t c = h.bucketCount(b) - previous[static_cast<std::size_t>(b)];
            previous[static_cast<std::size_t>(b)] = h.bucketCount(b);
            if (c == 0) continue;
            seen += c;
            const double mid = 0.5 * (static_cast<double>(LatencyHistogram::bucketLow(b)) +
                                      static_cast<double>(LatencyHistogram::bucketHigh(b)));
            for (std::size_t i = 0; i < qs.size(); ++i)
                if (!found[i] && seen >= rank[i]) out[i] = mid * 1e-9, found[i] = true;
        }
        for (double& v : out) v = std::clamp(v, h.minSeconds(), h.maxSeconds());
        previousCount = h.count();
        return out;
    }
};

std::size_t column(const es::TimeSeriesSet& ts, const std::string& name)
{
    for (std::size_t c = 0; c < ts.seriesCount(); ++c)
        if (ts.name(c) == name) return c;
    qFatal("no series '%s'", name.c_str());
}

} // namespace

class TestLagStatus : public QObject {
    Q_OBJECT
private slots:
    void okWhenLagTouchedZero()
    {
        const LagWindow w = history({10, 20, 30, 40, 50, 60, 70, 80, 90, 100}, {5, 6, 0, 7, 8, 9, 10, 11, 12, 13});
        QCOMPARE(w.evaluate(10 * kSecond, 13), LagStatus::Ok);
    }
    void okWhenLagFalls()
    {
        const LagWindow w = history({10, 20, 30, 40, 50, 60, 70, 80, 90, 100}, {50, 49, 48, 48, 47, 40, 30, 20, 10, 5});
        QCOMPARE(w.evaluate(10 * kSecond, 5), LagStatus::Ok);
    }
    void warnWhenOffsetsMoveButLagNeverFalls()
    {
        const LagWindow w = history({10, 20, 30, 40, 50, 60, 70, 80, 90, 100}, {5, 6, 6, 7, 8, 9, 10, 11, 12, 13});
        QCOMPARE(w.evaluate(10 * kSecond, 13), LagStatus::Warn);
        // One step down anywhere in the window and it is no longer "not decreasing".
        const LagWindow down = history({10, 20, 30, 40, 50, 60, 70, 80, 90, 100}, {5, 6, 6, 7, 8, 7, 10, 11, 12, 13});
        QCOMPARE(down.evaluate(10 * kSecond, 13), LagStatus::Ok);
    }
    void stallWhenOffsetStuckAndLagGrows()
    {
        const LagWindow w = history({40, 40, 40, 40, 40, 40, 40, 40, 40, 40}, {5, 6, 7, 8, 9, 10, 11, 12, 13, 14});
        QCOMPARE(w.evaluate(10 * kSecond, 14), LagStatus::Stall);
    }
    void stopWhenCommitsCease()
    {
        const LagWindow w = history({10, 20, 30, 40, 50, 60, 70, 80, 90, 100}, {5, 4, 6, 4, 5, 3, 5, 4, 6, 5});
        // Span of the window: 9 s (1 s .. 10 s). At 19 s the last commit is exactly 9 s old: not yet.
        QCOMPARE(w.evaluate(19 * kSecond, 5), LagStatus::Ok);
        QCOMPARE(w.evaluate(19 * kSecond + 1, 5), LagStatus::Stop);
        // With nothing left to read, a silent consumer is fine (Burrow's exception).
        QCOMPARE(w.evaluate(60 * kSecond, 0), LagStatus::Ok);
    }
    void rewindWhenOffsetGoesBack()
    {
        const LagWindow w = history({10, 20, 30, 40, 5, 15, 25, 35, 45, 55}, {5, 6, 7, 8, 40, 38, 36, 34, 32, 30});
        QCOMPARE(w.evaluate(10 * kSecond, 30), LagStatus::Rewind);
    }
    void partialWindowIsNotJudged()
    {
        const LagWindow w = history({40, 40, 40}, {5, 6, 7});
        QCOMPARE(w.evaluate(3 * kSecond, 7), LagStatus::Ok);
        QCOMPARE(w.evaluate(10 * kSecond, 7), LagStatus::Stop); // but a silence longer than its span is
    }
    void windowIsBounded()
    {
        LagWindow w(4);
        for (int i = 1; i <= 100; ++i) w.commit(i * kSecond, static_cast<std::uint64_t>(i), 1);
        QCOMPARE(w.size(), std::size_t{4});
        QCOMPARE(w.at(0).offset, std::uint64_t{97});
        QCOMPARE(w.at(3).offset, std::uint64_t{100});
    }
    void worstOrder()
    {
        QCOMPARE(es::worst(LagStatus::Warn, LagStatus::Stop), LagStatus::Stop);
        QCOMPARE(es::worst(LagStatus::Stall, LagStatus::Ok), LagStatus::Stall);
        QCOMPARE(QString(es::lagStatusName(LagStatus::Stall)), QString("STALL"));
    }

    void latencyWindowQuantilesOfOneWindowOnly()
    {
        es::LatencyHistogram h;
        es::LatencyWindow w;
        for (int i = 1; i <= 100; ++i) h.record(i * es::kMillisecond); // window 1: 1..100 ms
        std::vector<double> q = w.next(h, {0.5, 0.99});
        QVERIFY(std::abs(q[0] - 0.050) < 0.050 * 0.01);
        QVERIFY(std::abs(q[1] - 0.099) < 0.099 * 0.01);
        for (int i = 0; i < 100; ++i) h.record(2 * kSecond); // window 2: all 2 s
        q = w.next(h, {0.5, 0.99});
        QVERIFY(std::abs(q[0] - 2.0) < 2.0 * 0.01);
        QVERIFY(std::abs(q[1] - 2.0) < 2.0 * 0.01);
        q = w.next(h, {0.5}); // window 3: empty
        QCOMPARE(q[0], 0.0);
    }

    // Windows of 0 to 300 values spread over 1 ns .. 2^40 ns (some windows in one power of two only),
    // with the sampler's three quantiles and with more than fit on the stack: the same figures, to
    // the bit, as the full scan of every bucket.
    void latencyWindowMatchesFullScan()
    {
        es::LatencyHistogram h;
        es::LatencyWindow fast, fastMany;
        FullScanWindow slow, slowMany;
        const std::vector<double> three(es::kWindowPercentiles.begin(), es::kWindowPercentiles.end());
        const std::vector<double> many{0.0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1.0};
        std::uint64_t x = 0x9e3779b97f4a7c15ull;
        auto rnd = [&x] { x ^= x << 13; x ^= x >> 7; x ^= x << 17; return x; };
        for (int window = 0; window < 400; ++window) {
            const int n = static_cast<int>(rnd() % 301);
            const int narrow = window % 5 == 0 ? static_cast<int>(rnd() % 40) : -1; // one power of two
            for (int i = 0; i < n; ++i) {
                const std::uint64_t r = rnd();
                const auto v = narrow >= 0 ? static_cast<es::SimTime>((std::uint64_t{1} << narrow) + (r % (std::uint64_t{1} << narrow)))
                                           : static_cast<es::SimTime>(r >> (24 + r % 40));
                h.record(v);
            }
            std::vector<double> out(three.size());
            fast.next(h, three, out);
            QCOMPARE(out, slow.next(h, three));
            QCOMPARE(fastMany.next(h, many), slowMany.next(h, many));
        }
    }

    void sampledStatusInConsumerCatchUp()
    {
        const es::Scenario sc = es::loadScenarioFile(SCENARIOS_DIR "/lessons/consumer-catch-up.yaml");
        es::RunDriver d(sc);
        d.run();
        const es::TimeSeriesSet& ts = d.world().sampler().series();
        const std::size_t st = column(ts, "indexer.lag_status");
        const std::size_t p99 = column(ts, "indexer.latency_p99_s");
        auto at = [&](double s, std::size_t c) {
            double v = -1;
            for (std::size_t r = 0; r < ts.rowCount() && ts.timeAt(r) <= es::fromSeconds(s); ++r) v = ts.valueAt(r, c);
            return v;
        };
        QCOMPARE(at(25, st), double(LagStatus::Ok));   // keeping up before the crash
        QCOMPARE(at(50, st), double(LagStatus::Stop));  // crashed at 30 s: no commits for longer than the window
        QCOMPARE(at(95, st), double(LagStatus::Ok));   // back at 60 s and caught up
        // Records that waited out the crash are 30 s late: the window right after the restart shows it.
        double worst = 0;
        for (std::size_t r = 0; r < ts.rowCount(); ++r) worst = std::max(worst, ts.valueAt(r, p99));
        QVERIFY2(worst > 20, qPrintable(QString("p99 peak %1 s").arg(worst)));
        QVERIFY(at(25, p99) < 0.1);
    }
};

QTEST_GUILESS_MAIN(TestLagStatus)
#include "tst_lag_status.moc"

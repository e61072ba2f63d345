// The idempotency store against a shadow model (std::set with the same TTL rule), and its memory:
// the table follows the TTL window, not the number of ids ever recorded.
#include "model/state/IdempotencyStore.h"

#include <QtTest>

#include <deque>
#include <random>
#include <set>

class TestIdempotency : public QObject {
    Q_OBJECT
private slots:
    void matchesShadowModel();
    void memoryFollowsTheWindow();
};

void TestIdempotency::matchesShadowModel()
{
    const es::SimTime ttl = 1000;
    es::IdempotencyStore store(ttl);
    std::set<std::uint64_t> shadow;
    std::deque<std::pair<es::SimTime, std::uint64_t>> order;
    std::mt19937_64 rng(7);
    es::SimTime now = 0;
    int seen = 0;
    for (int i = 0; i < 200000; ++i) {
        now += static_cast<es::SimTime>(rng() % 20);
        // Ids from a small range so that repeats (inside and outside the TTL) are common.
        const std::uint64_t id = 1 + rng() % 1000;
        while (!order.empty() && now - order.front().first > ttl) {
            shadow.erase(order.front().second);
            order.pop_front();
        }
        const bool expected = shadow.count(id) > 0;
        if (!expected) {
            shadow.insert(id);
            order.push_back({now, id});
        }
        const bool got = store.seenOrRecord(id, now);
        if (got != expected) QFAIL(qPrintable(QStringLiteral("operation %1, id %2: store says %3").arg(i).arg(id).arg(got)));
        seen += got;
        QCOMPARE(store.size(), shadow.size());
    }
    QVERIFY(seen > 10000); // the test exercised duplicates, not only fresh ids
}

void TestIdempotency::memoryFollowsTheWindow()
{
    es::IdempotencyStore store(100);
    std::size_t peakCapacity = 0;
    for (std::uint64_t id = 1; id <= 2'000'000; ++id) {
        store.seenOrRecord(id, static_cast<es::SimTime>(id)); // one new id per time unit: ~100 live
        if (id == 10'000) peakCapacity = store.capacity();
    }
    QVERIFY(store.size() <= 101);
    QCOMPARE(store.capacity(), peakCapacity); // no growth after the window filled
    QVERIFY(store.capacity() <= 512);
}

QTEST_APPLESS_MAIN(TestIdempotency)
#include "tst_idempotency.moc"

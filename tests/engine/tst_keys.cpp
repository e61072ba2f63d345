// Keys as Kafka places them (issue 17): murmur2 against the published test vectors of Kafka's
// UtilsTest (and librdkafka's), placements of named keys in a running log against
// toPositive(murmur2) % partitions computed from those published values, key names from patterns
// and lists, Zipf-distributed key spaces against the exact probabilities, and the loader's messages.
#include "model/services/KeySpace.h"
#include "model/brokers/LogBroker.h"
#include "model/World.h"
#include "random/ZipfSampler.h"
#include "run/RunDriver.h"
#include "scenario/ScenarioLoader.h"

#include <QtTest>

#include <cmath>
#include <map>
#include <string>

using namespace es;

namespace {

// Published values (signed Java ints): Kafka clients/src/test/java/.../utils/UtilsTest.java
// (testMurmur2) and librdkafka's rdmurmur2.c unit test.
const std::map<std::string, std::int32_t> kPublished = {
    {"21", -973932308},
    {"foobar", -790332482},
    {"a-little-bit-long-string", -985981536},
    {"a-little-bit-longer-string", -1486304829},
    {"lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971},
    {"abc", 479470107},
    {"1", -1993445489},
    {"12", 126087238},
    {"123", -267702483},
    {"1234", -1614185708},
    {"12345", -1188365604},
    {"kafka", -798503068},
};

QString errorsOf(const std::string& text)
{
    try {
        loadScenarioText(text, "keys.yaml");
    } catch (const ScenarioError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace

class TestKeys : public QObject {
    Q_OBJECT
private slots:
    void murmur2MatchesKafka();
    void toPositiveClearsTheSignBit();
    void namedKeysLandWhereKafkaPutsThem();
    void patternNames();
    void zipfMatchesItsProbabilities();
    void zipfKeySpaceInARun();
    void badKeys_data();
    void badKeys();
};

void TestKeys::murmur2MatchesKafka()
{
    for (const auto& [text, expected] : kPublished)
        QVERIFY2(kafkaMurmur2(text) == expected, qPrintable(QString::fromStdString(text)));
}

void TestKeys::toPositiveClearsTheSignBit()
{
    // Kafka's toPositive is `number & 0x7fffffff`, not Math.abs: -1 becomes 2147483647.
    QCOMPARE(kafkaToPositive(-1), 0x7fffffffu);
    QCOMPARE(kafkaToPositive(std::numeric_limits<std::int32_t>::min()), 0u);
    QCOMPARE(kafkaToPositive(479470107), 479470107u);
}

void TestKeys::namedKeysLandWhereKafkaPutsThem()
{
    // A producer whose keys are the published strings, into logs of several sizes: every record of a
    // key must sit on (published & 0x7fffffff) % partitions.
    std::string names;
    for (const auto& [text, h] : kPublished) names += (names.empty() ? "" : ", ") + ("\"" + text + "\"");
    for (int partitions : {1, 3, 6, 12, 100}) {
        const std::string yaml = "scenario: placement\nduration: 20s\nservices:\n"
                                 "  src: { produces: Order, to: orders, rate: 50/s, keys: [" + names + "] }\n"
                                 "brokers:\n  orders: { kind: log, partitions: " + std::to_string(partitions) + " }\n";
        const Scenario sc = loadScenarioText(yaml, "placement.yaml");
        World w(sc);
        const LogBroker& log = *w.logs()[0];
        const std::uint16_t space = static_cast<std::uint16_t>(w.keys().idOf("src"));
        std::uint64_t index = 0;
        for (const auto& [text, published] : kPublished) {
            const std::uint64_t key = KeyRegistry::encode(space, index++);
            QCOMPARE(w.keys().name(key), text);
            const int expected = static_cast<int>((static_cast<std::uint32_t>(published) & 0x7fffffffu) %
                                                  static_cast<std::uint32_t>(partitions));
            QCOMPARE(const_cast<LogBroker&>(log).partitionOf(key), expected);
        }
    }
}

void TestKeys::patternNames()
{
    KeySpec spec;
    spec.prefix = "customer-";
    spec.first = 1;
    spec.count = 10000;
    const KeySpace space(spec);
    QCOMPARE(space.size(), std::uint64_t{10000});
    QCOMPARE(space.name(0), std::string("customer-1"));
    QCOMPARE(space.name(41), std::string("customer-42"));
    QCOMPARE(space.name(9999), std::string("customer-10000"));
    QCOMPARE(space.partitionHash(41), kafkaToPositive(kafkaMurmur2("customer-42")));
    const Scenario sc = loadScenarioText(R"(scenario: p
services:
  a: { produces: E, to: q, rate: 1/s, keys: "acct-{100..199}-eu" }
  b: { produces: E, to: q, rate: 1/s, keys: 5000 }
  c: { consumes: q }
brokers:
  q: { kind: queue }
)", "p.yaml");
    const KeyRegistry keys = KeyRegistry::forScenario(sc);
    QCOMPARE(keys.space(0).size(), std::uint64_t{100});
    QCOMPARE(keys.name(KeyRegistry::encode(0, 0)), std::string("acct-100-eu"));
    QCOMPARE(keys.name(KeyRegistry::encode(0, 99)), std::string("acct-199-eu"));
    QCOMPARE(keys.name(KeyRegistry::encode(1, 4999)), std::string("key-5000"));
}

void TestKeys::zipfMatchesItsProbabilities()
{
    for (double s : {0.5, 1.0, 1.2, 2.5}) {
        const std::uint64_t n = 50;
        const ZipfSampler z(n, s);
        RandomStream rng(3, 9);
        const int draws = 200000;
        std::vector<int> count(n + 1, 0);
        for (int i = 0; i < draws; ++i) {
            const std::uint64_t k = z.sample(rng);
            QVERIFY(k >= 1 && k <= n);
            ++count[k];
        }
        // Each rank's count is Binomial(draws, p_k): within 5 standard deviations (plus one for tiny p).
        for (std::uint64_t k = 1; k <= n; ++k) {
            const double p = z.probability(k);
            const double sd = std::sqrt(draws * p * (1 - p));
            QVERIFY2(std::fabs(count[k] - draws * p) <= 5 * sd + 1,
                     qPrintable(QStringLiteral("s %1 rank %2: %3 draws, expected %4").arg(s).arg(k).arg(count[k]).arg(draws * p)));
        }
    }
    // A huge space costs nothing to set up and still draws in range.
    const ZipfSampler big(1'000'000'000ull, 1.1);
    RandomStream rng(1, 1);
    for (int i = 0; i < 1000; ++i) QVERIFY(big.sample(rng) <= 1'000'000'000ull);
}

void TestKeys::zipfKeySpaceInARun()
{
    // A Zipf key space makes the first names hot: with s = 1.2 over 1000 keys, rank 1 carries
    // 1 / H(1000, 1.2) ≈ 22% of events, so its partition holds far more than 1/8 of the log.
    const Scenario sc = loadScenarioText(R"(scenario: zipf
duration: 60s
services:
  src: { produces: E, to: L, rate: 200/s, keys: { names: "customer-{1..1000}", zipf: 1.2 } }
brokers:
  L: { kind: log, partitions: 8 }
)", "zipf.yaml");
    RunDriver d(sc);
    d.run();
    const LogBroker& log = *d.world().logs()[0];
    const ZipfSampler z(1000, 1.2);
    const int hot = const_cast<LogBroker&>(log).partitionOf(KeyRegistry::encode(0, 0)); // customer-1
    std::uint64_t total = 0;
    for (int p = 0; p < 8; ++p) total += log.logEnd(p);
    const double share = static_cast<double>(log.logEnd(hot)) / static_cast<double>(total);
    QVERIFY2(share > z.probability(1), qPrintable(QString::number(share)));
    QVERIFY(share > 0.2);
}

void TestKeys::badKeys_data()
{
    QTest::addColumn<QString>("keys");
    QTest::addColumn<QString>("expected");
    QTest::newRow("bad pattern") << "\"customer-{1-10}\"" << "keys.yaml:3:47:|not a key pattern|customer-{1..10000}";
    QTest::newRow("reversed range") << "\"c-{10..1}\"" << "the range ends (1) before it starts (10)";
    QTest::newRow("duplicate name") << "[gold, silver, gold]" << "the key 'gold' is listed twice";
    QTest::newRow("empty list") << "[]" << "the list of keys is empty";
    QTest::newRow("names missing") << "{ zipf: 1.1 }" << "needs 'names'";
    QTest::newRow("zipf typo") << "{ names: 100, zpf: 1 }" << "unknown key 'zpf'|did you mean 'zipf'";
    QTest::newRow("negative zipf") << "{ names: 100, zipf: -1 }" << "'zipf: -1' is out of range";
    QTest::newRow("too many") << "\"k-{0..999999999999999999}\"" << "too many keys";
}

void TestKeys::badKeys()
{
    QFETCH(QString, keys);
    QFETCH(QString, expected);
    const std::string yaml = "scenario: k\nservices:\n  src: { produces: E, to: q, rate: 1/s, keys: " + keys.toStdString() +
                             " }\n  c: { consumes: q }\nbrokers:\n  q: { kind: queue }\n";
    const QString message = errorsOf(yaml);
    QVERIFY2(!message.isEmpty(), "accepted");
    for (const QString& part : expected.split(QLatin1Char('|')))
        QVERIFY2(message.contains(part), qPrintable(QStringLiteral("missing '%1' in:\n%2").arg(part, message)));
}

QTEST_APPLESS_MAIN(TestKeys)
#include "tst_keys.moc"

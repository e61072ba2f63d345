// Issue 18: more consumer groups than one 64-bit mask holds. The event store keeps sinks 0-63 in the
// record and the rest in a side row (model/SinkBits.h); these tests check that a sink past 63 keeps
// its own fate (no aliasing onto sink n mod 64), that a reused slot starts clean, that a 1,000-group
// scenario runs with conservation, and that the loader refuses a scenario past kMaxSinks at the
// position of the first group past it, exactly as `run` does (same message, exit 2).
#include "model/EventStore.h"
#include "run/RunDriver.h"
#include "run/RunSummary.h"
#include "scenario/EngineLimits.h"
#include "scenario/ScenarioLoader.h"

#include "SummaryLookup.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <fmt/format.h>

#include <string>

namespace {

const std::string kThousand = GROUPS_DIR "/groups-1000.yaml";

// `consumers` services each consuming its own queue, plus `spare` queues nobody consumes.
std::string manyGroups(std::size_t consumers, std::size_t spare)
{
    std::string t = "scenario: many\nduration: 1s\nservices:\n  p: { produces: E, to: t, rate: 1/s, limit: 1 }\n";
    for (std::size_t i = 0; i < consumers; ++i) t += fmt::format("  c{}: {{ consumes: q{}, service_time: 1ms }}\n", i, i);
    t += "brokers:\n  t: { kind: topic }\n";
    for (std::size_t i = 0; i < consumers + spare; ++i) t += fmt::format("  q{}: {{ kind: queue, subscribe: t }}\n", i);
    return t;
}

QString refusal(const std::string& text)
{
    try {
        es::loadScenarioText(text, "many.yaml");
    } catch (const es::ScenarioError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

struct Result {
    int exitCode = -1;
    QString err;
};

Result runCli(const QStringList& args)
{
    QProcess p;
    QTemporaryDir dataHome; // runs are saved to the per-user store: not the real home
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), dataHome.path());
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(CLI_PATH), args);
    Result r;
    if (!p.waitForStarted(10000) || !p.waitForFinished(120000)) return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

} // namespace

class TestManyGroups : public QObject {
    Q_OBJECT
private slots:
    void sinksPast63KeepTheirOwnFates()
    {
        es::EventStore store(200);
        const std::uint32_t e = store.create(es::Envelope{});
        for (int s : {0, 63, 64, 128, 136, 199}) QVERIFY(store.reach(e, s));
        QVERIFY(!store.reach(e, 136)); // a second copy is no new obligation
        QVERIFY(store.markApplied(e, 136));
        QVERIFY(!store.markApplied(e, 136));
        QVERIFY(store.isApplied(e, 136));
        QVERIFY(!store.isApplied(e, 8));   // 136 mod 64: no aliasing into the first word
        QVERIFY(!store.isApplied(e, 72));  // nor into another wide word
        QVERIFY(!store.hasFate(e, 64));
        store.markDeadLettered(e, 64);
        store.markDropped(e, 199);
        QVERIFY(store.hasFate(e, 64));
        QVERIFY(store.hasFate(e, 199));
        QVERIFY(store.markApplied(e, 0));
        QCOMPARE(store.liveFates(136).applied, 1u);
        QCOMPARE(store.liveFates(64).deadLettered, 1u);
        QCOMPARE(store.liveFates(199).dropped, 1u);
        QCOMPARE(store.liveFates(128).inFlight, 1u);
        QCOMPARE(store.liveFates(100).inFlight + store.liveFates(100).applied, 0u); // never reached
        store.release(e);
        QCOMPARE(store.sink(0).settledApplied, 1u);
        QCOMPARE(store.sink(136).settledApplied, 1u);
        QCOMPARE(store.sink(136).duplicateEffects, 1u);
        QCOMPARE(store.sink(64).settledDeadLettered, 1u);
        QCOMPARE(store.sink(199).settledDropped, 1u);
        QCOMPARE(store.sink(63).vanished, 1u);  // reached, no fate: counted as a violation
        QCOMPARE(store.sink(128).vanished, 1u);
        QCOMPARE(store.sink(100).obligations, 0u);

        // The slot is reused: its wide row must start empty.
        const std::uint32_t f = store.create(es::Envelope{});
        QCOMPARE(f, e);
        QVERIFY(!store.isApplied(f, 136));
        QVERIFY(!store.hasFate(f, 64));
        QVERIFY(store.reach(f, 136));
        QCOMPARE(store.liveFates(199).dropped, 0u);
    }

    // The side row is cleared through its per-slot summary of touched words (model/SinkBits.h): a
    // fate set on a sink that was never reached, and sinks in the first and last words, must all be
    // gone when the slot is reused, while the words it never touched stay zero.
    void aReusedSlotForgetsEveryWideWordItTouched()
    {
        es::EventStore store(es::kMaxSinks);
        const int last = static_cast<int>(es::kMaxSinks) - 1;
        const std::uint32_t e = store.create(es::Envelope{});
        QVERIFY(store.reach(e, 64));
        QVERIFY(store.reach(e, last));
        store.markDropped(e, 2000); // a fate without an obligation
        QVERIFY(store.markApplied(e, last));
        store.release(e);
        QCOMPARE(store.sink(last).settledApplied, 1u);
        QCOMPARE(store.sink(64).vanished, 1u);
        const std::uint32_t f = store.create(es::Envelope{});
        QCOMPARE(f, e);
        for (int s : {64, 127, 128, 2000, last}) {
            QVERIFY(!store.hasFate(f, s));
            QCOMPARE(store.liveFates(s).inFlight + store.liveFates(s).applied + store.liveFates(s).dropped, 0u);
        }
        QVERIFY(store.reach(f, 2000)); // a first copy again
        store.release(f);
        QCOMPARE(store.sink(2000).vanished, 1u);
        QCOMPARE(store.sink(last).settledApplied, 1u); // nothing settled twice
    }

    void sixtyFourSinksStayInOneWord()
    {
        es::EventStore store(64);
        const std::uint32_t e = store.create(es::Envelope{});
        QVERIFY(store.reach(e, 63));
        QVERIFY(store.markApplied(e, 63));
        QVERIFY(!store.isApplied(e, 62));
        store.release(e);
        QCOMPARE(store.sink(63).settledApplied, 1u);
        QCOMPARE(store.sink(62).obligations, 0u);
    }

    void thousandGroupsRunAndConserve()
    {
        const es::Scenario sc = es::loadScenarioFile(kThousand);
        es::RunDriver d(sc);
        const es::RunSummary s = d.run();
        QVERIFY2(s.conservationOk, qPrintable(testsupport::violations(s)));
        QCOMPARE(s.groups.size(), std::size_t{1000});
        for (const char* name : {"g0000", "g0063", "g0064", "g0500", "g0999"}) {
            const es::GroupSummary* g = testsupport::findGroup(s, name);
            QVERIFY2(g, name);
            QCOMPARE(g->events, 100u);  // every copy of the topic's 100 events reached its group
            QCOMPARE(g->effects, 100u);
            QCOMPARE(g->inFlight, 0u);
        }
    }

    void theLimitItselfLoads()
    {
        QVERIFY(refusal(manyGroups(es::kMaxSinks - 1, 1)).isEmpty());
    }

    void onePastTheLimitIsRefusedWhereItIs()
    {
        // Services c0..c4096: the 4097th consumer group is c4096, on line 5 + 4096 (the file's lines
        // are: scenario, duration, services, p, c0 ...), column 10 (its settings' '{').
        const QString consumers = refusal(manyGroups(es::kMaxSinks + 1, 0));
        QVERIFY2(consumers.startsWith(QStringLiteral("many.yaml:%1:10: ").arg(5 + es::kMaxSinks)), qPrintable(consumers));
        QVERIFY2(consumers.contains(QStringLiteral("consumer group 'c4096'")), qPrintable(consumers));
        QVERIFY(consumers.contains(QStringLiteral("limit of 4096")));
        QVERIFY(consumers.contains(QStringLiteral("kMaxSinks")));
        // All consumers fit; the unconsumed queue that goes over is named at its own line.
        const QString queue = refusal(manyGroups(es::kMaxSinks, 1));
        const int queueLine = 4 + static_cast<int>(es::kMaxSinks) + 2 + static_cast<int>(es::kMaxSinks) + 1;
        QVERIFY2(queue.startsWith(QStringLiteral("many.yaml:%1:10: ").arg(queueLine)), qPrintable(queue));
        QVERIFY2(queue.contains(QStringLiteral("queue 'q4096' (consumed by no service)")), qPrintable(queue));
    }

    void validateRefusesWhatRunRefuses()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("many.yaml"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray::fromStdString(manyGroups(es::kMaxSinks + 1, 0)));
        f.close();
        const Result v = runCli({QStringLiteral("validate"), path});
        const Result r = runCli({QStringLiteral("run"), path, QStringLiteral("--no-store")});
        QCOMPARE(v.exitCode, 2);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(v.err.startsWith(path + QStringLiteral(":%1:10: ").arg(5 + es::kMaxSinks)), qPrintable(v.err));
        QCOMPARE(r.err, v.err);
        // And the 1,000-group file passes both.
        QCOMPARE(runCli({QStringLiteral("validate"), QString::fromStdString(kThousand)}).exitCode, 0);
        QCOMPARE(runCli({QStringLiteral("run"), QString::fromStdString(kThousand), QStringLiteral("--no-store")}).exitCode, 0);
    }
};

QTEST_GUILESS_MAIN(TestManyGroups)
#include "tst_many_groups.moc"

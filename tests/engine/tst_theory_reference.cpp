// Which scenarios queueing theory describes (run/TheoryReference), and the values it gives:
// the bench M/M/1 and M/M/c, an M/D/1 made from the M/M/1 by an override; a log lesson, a failure
// or an error rate rule the theory out.
#include "metrics/QueueTheory.h"
#include "run/TheoryReference.h"
#include "scenario/ScenarioLoader.h"

#include <QtTest>

#include <cmath>

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

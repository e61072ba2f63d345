// The `charts:` reader on its own (engine/scenario/ChartsReader): the default without the key, a list
// kept in order without duplicates, and an unknown name refused at its line and column with the
// valid names and a did-you-mean. Not yet called by the loader (next step).
#include "scenario/ChartsReader.h"

#include <QtTest>

using namespace es;

class TestChartsReader : public QObject {
    Q_OBJECT
private slots:
    void defaultsAndLists()
    {
        DiagnosticSink diags("s.yaml");
        QCOMPARE(readCharts(diags, YAML::Node()), (std::vector<std::string>{"users", "lag", "latency"}));
        const YAML::Node doc = YAML::Load("charts: [latency-distribution, lag, lag]");
        QCOMPARE(readCharts(diags, doc["charts"]), (std::vector<std::string>{"latency-distribution", "lag"}));
        QVERIFY(diags.empty());
    }

    void unknownNameIsLocatedWithAHint()
    {
        DiagnosticSink diags("s.yaml");
        const YAML::Node doc = YAML::Load("title: x\ncharts: [lag, latncy]\n");
        QCOMPARE(readCharts(diags, doc["charts"]), (std::vector<std::string>{"lag"}));
        QCOMPARE(diags.all().size(), std::size_t{1});
        const std::string m = diags.all()[0].format();
        QVERIFY2(m.find("s.yaml:2:15:") == 0, m.c_str());
        QVERIFY2(m.find("did you mean 'latency'?") != std::string::npos, m.c_str());
        QVERIFY2(m.find("lag-seconds") != std::string::npos, m.c_str());
    }
};

QTEST_GUILESS_MAIN(TestChartsReader)
#include "tst_charts_reader.moc"

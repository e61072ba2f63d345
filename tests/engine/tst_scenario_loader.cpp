// The scenario loader on good and bad input: each bad input must be reported with the file, line and
// column, what is wrong and what was expected (and a suggestion for a near-miss name), all problems
// of a file in one pass; good input in YAML or JSON, with variants and overrides, must load.
#include "scenario/ScenarioLoader.h"

#include <QtTest>

#include <string>

namespace {

// A valid base to break in one place at a time.
const char* kBase = R"(scenario: base
duration: 30s
services:
  src: { produces: Job, to: jobs, rate: 10/s }
  w: { consumes: jobs, concurrency: 2, service_time: 20ms }
brokers:
  jobs: { kind: queue, visibility_timeout: 30s }
)";

QString errorsOf(const std::string& text, const std::vector<es::Override>& overrides = {}, const std::string& variant = {})
{
    try {
        es::loadScenarioText(text, "case.yaml", overrides, variant);
    } catch (const es::ScenarioError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

std::string replaced(std::string text, const std::string& from, const std::string& to)
{
    const auto at = text.find(from);
    if (at == std::string::npos) qFatal("test setup: '%s' not in the base scenario", from.c_str());
    return text.replace(at, from.size(), to);
}

} // namespace

class TestScenarioLoader : public QObject {
    Q_OBJECT
private slots:
    void baseLoads();
    void badInput_data();
    void badInput();
    void severalProblemsAllReported();
    void infiniteMeanWarns();
    void setThroughAShortForm();
    void jsonLoads();
    void overridesAndVariants();
    void shippedScenariosLoad();
    void overrideMessagesSayWhatIsExpected();
    void aServerNobodyCallsWarns();
};

void TestScenarioLoader::baseLoads()
{
    const es::Scenario s = es::loadScenarioText(kBase, "case.yaml");
    QCOMPARE(s.services.size(), std::size_t{2});
    QCOMPARE(s.duration, 30 * es::kSecond);
    QCOMPARE(s.services[0].producer->rate, 10.0);
    QCOMPARE(s.services[1].consumer->concurrency, 2);
}

void TestScenarioLoader::badInput_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected"); // every '|'-separated part must appear in the message
    const std::string base = kBase;
    auto row = [&](const char* name, const std::string& text, const char* expected) {
        QTest::newRow(name) << QString::fromStdString(text) << QString::fromUtf8(expected);
    };
    row("syntax error", replaced(base, "rate: 10/s }", "rate: 10/s"), "case.yaml:|not valid YAML");
    row("unknown key", replaced(base, "concurrency: 2", "concurency: 2"), "case.yaml:5:24:|unknown key 'concurency'|did you mean 'concurrency'");
    row("wrong type", replaced(base, "service_time: 20ms", "service_time: [1, 2]"), "case.yaml:5:54:|service_time|expected a duration");
    row("bad unit", replaced(base, "duration: 30s", "duration: 30 parsecs"), "case.yaml:2:11:|not a duration|250ms");
    row("negative rate", replaced(base, "rate: 10/s", "rate: -10/s"), "case.yaml:4:41:|cannot be negative");
    row("rate unit", replaced(base, "rate: 10/s", "rate: 10/fortnight"), "not a rate|50/s");
    row("share over 100%", replaced(base, "service_time: 20ms", "service_time: 20ms, errors: 120%"), "errors: 120%|out of range|0% to 100%");
    row("zero partitions", replaced(base, "kind: queue, visibility_timeout: 30s", "kind: log, partitions: 0"), "'partitions: 0' is out of range|1 to");
    row("dangling reference", replaced(base, "consumes: jobs", "consumes: jbos"), "case.yaml:5:18:|no broker called 'jbos'|did you mean 'jobs'");
    row("unknown kind", replaced(base, "kind: queue", "kind: qeue"), "not one of: queue, topic, log, bus|did you mean 'queue'");
    row("name clash", replaced(base, "  w: {", "  jobs: {"), "names both a service and a broker");
    row("queue consumed twice", replaced(base, "brokers:", "  w2: { consumes: jobs }\nbrokers:"), "already consumed by 'w'|topic");
    row("push into a puller", replaced(base, "to: jobs", "to: w"), "pulls from queue 'jobs'");
    row("drop on a topic", base + "  t: { kind: topic }\nfailures:\n  - { at: 1s, target: t, drop: 5% }\n",
        "drop, duplicate and delay act on the link into a queue or a log");
    row("failure without a kind", base + "failures:\n  - { at: 1s, target: w }\n", "give exactly one of");
    row("unknown failure target", base + "failures:\n  - { at: 1s, target: ww, crash: true }\n", "no service called 'ww'|did you mean 'w'");
    row("poison_next of none", base + "failures:\n  - { at: 1s, target: src, poison_next: 0 }\n", "'poison_next: 0' is out of range|1 to");
    row("poison_next on a consumer", base + "failures:\n  - { at: 1s, target: w, poison_next: 1 }\n", "poison needs a service that produces");
    row("emit loop", replaced(base, "service_time: 20ms", "service_time: 20ms, emits: { type: Job, to: jobs }"),
        "form a loop|w → w");
    row("bad distribution", replaced(base, "service_time: 20ms", "service_time: { lognormal: { median: 20ms } }"), "needs 'p99'");
    row("misspelt distribution", replaced(base, "service_time: 20ms", "service_time: { exponental: 20ms }"), "did you mean 'exponential'");
    row("not a mapping", "scenario: x\nservices: [1, 2]\nbrokers: {}\n", "'services' should be a mapping");
    // Messages that used to mislead (issue 17): each names the real problem, the scenario's own keys
    // and units, and no C++ function names or float noise.
    row("mean and rate", replaced(base, "service_time: 20ms", "service_time: { exponential: { mean: 20ms, rate: 50/s } }"),
        "case.yaml:5:69:|either 'mean'|or 'rate'|not both");
    row("lognormal p99 below median",
        replaced(base, "service_time: 20ms", "service_time: { lognormal: { median: 40ms, p99: 30ms } }"),
        "case.yaml:5:67:|'p99' (30ms) is below 'median' (40ms)");
    row("uniform min above max", replaced(base, "service_time: 20ms", "service_time: { uniform: { min: 9ms, max: 3ms } }"),
        "'min' (9ms) is above 'max' (3ms)");
    row("duration out of range", replaced(base, "service_time: 20ms", "service_time: 107000d"),
        "case.yaml:5:54:|'107000d' is out of range|at most 106481d");
    row("key duration out of range", replaced(base, "visibility_timeout: 30s", "visibility_timeout: 200000d"),
        "case.yaml:7:44:|'200000d' is out of range|at most 106481d");
    row("distribution duration out of range",
        replaced(base, "service_time: 20ms", "service_time: { exponential: { mean: 107000d } }"), "'107000d' is out of range");
}

void TestScenarioLoader::badInput()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const QString message = errorsOf(text.toStdString());
    QVERIFY2(!message.isEmpty(), "the bad input was accepted");
    for (const QString& part : expected.split(QLatin1Char('|')))
        QVERIFY2(message.contains(part), qPrintable(QStringLiteral("missing '%1' in:\n%2").arg(part, message)));
    for (const char* leak : {"Distribution::", "lo/hi", "0000000"})
        QVERIFY2(!message.contains(QLatin1String(leak)), qPrintable(QStringLiteral("'%1' leaked into:\n%2").arg(leak, message)));
}

// A Pareto tail with shape <= 1 is valid (it models extreme tails) but has no mean: the loader says so,
// naming the key, and still loads; a finite-mean tail gets no warning.
// `--set` through a short form (retries: 0) says how to write the whole value, and that value works.
void TestScenarioLoader::setThroughAShortForm()
{
    const std::string text = replaced(kBase, "service_time: 20ms", "service_time: 20ms, retries: 0");
    const QString message = errorsOf(text, {{"services.w.retries.max", "1"}});
    for (const char* part : {"--set services.w.retries.max", "'services.w.retries' is '0'", "not a mapping",
                             "--set services.w.retries='{max: ...}'"})
        QVERIFY2(message.contains(QLatin1String(part)), qPrintable(message));
    const es::Scenario s = es::loadScenarioText(text, "case.yaml", {{"services.w.retries", "{max: 2, backoff: 50ms}"}});
    QCOMPARE(s.services[1].consumer->retry.maxRetries, 2);
    QCOMPARE(s.services[1].consumer->retry.backoffBase, 50 * es::kMillisecond);
}

void TestScenarioLoader::infiniteMeanWarns()
{
    const es::Scenario heavy = es::loadScenarioText(
        replaced(kBase, "service_time: 20ms", "service_time: { pareto: { scale: 5ms, shape: 0.8 } }"), "case.yaml");
    QCOMPARE(heavy.warnings.size(), std::size_t{1});
    const QString w = QString::fromStdString(heavy.warnings[0].format());
    QVERIFY2(w.startsWith(QLatin1String("case.yaml:5:")), qPrintable(w));
    QVERIFY2(w.contains(QLatin1String("warning:")) && w.contains(QLatin1String("service_time")) &&
                 w.contains(QLatin1String("infinite mean")), qPrintable(w));
    const es::Scenario light = es::loadScenarioText(
        replaced(kBase, "service_time: 20ms", "service_time: { pareto: { scale: 5ms, shape: 2.5 } }"), "case.yaml");
    QVERIFY(light.warnings.empty());
}

// A --set (or a sweep) with a misspelt service name creates a server no one calls: the rows of a
// sweep over it would all be the same run, so the loader says so.
void TestScenarioLoader::aServerNobodyCallsWarns()
{
    const es::Scenario s = es::loadScenarioText(kBase, "case.yaml", {{"services.workers.concurrency", "4"}});
    QCOMPARE(s.warnings.size(), std::size_t{1});
    const QString w = QString::fromStdString(s.warnings[0].format());
    QVERIFY2(w.contains(QLatin1String("service 'workers' only answers calls, and no service calls it")), qPrintable(w));
    QVERIFY(es::loadScenarioText(kBase, "case.yaml").warnings.empty());
}

void TestScenarioLoader::severalProblemsAllReported()
{
    std::string text = kBase;
    text = replaced(text, "duration: 30s", "duration: 30 parsecs");
    text = replaced(text, "concurrency: 2", "concurency: 2");
    text = replaced(text, "visibility_timeout: 30s", "visibility_timeout: soon");
    const QString message = errorsOf(text);
    const QStringList lines = message.split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 3);
    // In file order.
    QVERIFY2(lines[0].startsWith(QLatin1String("case.yaml:2:")), qPrintable(message));
    QVERIFY2(lines[1].startsWith(QLatin1String("case.yaml:5:")), qPrintable(message));
    QVERIFY2(lines[2].startsWith(QLatin1String("case.yaml:7:")), qPrintable(message));
}

void TestScenarioLoader::jsonLoads()
{
    const std::string json = R"({"scenario": "j", "duration": "5s",
      "services": {"src": {"produces": "Job", "to": "jobs", "rate": "3000/min"},
                   "w": {"consumes": "jobs", "service_time": {"exponential": {"mean": "10ms"}}}},
      "brokers": {"jobs": {"kind": "queue"}}})";
    const es::Scenario s = es::loadScenarioText(json, "case.json");
    QCOMPARE(s.services[0].producer->rate, 50.0);
    QCOMPARE(s.duration, 5 * es::kSecond);
    QVERIFY(errorsOf(R"({"scenario": "j", "servces": {}})").contains(QLatin1String("did you mean 'services'")));
}

void TestScenarioLoader::overridesAndVariants()
{
    std::string text = std::string(kBase) + R"(failures:
  - { at: 10s, for: 5s, target: w, crash: true }
variants:
  no-failures: { failures: [] }
  busy: { services.src.rate: 50/s, services.w.concurrency: 8 }
  audit: { services.audit: { consumes: audit-q }, brokers.audit-q: { kind: queue } }
)";
    const es::Scenario base = es::loadScenarioText(text, "case.yaml");
    QCOMPARE(base.variants, (std::vector<std::string>{"no-failures", "busy", "audit"}));
    QCOMPARE(base.failures.size(), std::size_t{1});
    QCOMPARE(es::loadScenarioText(text, "case.yaml", {}, "no-failures").failures.size(), std::size_t{0});
    const es::Scenario busy = es::loadScenarioText(text, "case.yaml", {}, "busy");
    QCOMPARE(busy.services[0].producer->rate, 50.0);
    QCOMPARE(busy.services[1].consumer->concurrency, 8);
    QCOMPARE(es::loadScenarioText(text, "case.yaml", {}, "audit").services.size(), std::size_t{3});
    // --set goes after the variant, and creates mappings the file does not have.
    const es::Scenario set = es::loadScenarioText(text, "case.yaml", {{"services.w.concurrency", "3"}, {"metrics.interval", "250ms"}}, "busy");
    QCOMPARE(set.services[1].consumer->concurrency, 3);
    QCOMPARE(set.metrics.interval, 250 * es::kMillisecond);
    QVERIFY(errorsOf(text, {}, "bussy").contains(QLatin1String("no variant 'bussy' (did you mean 'busy'?)")));
    QVERIFY(errorsOf(text, {{"services.w.concurrency", "many"}}).contains(QLatin1String("'concurrency: many' is not a whole number")));
    QVERIFY(errorsOf(text, {{"failures.3.at", "1s"}}).contains(QLatin1String("not an index of the list")));
    // A typo on the way to a key is not silently turned into a new service.
    QVERIFY(errorsOf(text, {{"services.ww.concurrency", "2"}}).contains(QLatin1String("there is no 'ww' here (did you mean 'w'?)")));
    const std::string typoVariant = text + "  typo: { services.srcc.rate: 1/s }\n";
    QVERIFY(errorsOf(typoVariant, {}, "typo").contains(QLatin1String("variant 'typo': services.srcc.rate: there is no 'srcc' here (did you mean 'src'?)")));
    QVERIFY_THROWS_EXCEPTION(es::ScenarioError, es::parseOverride("services.w.concurrency"));
}

// Issue 19, "Messages": ranges instead of "not a whole number", the variant named in its errors,
// repeated keys inside a --set value, new mappings through --set, an absurd layout refused.
void TestScenarioLoader::overrideMessagesSayWhatIsExpected()
{
    const std::string text = std::string(kBase) + "variants:\n  bad: { services.w.concurrency: -3 }\n";
    QVERIFY(errorsOf(text, {{"seed", "18446744073709551615"}})
                .contains(QLatin1String("'seed: 18446744073709551615' is out of range; expected a whole number from 0 to 9223372036854775807")));
    QCOMPARE(es::loadScenarioText(text, "case.yaml", {{"services.w.concurrency", "1e1"}}).services[1].consumer->concurrency, 10);
    QVERIFY(errorsOf(text, {{"services.w.concurrency", "1e7"}}).contains(QLatin1String("is out of range; expected a whole number from 1 to")));
    QVERIFY(errorsOf(text, {{"services.w.concurrency", "1.5"}}).contains(QLatin1String("'concurrency: 1.5' is not a whole number")));
    // The variant's error names the variant, and has no made-up position.
    const QString bad = errorsOf(text, {}, "bad");
    QVERIFY2(bad.contains(QLatin1String("'concurrency: -3' is out of range; expected a whole number from 1 to 100000 (variant 'bad')")), qPrintable(bad));
    QVERIFY2(!bad.contains(QLatin1String("case.yaml:1:1")), qPrintable(bad));
    // A key twice inside a --set value is reported, not silently the second one.
    const QString twice = errorsOf(text, {{"services.w", "{consumes: jobs, concurrency: 1, concurrency: 2}"}});
    QVERIFY2(twice.contains(QLatin1String("--set services.w: 'concurrency' appears twice")), qPrintable(twice));
    QVERIFY2(!twice.contains(QLatin1String("case.yaml:1:")), qPrintable(twice));
    // --set creates the service it names (documented): the message is about its broker, not a typo.
    const QString created = errorsOf(text, {{"services.x.consumes", "nowhere"}});
    QVERIFY2(created.contains(QLatin1String("service 'x' consumes nowhere: there is no broker called 'nowhere'")), qPrintable(created));
    // A layout past a million pixels is refused with the range.
    QVERIFY(errorsOf(text, {{"layout", "{w: [1e308, -1e308]}"}}).contains(QLatin1String("two numbers from -1e+06 to 1e+06")));
}

void TestScenarioLoader::shippedScenariosLoad()
{
    QDirIterator it(QStringLiteral(SCENARIOS_DIR), {QStringLiteral("*.yaml"), QStringLiteral("*.json")}, QDir::Files,
                    QDirIterator::Subdirectories);
    int n = 0;
    while (it.hasNext()) {
        const std::string path = it.next().toStdString();
        try {
            const es::Scenario s = es::loadScenarioFile(path);
            for (const std::string& v : s.variants) es::loadScenarioFile(path, {}, v);
        } catch (const es::ScenarioError& e) {
            QFAIL(e.what());
        }
        ++n;
    }
    QVERIFY(n >= 3);
}

QTEST_APPLESS_MAIN(TestScenarioLoader)
#include "tst_scenario_loader.moc"

// Fuzz regressions and a deterministic mutation test of the scenario loader, run by ctest with any
// compiler. Every input goes through the same harness as the libFuzzer target (fuzz/ScenarioHarness.h):
// the loader accepts or throws ScenarioError, nothing else; a loaded scenario builds and runs within an
// event budget; the summary is made and conservation holds.
//   - regressions: every file in tests/data/fuzz-regressions/ (crashers found by the fuzzer, fixed);
//   - seeds: every file in tests/data/fuzz-seeds/ and scenarios/, and every variant of them (these
//     must also load);
//   - mutations: a fixed-seed loop of byte flips, line deletions/duplications/swaps, numbers replaced
//     by huge/negative/zero values, truncations and inserted keys over the seeds and shipped scenarios.
// Inputs in tests/data/fuzz-pending/ (found, reported, not fixed yet) are not replayed; the contract
// breaks and hazards they cause are listed, one description fragment a line, in
// tests/data/fuzz-pending/KNOWN and tolerated (counted, not failed) in the mutation loop until the
// engine is fixed (HarnessOptions::ignore).
// EVENTSCAPE_FUZZ_MUTATIONS=N changes the number of mutations; EVENTSCAPE_FUZZ_TRACE=1 writes each
// mutated input to fuzz-mutation-current.yaml in the temp folder before running it (to catch a crash).
#include "ScenarioHarness.h"
#include "scenario/ScenarioLoader.h"

#include <QtTest>

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace {

constexpr const char* kDataDir = FUZZ_DATA_DIR; // tests/data

struct Input {
    QString name;
    std::string text;
};

std::string readFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    const QByteArray b = f.readAll();
    return std::string(b.constData(), static_cast<std::size_t>(b.size()));
}

bool isDocumentation(const QString& fileName)
{
    return fileName.startsWith(QLatin1String("README")) || fileName == QLatin1String("KNOWN") ||
           fileName.startsWith(QLatin1Char('.'));
}

std::vector<Input> inputsIn(const QString& dir, bool recursive)
{
    std::vector<Input> out;
    QDirIterator it(dir, QDir::Files, recursive ? QDirIterator::Subdirectories : QDirIterator::NoIteratorFlags);
    while (it.hasNext()) {
        const QString path = it.next();
        if (isDocumentation(it.fileName())) continue;
        out.push_back(Input{QDir(dir).relativeFilePath(path), readFile(path)});
    }
    std::sort(out.begin(), out.end(), [](const Input& a, const Input& b) { return a.name < b.name; });
    return out;
}

std::vector<std::string> knownPending()
{
    std::vector<std::string> out;
    const QString text = QString::fromStdString(readFile(QString::fromUtf8(kDataDir) + "/fuzz-pending/KNOWN"));
    for (const QString& line : text.split(QLatin1Char('\n'))) {
        const QString l = line.trimmed();
        if (!l.isEmpty() && !l.startsWith(QLatin1Char('#'))) out.push_back(l.toStdString());
    }
    return out;
}

// A small deterministic generator (splitmix64): the same mutations on every platform and library.
class Rng {
public:
    explicit Rng(std::uint64_t seed) : s_(seed) {}
    std::uint64_t next()
    {
        std::uint64_t z = (s_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }
    template <class T, std::size_t N> const T& pick(const std::array<T, N>& a) { return a[below(N)]; }

private:
    std::uint64_t s_;
};

constexpr std::array<const char*, 32> kValues = {
    "0", "-1", "-0", "1", "1e308", "-1e308", "9223372036854775807", "9223372036854775808", "18446744073709551616",
    "1e-300", "nan", "inf", "-inf", "0.0001", "99999999", "100000000", "1e9", "2147483648", "4294967296", "65536",
    "10000", "", "~", "[]", "{}", "1e308/s", "1e-9ns", ".5", "0x10", "1e18", "3", "\"\""};

constexpr std::array<const char*, 23> kUnits = {
    "ns", "us", "ms", "s", "m", "h", "d", "/s", "/ms", "/min", "/h", "/d", "%", "x", "", "µs", "×", " s", "ss",
    "/", "e", "+", "-"};

constexpr std::array<const char*, 100> kKeys = {
    "scenario", "title", "seed", "duration", "metrics", "interval", "max_rows", "services", "brokers", "failures",
    "produces", "consumes", "to", "rate", "arrivals", "rate_changes", "at", "ramp", "bursts", "every", "size",
    "start", "stop", "limit", "keys", "hot_key", "attributes", "version", "from", "group", "instances",
    "concurrency", "service_time", "errors", "retries", "max", "backoff", "multiplier", "max_backoff", "jitter",
    "delivery", "ack_latency", "idempotent", "ttl", "commit", "emits", "type", "uniform", "min", "exponential",
    "mean", "normal", "sd", "lognormal", "median", "p99", "pareto", "scale", "shape", "empirical", "kind",
    "subscribe", "visibility_timeout", "max_receives", "partitions", "retention", "assignor", "session_timeout",
    "rebalance_time", "rules", "name", "match", "for", "target", "instance", "crash", "slowdown", "replay",
    "queue", "topic", "log", "bus", "constant", "summary", "crash_before_ack", "restart_after", "poison", "outage",
    "partition", "drop", "duplicate", "delay", "share", "by", "publish_timeout", "objectives", "notes", "variants",
    "text", "pause"};

constexpr std::array<const char*, 24> kWords = {
    "true", "false", "earliest", "each", "poisson", "constant", "queue", "topic", "log", "bus", "at-least-once",
    "at-most-once", "range", "cooperative-sticky", "10x", "+200ms", "50%", "{ max: 3, backoff: 1ms }",
    "{ exponential: { mean: 1ms } }", "[a, b]", "&a x", "*a", "!!binary aGk=", "{ kind: queue }"};

std::vector<std::string> splitLines(const std::string& s)
{
    std::vector<std::string> lines;
    std::size_t pos = 0;
    while (pos <= s.size()) {
        const std::size_t eol = s.find('\n', pos);
        if (eol == std::string::npos) {
            lines.push_back(s.substr(pos));
            break;
        }
        lines.push_back(s.substr(pos, eol - pos));
        pos = eol + 1;
    }
    return lines;
}

std::string joinLines(const std::vector<std::string>& lines)
{
    std::string s;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (i) s += '\n';
        s += lines[i];
    }
    return s;
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// One mutation of `s`, using `donor` (another input) for splices. Returns what it did, for messages.
const char* mutateOnce(std::string& s, const std::string& donor, Rng& rng)
{
    switch (rng.below(12)) {
    case 0: { // flip a bit
        if (s.empty()) return "flip (empty)";
        s[rng.below(s.size())] ^= static_cast<char>(1u << rng.below(8));
        return "flip a bit";
    }
    case 1: { // delete a line
        auto lines = splitLines(s);
        if (lines.size() > 1) lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(rng.below(lines.size())));
        s = joinLines(lines);
        return "delete a line";
    }
    case 2: { // duplicate a line (repeated keys, repeated list items)
        auto lines = splitLines(s);
        const std::size_t i = rng.below(lines.size());
        lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(i), lines[i]);
        s = joinLines(lines);
        return "duplicate a line";
    }
    case 3: { // swap two lines
        auto lines = splitLines(s);
        std::swap(lines[rng.below(lines.size())], lines[rng.below(lines.size())]);
        s = joinLines(lines);
        return "swap two lines";
    }
    case 4:
    case 5: { // replace a number (keeping its unit) with an extreme value
        std::vector<std::pair<std::size_t, std::size_t>> numbers;
        for (std::size_t i = 0; i < s.size();) {
            if (isDigit(s[i])) {
                std::size_t j = i;
                while (j < s.size() && (isDigit(s[j]) || s[j] == '.')) ++j;
                numbers.emplace_back(i, j - i);
                i = j;
            } else {
                ++i;
            }
        }
        if (numbers.empty()) return "number (none)";
        const auto [at, len] = numbers[rng.below(numbers.size())];
        s.replace(at, len, rng.pick(kValues));
        return "replace a number";
    }
    case 6: { // change a unit after a number
        std::vector<std::size_t> ends;
        for (std::size_t i = 1; i < s.size(); ++i)
            if (isDigit(s[i - 1]) && !isDigit(s[i]) && s[i] != '.') ends.push_back(i);
        if (ends.empty()) return "unit (none)";
        const std::size_t at = ends[rng.below(ends.size())];
        std::size_t len = 0;
        while (at + len < s.size() && (std::isalpha(static_cast<unsigned char>(s[at + len])) || s[at + len] == '/' ||
                                       s[at + len] == '%'))
            ++len;
        s.replace(at, len, rng.pick(kUnits));
        return "change a unit";
    }
    case 7: { // truncate
        s.resize(rng.below(s.size() + 1));
        return "truncate";
    }
    case 8: { // insert `key: value` with the indentation of a neighbouring line
        auto lines = splitLines(s);
        const std::size_t i = rng.below(lines.size());
        const std::string& near = lines[i];
        const std::size_t indent = near.find_first_not_of(' ');
        std::string line(indent == std::string::npos ? 0 : indent, ' ');
        line += std::string(rng.pick(kKeys)) + ": " + (rng.below(2) ? rng.pick(kValues) : rng.pick(kWords));
        lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(i), line);
        s = joinLines(lines);
        return "insert a key";
    }
    case 9: { // replace the value after a ':' with a word, a key or a value
        std::vector<std::size_t> colons;
        for (std::size_t i = 0; i + 1 < s.size(); ++i)
            if (s[i] == ':' && s[i + 1] == ' ') colons.push_back(i + 2);
        if (colons.empty()) return "value (none)";
        const std::size_t at = colons[rng.below(colons.size())];
        std::size_t len = 0;
        while (at + len < s.size() && s[at + len] != '\n' && s[at + len] != ',' && s[at + len] != '}') ++len;
        const std::size_t which = rng.below(3);
        s.replace(at, len, which == 0 ? rng.pick(kWords) : which == 1 ? rng.pick(kKeys) : rng.pick(kValues));
        return "replace a value";
    }
    case 10: { // splice a line of another input
        auto lines = splitLines(s);
        const auto other = splitLines(donor);
        lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(rng.below(lines.size() + 1)),
                     other[rng.below(other.size())]);
        s = joinLines(lines);
        return "splice a line";
    }
    default: { // insert a YAML-significant or non-ASCII byte
        static constexpr std::array<char, 16> kBytes = {':', '{', '}', '[', ']', '-', '&', '*', '!', '|',
                                                        '\t', '#', '\'', '"', '\0', '\xff'};
        s.insert(s.begin() + static_cast<std::ptrdiff_t>(rng.below(s.size() + 1)), rng.pick(kBytes));
        return "insert a byte";
    }
    }
}

} // namespace

class TestFuzzRegressions : public QObject {
    Q_OBJECT

private:
    std::vector<Input> bases_;         // seeds + shipped scenarios
    std::vector<std::string> pending_; // known, reported, unfixed contract breaks

    // Fails the current test with the input saved for the record.
    void report(const QString& what, const std::string& input, const std::string& problem)
    {
        const QString path = QDir::temp().filePath(QStringLiteral("fuzz-failure-%1.yaml").arg(qHash(what)));
        QFile f(path);
        if (f.open(QIODevice::WriteOnly)) f.write(input.data(), static_cast<qint64>(input.size()));
        QFAIL(qPrintable(QStringLiteral("%1: %2\n(input saved to %3)").arg(what, QString::fromStdString(problem), path)));
    }

private slots:
    void initTestCase()
    {
        for (Input& in : inputsIn(QString::fromUtf8(kDataDir) + "/fuzz-seeds", false)) {
            in.name.prepend(QLatin1String("fuzz-seeds/"));
            bases_.push_back(std::move(in));
        }
        for (Input& in : inputsIn(QStringLiteral(SCENARIOS_DIR), true)) {
            in.name.prepend(QLatin1String("scenarios/"));
            bases_.push_back(std::move(in));
        }
        QVERIFY2(bases_.size() >= 4, "the seeds and the shipped scenarios were not found");
        // Each variant of a scenario is an input too (a `#variant NAME` header line, see ScenarioHarness.h).
        const std::size_t plain = bases_.size();
        for (std::size_t i = 0; i < plain; ++i) {
            std::vector<std::string> variants;
            try {
                variants = es::loadScenarioText(bases_[i].text, bases_[i].name.toStdString()).variants;
            } catch (const std::exception&) {
                continue; // the seeds test reports it
            }
            for (const std::string& v : variants)
                bases_.push_back(Input{bases_[i].name + "#" + QString::fromStdString(v), "#variant " + v + "\n" + bases_[i].text});
        }
        pending_ = knownPending();
    }

    void regressions_data()
    {
        QTest::addColumn<QString>("path");
        const QString dir = QString::fromUtf8(kDataDir) + "/fuzz-regressions";
        for (const Input& in : inputsIn(dir, false)) QTest::newRow(qPrintable(in.name)) << dir + "/" + in.name;
        if (inputsIn(dir, false).empty()) QTest::newRow("(none yet)") << QString();
    }

    // Each crasher found so far, replayed with the fuzzer's own settings.
    void regressions()
    {
        QFETCH(QString, path);
        if (path.isEmpty()) QSKIP("tests/data/fuzz-regressions/ holds no input yet");
        const std::string input = readFile(path);
        QElapsedTimer t;
        t.start();
        const es::fuzz::HarnessResult r = es::fuzz::runScenarioInput(input);
        if (!r.bug.empty()) report(path, input, r.bug);
        if (t.elapsed() > 20'000) report(path, input, "took " + std::to_string(t.elapsed()) + " ms");
    }

    void seeds_data()
    {
        QTest::addColumn<int>("index");
        for (std::size_t i = 0; i < bases_.size(); ++i) QTest::newRow(qPrintable(bases_[i].name)) << static_cast<int>(i);
    }

    // The seeds and the shipped scenarios load, run within the budget and conserve events.
    void seeds()
    {
        QFETCH(int, index);
        const Input& in = bases_[static_cast<std::size_t>(index)];
        const es::fuzz::HarnessResult r = es::fuzz::runScenarioInput(in.text);
        if (!r.bug.empty()) report(in.name, in.text, r.bug);
        QVERIFY2(r.verdict != es::fuzz::Verdict::Rejected, qPrintable(QString::fromStdString(r.message)));
    }

    // The deterministic mutation loop.
    void mutations()
    {
        bool ok = false;
        int count = qEnvironmentVariableIntValue("EVENTSCAPE_FUZZ_MUTATIONS", &ok);
        if (!ok || count <= 0) count = 4000;
        const bool trace = qEnvironmentVariableIsSet("EVENTSCAPE_FUZZ_TRACE");
        es::fuzz::HarnessOptions options;
        options.ignore = pending_;
        Rng rng(0x5eed'f022'e5ca'9e01ULL);
        std::map<es::fuzz::Verdict, int> verdicts;
        std::map<std::string, int> pendingHits;
        QElapsedTimer total;
        total.start();
        qint64 slowest = 0;
        for (int i = 0; i < count; ++i) {
            const Input& base = bases_[rng.below(bases_.size())];
            const Input& donor = bases_[rng.below(bases_.size())];
            std::string text = base.text;
            QString how;
            const std::size_t steps = 1 + rng.below(4);
            for (std::size_t k = 0; k < steps; ++k) how += QString::fromUtf8(mutateOnce(text, donor.text, rng)) + "; ";
            if (trace) {
                QFile f(QDir::temp().filePath(QStringLiteral("fuzz-mutation-current.yaml")));
                if (f.open(QIODevice::WriteOnly)) f.write(text.data(), static_cast<qint64>(text.size()));
                qInfo("mutation %d of %s: %s", i, qPrintable(base.name), qPrintable(how));
            }
            QElapsedTimer t;
            t.start();
            const es::fuzz::HarnessResult r = es::fuzz::runScenarioInput(text, options);
            slowest = std::max(slowest, t.elapsed());
            if (r.verdict == es::fuzz::Verdict::KnownPending)
                for (const std::string& fragment : pending_)
                    if (r.message.find(fragment) != std::string::npos) {
                        ++pendingHits[fragment];
                        break;
                    }
            if (!r.bug.empty()) {
                report(QStringLiteral("mutation %1 of %2 (%3)").arg(i).arg(base.name, how), text, r.bug);
                return;
            }
            if (t.elapsed() > 10'000) {
                report(QStringLiteral("mutation %1 of %2 (%3)").arg(i).arg(base.name, how), text,
                       "took " + std::to_string(t.elapsed()) + " ms (" + std::to_string(r.events) + " events)");
                return;
            }
            ++verdicts[r.verdict];
        }
        QString summary;
        for (const auto& [v, n] : verdicts) summary += QStringLiteral("%1 %2, ").arg(n).arg(es::fuzz::verdictName(v));
        qInfo("%d mutations in %lld ms (slowest %lld ms): %s", count, total.elapsed(), slowest, qPrintable(summary));
        for (const auto& [fragment, n] : pendingHits)
            qWarning("known pending finding '%s' (tests/data/fuzz-pending/KNOWN) hit %d times", fragment.c_str(), n);
        // The loop must reach past the loader, or it tests nothing but the rejections.
        QVERIFY2(verdicts[es::fuzz::Verdict::Ran] + verdicts[es::fuzz::Verdict::BudgetHit] > count / 20,
                 "fewer than 5% of the mutations loaded and ran");
    }
};

QTEST_GUILESS_MAIN(TestFuzzRegressions)
#include "tst_fuzz_regressions.moc"

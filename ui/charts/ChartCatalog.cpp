#include "charts/ChartCatalog.h"
#include "charts/LineCap.h"
#include "scenario/ChartsReader.h"
#include "scenario/Scenario.h"

#include <QObject>

#include <algorithm>

namespace esui {

namespace {

bool endsWith(const std::string& s, const std::string& suffix)
{
    return s.size() > suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string stem(const std::string& s, const std::string& suffix) { return s.substr(0, s.size() - suffix.size()); }

// The component a series belongs to: its name up to the first dot ("email-q.depth" -> "email-q").
std::string componentOf(const std::string& series) { return series.substr(0, series.find('.')); }

// Every series named "<x><suffix>", as a line labelled "<x><label>".
void addLines(ChartSpec& spec, const std::vector<std::string>& names, const std::string& suffix, const QString& label, int axis = 0)
{
    for (const std::string& n : names) {
        if (!endsWith(n, suffix)) continue;
        const std::string x = stem(n, suffix);
        if (x.find('.') != std::string::npos) continue; // per-partition series ("log.group.p0.lag") stay out
        spec.lines.push_back({n, QString::fromStdString(x) + label, axis});
    }
}

// The users of each entry service (synchronous calls): what they wait for a successful answer
// (p50/p95/p99 per window, left) and how their requests end (per second, right).
void addUsersChart(std::vector<ChartSpec>& out, const std::vector<std::string>& names)
{
    ChartSpec users{"users", QObject::tr("Users: latency and outcomes"), QObject::tr("latency (s)"),
                    QObject::tr("requests / s"), {}, {}};
    static const char* const kOutcomes[][2] = {{"succeeded", QT_TR_NOOP("succeeded")}, {"failed", QT_TR_NOOP("failed")},
                                               {"timed_out", QT_TR_NOOP("timed out")}, {"rejected", QT_TR_NOOP("rejected")},
                                               {"failed_fast", QT_TR_NOOP("failed fast")}};
    const auto entries = std::count_if(names.begin(), names.end(), [](const std::string& n) { return endsWith(n, ".users.latency_p50_s"); });
    for (const std::string& n : names) {
        if (!endsWith(n, ".users.latency_p50_s")) continue;
        const std::string u = stem(n, ".latency_p50_s"); // "<entry>.users"
        // One entry service (every lesson): short labels, so the legend fits a narrow dock.
        const QString q = entries > 1 ? QString::fromStdString(stem(u, ".users")) + " " : QString();
        users.lines.push_back({u + ".latency_p50_s", q + "p50", 0});
        users.lines.push_back({u + ".latency_p95_s", q + "p95", 0});
        users.lines.push_back({u + ".latency_p99_s", q + "p99", 0});
        for (const auto& o : kOutcomes)
            if (std::find(names.begin(), names.end(), u + "." + o[0] + "_per_s") != names.end())
                users.lines.push_back({u + "." + o[0] + "_per_s", q + QObject::tr(o[1]) + "/s", 1});
    }
    // First: in a lesson with users, what they see is the point.
    out.insert(out.begin(), users);
}

// The partition of a per-partition series: "<log>.<group>.p<N>.<metric>" -> N and the group
// "<log>.<group>"; -1 when `name` is not one.
int partitionOf(const std::string& name, const std::string& metric, std::string& group)
{
    if (!endsWith(name, "." + metric)) return -1;
    const std::string x = stem(name, "." + metric);
    const std::size_t dot = x.rfind('.');
    if (dot == std::string::npos || dot + 2 > x.size() || x[dot + 1] != 'p') return -1;
    const std::string digits = x.substr(dot + 2);
    if (digits.empty() || digits.size() > 6 || digits.find_first_not_of("0123456789") != std::string::npos) return -1;
    group = x.substr(0, dot);
    return std::stoi(digits);
}

// Lag per partition of every log's consumer groups: a line per partition ("p3"; "<group> p3" when
// several groups have partitions), or past the sampler's per-partition limit the spread across
// them (min, mean, p99, max; the series "<log>.<group>.partitions.*"). Where one key is hot, one
// line climbs while the others stay flat: what the per-group total hides.
ChartSpec partitionChart(const std::vector<std::string>& names, bool seconds)
{
    ChartSpec spec = seconds ? ChartSpec{"partition-lag-seconds", QObject::tr("Consumer lag per partition, in time"),
                                         QObject::tr("oldest waiting (s)"), {}, {}, {}}
                             : ChartSpec{"partition-lag", QObject::tr("Consumer lag per partition"), QObject::tr("lag (messages)"), {}, {}, {}};
    const std::string metric = seconds ? "lag_seconds" : "lag";
    struct Line { std::string group; int partition; std::string series; };
    std::vector<Line> lines;
    std::vector<std::string> groups;
    for (const std::string& n : names) {
        std::string g;
        const int p = partitionOf(n, metric, g);
        if (p < 0) continue;
        lines.push_back({g, p, n});
        if (std::find(groups.begin(), groups.end(), g) == groups.end()) groups.push_back(g);
    }
    static const char* const kSpreadMessages[][2] = {{"lag_max", "max"}, {"lag_p99", "p99"}, {"lag_mean", "mean"}, {"lag_min", "min"}};
    static const char* const kSpreadSeconds[][2] = {{"lag_seconds_max", "max"}, {"lag_seconds_p99", "p99"}};
    std::vector<std::string> spreadGroups;
    for (const std::string& n : names)
        if (endsWith(n, seconds ? ".partitions.lag_seconds_max" : ".partitions.lag_max"))
            spreadGroups.push_back(stem(n, seconds ? ".partitions.lag_seconds_max" : ".partitions.lag_max"));
    const bool several = groups.size() + spreadGroups.size() > 1;
    // The group's name without its log ("clicks.trending" -> "trending"): the legend stays short.
    auto shortName = [](const std::string& g) { return QString::fromStdString(g.substr(g.find('.') + 1)); };
    for (const std::string& g : groups)
        for (const Line& l : lines)
            if (l.group == g) spec.lines.push_back({l.series, (several ? shortName(g) + " " : QString()) + "p" + QString::number(l.partition), 0});
    for (const std::string& g : spreadGroups) {
        const QString prefix = (several ? shortName(g) + " " : QString()) + QObject::tr("partitions ");
        if (seconds)
            for (const auto& m : kSpreadSeconds) spec.lines.push_back({g + ".partitions." + m[0], prefix + m[1], 0});
        else
            for (const auto& m : kSpreadMessages) spec.lines.push_back({g + ".partitions." + m[0], prefix + m[1], 0});
    }
    return spec;
}

} // namespace

std::vector<ChartSpec> defaultCharts(const std::vector<std::string>& all, const std::vector<std::string>& idle)
{
    std::vector<std::string> names;
    for (const std::string& n : all)
        if (std::find(idle.begin(), idle.end(), componentOf(n)) == idle.end()) names.push_back(n);
    std::vector<ChartSpec> out;
    ChartSpec lag{"lag-messages", QObject::tr("Consumer lag"), QObject::tr("lag (messages)"), {}, {}, {}};
    addLines(lag, names, ".lag_messages", {});
    out.push_back(lag);

    ChartSpec lagTime{"lag-seconds", QObject::tr("Consumer lag in time"), QObject::tr("oldest waiting (s)"), {}, {}, {}};
    addLines(lagTime, names, ".lag_seconds", {});
    out.push_back(lagTime);

    out.push_back(partitionChart(names, false));
    out.push_back(partitionChart(names, true));

    ChartSpec latency{"latency", QObject::tr("Latency per sampling window"), QObject::tr("latency (s)"), {}, {}, {}};
    for (const std::string& n : names) {
        if (!endsWith(n, ".latency_p50_s")) continue;
        const std::string g = stem(n, ".latency_p50_s");
        if (endsWith(g, ".users")) continue; // the users' latency has its own chart
        const QString q = QString::fromStdString(g);
        latency.lines.push_back({g + ".latency_p50_s", q + " p50", 0});
        latency.lines.push_back({g + ".latency_p95_s", q + " p95", 0});
        latency.lines.push_back({g + ".latency_p99_s", q + " p99", 0});
    }
    out.push_back(latency);

    // The run so far as one distribution per group (the same groups as the latency chart).
    ChartSpec distribution{"latency-distribution", QObject::tr("Latency distribution, run so far"), QObject::tr("events at or below (%)"), {}, {}, {}};
    distribution.kind = ChartKind::Distribution;
    for (const std::string& n : names)
        if (endsWith(n, ".latency_p50_s")) {
            const std::string g = stem(n, ".latency_p50_s");
            distribution.lines.push_back({g, QString::fromStdString(g), 0});
        }
    out.push_back(distribution);

    ChartSpec throughput{"throughput", QObject::tr("Throughput"), QObject::tr("events / s"), {}, {}, {}};
    addLines(throughput, names, ".produced_per_s", QObject::tr(" in"));
    addLines(throughput, names, ".throughput_per_s", QObject::tr(" out"));
    out.push_back(throughput);

    ChartSpec queues{"queues", QObject::tr("Queue depth and dead letters"), QObject::tr("messages"), {}, {}, {}};
    addLines(queues, names, ".depth", QObject::tr(" depth"));
    addLines(queues, names, ".dlq", QObject::tr(" DLQ"));
    out.push_back(queues);

    ChartSpec inFlight{"in-flight", QObject::tr("In flight"), QObject::tr("messages"), {}, {}, {}};
    addLines(inFlight, names, ".in_flight", QObject::tr(" received, not deleted"));
    addLines(inFlight, names, ".in_progress", QObject::tr(" being processed"));
    out.push_back(inFlight);

    // The servers of synchronous calls: threads held (each request holds one for its own time and
    // its calls) and requests waiting in the backlog: where a cascade starts.
    ChartSpec threads{"threads", QObject::tr("Servers: busy threads and backlog"), QObject::tr("busy threads"),
                      QObject::tr("waiting requests"), {}, {}};
    addLines(threads, names, ".busy_threads", QObject::tr(" threads"));
    addLines(threads, names, ".backlog", QObject::tr(" backlog"), 1);
    out.push_back(threads);

    // State (read models): how stale each read model is now (left), and the anomalies its readers'
    // decisions made against the true state so far (right): the consistency window's cost.
    ChartSpec consistency{"consistency", QObject::tr("Consistency: staleness and anomalies"), QObject::tr("staleness (s)"),
                          QObject::tr("anomalies (count)"), {}, {}};
    addLines(consistency, names, ".staleness_s", QObject::tr(" staleness"));
    addLines(consistency, names, ".oversold", QObject::tr(" oversold"), 1);
    addLines(consistency, names, ".accepted_without", QObject::tr(" accepted on a stale read"), 1);
    addLines(consistency, names, ".refused_with", QObject::tr(" refused on a stale read"), 1);
    out.push_back(consistency);

    // Sagas: how the business transactions ended so far (left), and the few stuck half done or
    // still under way on their own axis (right), so a handful of stuck sagas is not a flat line.
    ChartSpec sagas{"sagas", QObject::tr("Sagas: how they ended"), QObject::tr("completed, compensated"),
                    QObject::tr("stuck, in flight"), {}, {}};
    addLines(sagas, names, ".saga_completed", QObject::tr(" completed"));
    addLines(sagas, names, ".saga_compensated", QObject::tr(" compensated"));
    addLines(sagas, names, ".saga_stuck", QObject::tr(" stuck"), 1);
    addLines(sagas, names, ".saga_in_flight", QObject::tr(" in flight"), 1);
    out.push_back(sagas);

    addUsersChart(out, names);

    for (ChartSpec& c : out) capLines(c);
    std::erase_if(out, [](const ChartSpec& c) { return c.lines.empty(); });
    return out;
}

std::vector<std::string> idleComponents(const es::Scenario& sc)
{
    std::vector<std::string> out;
    if (sc.style == es::CallStyle::Sync)
        for (const es::BrokerSpec& b : sc.brokers) out.push_back(b.name);
    return out;
}

QString chartIdForName(const std::string& name)
{
    return name == "lag" ? QStringLiteral("lag-messages") : QString::fromStdString(name);
}

QStringList chosenChartIds(const es::Scenario& sc)
{
    QStringList ids;
    for (const std::string& n : sc.charts.empty() ? es::kDefaultCharts : sc.charts) ids.push_back(chartIdForName(n));
    return ids;
}

std::size_t putChosenFirst(std::vector<ChartSpec>& specs, const QStringList& chosen)
{
    auto rank = [&chosen](const QString& id) {
        const qsizetype i = chosen.indexOf(id);
        return i < 0 ? chosen.size() : i;
    };
    std::stable_sort(specs.begin(), specs.end(), [&rank](const ChartSpec& a, const ChartSpec& b) { return rank(a.id) < rank(b.id); });
    return static_cast<std::size_t>(std::count_if(specs.begin(), specs.end(), [&chosen](const ChartSpec& s) { return chosen.contains(s.id); }));
}

std::vector<std::string> lagStatusGroups(const std::vector<std::string>& names)
{
    std::vector<std::string> out;
    for (const std::string& n : names)
        if (endsWith(n, ".lag_status")) out.push_back(stem(n, ".lag_status"));
    return out;
}

} // namespace esui

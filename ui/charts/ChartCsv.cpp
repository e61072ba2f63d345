#include "charts/ChartCsv.h"

#include "charts/SeriesSource.h"
#include "charts/DistributionCurve.h"

#include <QFile>
#include <QObject>

#include <charconv>
#include <cmath>
#include <map>
#include <vector>

namespace esui {

namespace {

QString csvField(const QString& s)
{
    if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"')) && !s.contains(QLatin1Char('\n'))) return s;
    QString quoted = s;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

// Shortest text that reads back as the same double (std::to_chars), so a script gets the exact
// sample; NaN as an empty field, as the store's own CSV export writes it.
QString csvNumber(double v)
{
    if (std::isnan(v)) return {};
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return QString::fromLatin1(buf, static_cast<int>(r.ptr - buf));
}

// Rows keyed by x; one value per line, NaN where a line has no point at that x.
using Table = std::map<double, std::vector<double>>;

void put(Table& t, double x, std::size_t line, std::size_t lines, double v)
{
    auto it = t.try_emplace(x, lines, std::nan("")).first;
    it->second[line] = v;
}

Table timeTable(const ChartSpec& spec, const SeriesSource& store, double t0, double t1)
{
    Table t;
    const std::size_t n = spec.lines.size();
    for (std::size_t i = 0; i < n; ++i) {
        const SeriesBuffer* b = store.series(spec.lines[i].series);
        if (!b) continue;
        for (std::size_t k = b->lowerBound(t0); k < b->size() && (*b)[k].t <= t1; ++k) put(t, (*b)[k].t, i, n, (*b)[k].v);
    }
    return t;
}

// The distribution chart's curves as drawn (seconds, % at or below), one column per group.
Table distributionTable(const ChartSpec& spec, const SeriesSource& store)
{
    Table t;
    const std::size_t n = spec.lines.size();
    for (std::size_t i = 0; i < n; ++i)
        if (const es::LatencyDistribution* d = store.distribution(spec.lines[i].series))
            for (const QPointF& p : distributionCurve(*d, spec.lines[i].label).points) put(t, p.x(), i, n, p.y());
    return t;
}

} // namespace

QString chartCsvColumnName(const ChartSpec& spec, std::size_t line)
{
    const ChartLine& l = spec.lines.at(line);
    const QString name = l.label.isEmpty() ? QString::fromStdString(l.series) : l.label;
    const QString& axis = l.axis == 1 && !spec.y2Title.isEmpty() ? spec.y2Title : spec.yTitle;
    return axis.isEmpty() ? name : name + QLatin1String(": ") + axis;
}

QString chartCsv(const ChartSpec& spec, const SeriesSource& store, double t0, double t1)
{
    const bool dist = spec.kind == ChartKind::Distribution;
    // The x axis' titles as the figure draws them.
    QStringList header{dist ? QObject::tr("latency (s)") : QObject::tr("simulated time (s)")};
    for (std::size_t i = 0; i < spec.lines.size(); ++i) header << chartCsvColumnName(spec, i);
    QString out;
    for (QString& h : header) h = csvField(h);
    out += header.join(QLatin1Char(',')) + QLatin1Char('\n');
    const Table table = dist ? distributionTable(spec, store) : timeTable(spec, store, t0, t1);
    for (const auto& [x, values] : table) {
        out += csvNumber(x);
        for (double v : values) out += QLatin1Char(',') + csvNumber(v);
        out += QLatin1Char('\n');
    }
    return out;
}

bool writeChartCsv(const ChartSpec& spec, const SeriesSource& store, double t0, double t1, const QString& path, QString* error)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(chartCsv(spec, store, t0, t1).toUtf8()) < 0 || !f.flush()) {
        if (error) *error = QObject::tr("cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

} // namespace esui

#include "charts/TheoryLines.h"

#include "charts/ChartStore.h"

#include <QObject>

#include <cmath>
#include <limits>

namespace esui {

double simulatedMeanLatency(const ChartStore& store, const std::string& group)
{
    const SeriesBuffer* mean = store.series(group + ".latency_mean_s");
    const SeriesBuffer* rate = store.series(group + ".throughput_per_s");
    if (!mean || !rate || mean->size() != rate->size()) return std::numeric_limits<double>::quiet_NaN();
    double sum = 0, weight = 0;
    for (std::size_t i = 0; i < mean->size(); ++i) {
        sum += (*mean)[i].v * (*rate)[i].v;
        weight += (*rate)[i].v;
    }
    return weight > 0 ? sum / weight : std::numeric_limits<double>::quiet_NaN();
}

std::vector<ChartReference> theoryLines(const std::optional<es::TheoryReference>& theory, const ChartStore& store)
{
    std::vector<ChartReference> out;
    if (!theory) return out;
    const QString model = QString::fromStdString(theory->model);
    out.push_back({QObject::tr("%1 theory: mean W = %2 s").arg(model).arg(theory->meanSojourn, 0, 'g', 3), theory->meanSojourn, 0});
    const double sim = simulatedMeanLatency(store, theory->group);
    if (std::isfinite(sim)) {
        const double diff = (sim - theory->meanSojourn) / theory->meanSojourn * 100;
        out.push_back({QObject::tr("simulated mean = %1 s (%2%3% vs theory)")
                           .arg(sim, 0, 'g', 3)
                           .arg(diff >= 0 ? QStringLiteral("+") : QString())
                           .arg(diff, 0, 'f', 1),
                       sim, 0});
    }
    return out;
}

} // namespace esui

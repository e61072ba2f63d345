#include "charts/ChartStore.h"

namespace esui {

ChartStore::ChartStore(std::size_t capacityPerSeries) : capacity_(capacityPerSeries) {}

void ChartStore::clear()
{
    run_ = 0;
    lastTime_ = -std::numeric_limits<double>::infinity();
    names_.clear();
    index_.clear();
    buffers_.clear();
    distributions_.clear();
}

bool ChartStore::append(const SeriesRows& rows)
{
    bool changed = false;
    if (rows.run != run_ || rows.names != names_) {
        clear();
        run_ = rows.run;
        names_ = rows.names;
        for (std::size_t c = 0; c < names_.size(); ++c) index_.emplace(names_[c], c);
        buffers_.assign(names_.size(), SeriesBuffer(capacity_));
        changed = true;
    }
    const std::size_t cols = names_.size();
    for (std::size_t r = 0; r < rows.rowCount(); ++r) {
        const double t = rows.times[r];
        if (t <= lastTime_) continue;
        for (std::size_t c = 0; c < cols; ++c) buffers_[c].append(t, rows.values[r * cols + c]);
        lastTime_ = t;
        changed = true;
    }
    return changed;
}

const SeriesBuffer* ChartStore::series(const std::string& name) const
{
    const auto it = index_.find(name);
    return it == index_.end() ? nullptr : &buffers_[it->second];
}

const es::LatencyDistribution* ChartStore::distribution(const std::string& group) const
{
    for (const es::LatencyDistribution& d : distributions_)
        if (d.name == group) return &d;
    return nullptr;
}

} // namespace esui

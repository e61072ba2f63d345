#pragma once
// The state series the metrics sampler adds per window: per read model its staleness (the age of
// the oldest write it does not reflect yet, 0 when caught up; the window's maximum) and the writes
// it is behind; per write model the oversold count so far; per decision the wrong decisions so far
// (accepted without, refused with, against the true state); per consumer with version rules, its
// attempts and failed attempts per event version so far (schema evolution).
#include "metrics/TimeSeries.h"

#include <cstdint>
#include <vector>

namespace es {

class World;
class ServiceState;
class ReadModel;
class ConsumerService;

class StateSeries {
public:
    explicit StateSeries(const World& world) : world_(world) {}
    void addSeries(TimeSeriesSet& set);
    // Writes this window's values into row[col...], advancing col.
    void sample(std::vector<double>& row, std::size_t& col);

private:
    const World& world_;
    std::vector<ServiceState*> states_;
    std::vector<char> reconciled_; // per state: its write model has a reconciliation job (two more series)
    std::vector<const ConsumerService*> versionReaders_;
    int maxVersion_ = 1; // the highest version any producer or handler of the scenario emits
};

} // namespace es

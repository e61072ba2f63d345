#pragma once
// The spread of a comparison's seeds over time: for each row of the table and each sampled series,
// at every sample time, the mean over the row's seeds and the lowest and highest seed. The small
// multiples draw the mean as a line and the range as a band, so a reader sees both what a variant
// does and how much it depends on luck. Runs of one scenario share the sampler's times (the
// interval is the scenario's, the duration the same), so samples are matched by their exact time.
#include "compare/Replications.h"

#include <string>
#include <vector>

namespace es {

struct SeedBand {
    std::string name;            // the series, e.g. "indexer.lag_messages"
    std::vector<double> times;   // seconds, increasing
    std::vector<double> mean, low, high;
    std::vector<int> seeds;      // how many seeds have a finite value at that time
};

struct RowBands {
    std::size_t row = 0;
    int runs = 0;                 // the row's runs that kept series
    std::vector<SeedBand> series; // in the first run's series order
};

// One entry per row (in row order); a row none of whose runs kept series has no series. `rows` is
// the number of rows of the plan.
std::vector<RowBands> seedBands(std::size_t rows, const std::vector<RunOutcome>& outcomes);

// The band's three values as CSV with the header `t_s,mean,min,max,seeds`.
std::string seedBandCsv(const SeedBand& band);

} // namespace es

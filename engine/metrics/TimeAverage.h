#pragma once
// The time-average of a count that changes at event times (messages waiting, in a queue): the
// integral of the count over simulated time, kept up to date by calling accumulate(now) before every
// change. With it L = λW can be read off one run (Little's law).
#include "kernel/SimTime.h"

#include <cstdint>

namespace es {

class TimeAverage {
public:
    // Adds count × (now − last) to the integral; the caller then changes the count.
    void accumulate(SimTime now, std::uint64_t count)
    {
        integral_ += static_cast<long double>(count) * static_cast<long double>(now - since_);
        since_ = now;
    }
    // The average over [0, now] of the count, which has been `count` since the last accumulate.
    double average(SimTime now, std::uint64_t count) const
    {
        if (now <= 0) return 0;
        const long double total = integral_ + static_cast<long double>(count) * static_cast<long double>(now - since_);
        return static_cast<double>(total / static_cast<long double>(now));
    }

private:
    long double integral_ = 0;
    SimTime since_ = 0;
};

} // namespace es

#include "model/services/RateProfile.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace es {

RateProfile::RateProfile(double initialRate, const std::vector<RateChange>& changesIn)
{
    std::vector<RateChange> changes = changesIn;
    std::stable_sort(changes.begin(), changes.end(),
                     [](const RateChange& a, const RateChange& b) { return a.at < b.at; });
    segments_.push_back(Segment{0.0, initialRate, 0.0});
    for (const RateChange& c : changes) {
        const double at = toSeconds(c.at);
        const double ramp = toSeconds(c.ramp);
        // The change starts from whatever rate was running at `at`; later pieces (the tail of an
        // earlier ramp) are superseded.
        const double current = rateAt(at);
        while (!segments_.empty() && segments_.back().start >= at) segments_.pop_back();
        if (ramp > 0) {
            segments_.push_back(Segment{at, current, (c.rate - current) / ramp});
            segments_.push_back(Segment{at + ramp, c.rate, 0.0});
        } else {
            segments_.push_back(Segment{at, c.rate, 0.0});
        }
    }
}

double RateProfile::rateAt(double t) const
{
    if (segments_.empty()) return 0;
    auto it = std::upper_bound(segments_.begin(), segments_.end(), t,
                               [](double v, const Segment& s) { return v < s.start; });
    const Segment& s = (it == segments_.begin()) ? *it : *(it - 1);
    return std::max(0.0, s.rate0 + s.slope * (t - s.start));
}

double RateProfile::advance(double from, double mass) const
{
    constexpr double kInf = std::numeric_limits<double>::infinity();
    if (segments_.empty()) return kInf;
    auto it = std::upper_bound(segments_.begin(), segments_.end(), from,
                               [](double v, const Segment& s) { return v < s.start; });
    std::size_t i = (it == segments_.begin()) ? 0 : static_cast<std::size_t>(it - segments_.begin() - 1);
    double t = from;
    for (; i < segments_.size(); ++i) {
        const Segment& s = segments_[i];
        const double end = (i + 1 < segments_.size()) ? segments_[i + 1].start : kInf;
        const double r = std::max(0.0, s.rate0 + s.slope * (t - s.start));
        if (s.slope == 0) {
            if (r > 0) {
                const double dt = mass / r;
                if (t + dt <= end) return t + dt;
                mass -= r * (end - t);
            } else if (end == kInf) {
                return kInf;
            }
        } else {
            // Mass over [t, t+dt] is r*dt + slope*dt^2/2 (the rate stays >= 0 inside a ramp).
            const double span = end - t;
            const double segMass = r * span + 0.5 * s.slope * span * span;
            if (segMass >= mass) {
                const double disc = r * r + 2 * s.slope * mass;
                const double dt = (std::sqrt(std::max(0.0, disc)) - r) / s.slope;
                return t + std::max(0.0, dt);
            }
            mass -= segMass;
        }
        t = end;
    }
    return kInf;
}

} // namespace es

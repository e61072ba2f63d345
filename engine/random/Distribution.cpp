#include "random/Distribution.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>

#include <fmt/format.h>

namespace es {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// A truncated-normal sampler gives up after this many rejections and returns max(0, mean): a bound on
// the work per draw, whatever the parameters. With the two samplers below, the acceptance rate is at
// least about 0.3 per try, so the cap is reached with probability below 1e-10.
constexpr int kMaxRejections = 64;

// Above this standardised truncation point a = -mean/sd, plain rejection from the normal accepts less
// than a third of the draws (and almost none for a > 3), so we switch to Robert's exponential proposal.
constexpr double kTailSamplerFrom = 0.5;

[[noreturn]] void invalid(const std::string& message) { throw std::invalid_argument("Distribution::" + message); }

bool finite(double x) { return std::isfinite(x); }
// Upper tail of the standard normal, 1 - Phi(x), without cancellation for large x.
double normalUpperTail(double x) { return 0.5 * std::erfc(x / std::numbers::sqrt2); }
double normalPdf(double x) { return std::exp(-0.5 * x * x) / std::sqrt(2.0 * std::numbers::pi); }

// E[Z | Z >= a] - a for a standard normal Z (the inverse Mills ratio minus a). For large a the direct
// ratio phi/(1 - Phi) heads for 0/0 and then subtracts two nearly equal numbers, so there we use the
// continued fraction phi/(1 - Phi) = a + 1/(a + 2/(a + 3/(a + ...))); 30 terms reach full precision
// for a >= 5.
double truncatedStdMeanExcess(double a)
{
    if (a > 10.0) {
        double t = 0;
        for (int k = 30; k >= 2; --k) t = k / (a + t);
        return 1.0 / (a + t);
    }
    return normalPdf(a) / normalUpperTail(a) - a;
}

// Four significant digits, never an exponent for the ranges we print (durations are pre-scaled).
std::string compactNumber(double v)
{
    return std::fabs(v) >= 1e4 ? fmt::format("{:.0f}", v) : fmt::format("{:.4g}", v);
}

// Seconds in the unit that keeps the number between 1 and 1000 (thresholds at 999.5 so that a value
// which rounds to 1000 moves up a unit instead of printing "1000us").
std::string formatSeconds(double s)
{
    if (std::isnan(s)) return "nan";
    if (std::isinf(s)) return s > 0 ? "inf" : "-inf";
    if (s == 0) return "0s";
    const double a = std::fabs(s);
    if (a < 999.5e-9) return compactNumber(s * 1e9) + "ns";
    if (a < 999.5e-6) return compactNumber(s * 1e6) + "us";
    if (a < 0.9995) return compactNumber(s * 1e3) + "ms";
    return compactNumber(s) + "s";
}

// Piecewise-linear inverse CDF through sorted (p, value) points; u in [0, 1]. upper_bound finds the
// first point with p > u, so the segment used always has a positive width (equal p's are jumps).
double interpolate(const std::vector<std::pair<double, double>>& table, double u)
{
    const auto it = std::upper_bound(table.begin(), table.end(), u,
                                     [](double x, const std::pair<double, double>& pt) { return x < pt.first; });
    if (it == table.end()) return table.back().second;
    if (it == table.begin()) return table.front().second;
    const auto& [p0, v0] = *(it - 1);
    const auto& [p1, v1] = *it;
    return v0 + (u - p0) / (p1 - p0) * (v1 - v0);
}

} // namespace

// Factories: durations cannot be negative, and NaN or infinite parameters are always a mistake, so
// both are rejected here, once, instead of producing NaN times deep inside a run.
Distribution Distribution::constant(double value)
{
    if (!finite(value) || value < 0) invalid(fmt::format("constant: value must be finite and >= 0, got {}", value));
    Distribution d;
    d.p1_ = value;
    return d;
}

Distribution Distribution::uniform(double lo, double hi)
{
    if (!finite(lo) || !finite(hi) || lo < 0 || lo > hi)
        invalid(fmt::format("uniform: bounds must be finite with 0 <= lo <= hi, got lo {} and hi {}", lo, hi));
    Distribution d;
    d.kind_ = Kind::Uniform; d.p1_ = lo; d.p2_ = hi;
    return d;
}

Distribution Distribution::exponential(double mean)
{
    if (!finite(mean) || mean < 0) invalid(fmt::format("exponential: mean must be finite and >= 0, got {}", mean));
    Distribution d;
    d.kind_ = Kind::Exponential; d.p1_ = mean;
    return d;
}

Distribution Distribution::normal(double mean, double sd)
{
    // A negative mean is allowed: truncated at 0 it is still a valid (tail-shaped) distribution.
    if (!finite(mean) || !finite(sd) || sd < 0)
        invalid(fmt::format("normal: mean and sd must be finite with sd >= 0, got mean {} and sd {}", mean, sd));
    Distribution d;
    d.kind_ = Kind::Normal; d.p1_ = mean; d.p2_ = sd;
    return d;
}

Distribution Distribution::lognormalMedianP99(double median, double p99)
{
    if (!finite(median) || !finite(p99) || median <= 0 || p99 < median)
        invalid(fmt::format("lognormal: need finite 0 < median <= p99, got median {} and p99 {}", median, p99));
    // Stored as (median, sigma): sampling is then one multiply and one exp(), and scaling keeps sigma.
    Distribution d;
    d.kind_ = Kind::LogNormal; d.p1_ = median;
    d.p2_ = p99 == median ? 0.0 : std::log(p99 / median) / normalQuantile(0.99);
    return d;
}

Distribution Distribution::pareto(double scale, double shape)
{
    if (!finite(scale) || !finite(shape) || scale <= 0 || shape <= 0)
        invalid(fmt::format("pareto: scale and shape must be finite and > 0, got scale {} and shape {}", scale, shape));
    Distribution d;
    d.kind_ = Kind::Pareto; d.p1_ = scale; d.p2_ = shape;
    return d;
}

Distribution Distribution::empirical(std::vector<std::pair<double, double>> quantilePoints)
{
    const auto& t = quantilePoints;
    if (t.size() < 2) invalid(fmt::format("empirical: need at least 2 (p, value) points, got {}", t.size()));
    for (std::size_t i = 0; i < t.size(); ++i) {
        const auto [p, v] = t[i];
        if (!finite(p) || !finite(v)) invalid(fmt::format("empirical: point {} ({}, {}) is not finite", i, p, v));
        if (v < 0) invalid(fmt::format("empirical: point {} has a negative value {}", i, v));
        if (i > 0 && p < t[i - 1].first) // equal p's are allowed: a jump in the inverse CDF
            invalid(fmt::format("empirical: points are not sorted by probability (p {} after {})", p, t[i - 1].first));
        if (i > 0 && v < t[i - 1].second)
            invalid(fmt::format("empirical: values decrease (value {} at p {} after {})", v, p, t[i - 1].second));
    }
    if (t.front().first != 0.0 || t.back().first != 1.0)
        invalid(fmt::format("empirical: points must run from p = 0 to p = 1, not {} to {}", t.front().first,
                            t.back().first));
    Distribution d;
    d.kind_ = Kind::Empirical; d.table_ = std::move(quantilePoints);
    return d;
}

double Distribution::sample(RandomStream& rng) const
{
    switch (kind_) {
    case Kind::Constant: return p1_;
    case Kind::Uniform: return p1_ + (p2_ - p1_) * rng.uniform01();
    case Kind::Exponential: return rng.exponential(p1_);
    case Kind::Normal: {
        const double mu = p1_;
        const double sd = p2_;
        if (sd == 0) return std::max(0.0, mu);
        const double a = -mu / sd; // truncation point in standard units
        if (a <= kTailSamplerFrom) {
            // Plain rejection: accepts >= 31% of draws here and keeps the normal's shape above 0.
            for (int i = 0; i < kMaxRejections; ++i) {
                const double x = mu + sd * rng.standardNormal();
                if (x >= 0) return x;
            }
        } else {
            // Robert (1995): propose z = a + Exp(rate alpha), accept with prob exp(-(z - alpha)^2 / 2).
            // Exact for the normal tail beyond a, accepting >= 76% of proposals for any a >= 0, so even
            // a mean of -10 sd samples its (tiny, positive) tail correctly instead of collapsing to 0.
            const double alpha = 0.5 * (a + std::sqrt(a * a + 4.0));
            for (int i = 0; i < kMaxRejections; ++i) {
                const double excess = rng.exponential(1.0 / alpha); // z - a
                const double dz = a + excess - alpha;
                // mu + sd * z = sd * (z - a): no cancellation between mu and sd * z, never negative.
                if (rng.uniform01() < std::exp(-0.5 * dz * dz)) return sd * excess;
            }
        }
        return std::max(0.0, mu); // give-up value; see kMaxRejections
    }
    case Kind::LogNormal: return p1_ * std::exp(p2_ * rng.standardNormal());
    case Kind::Pareto: return p1_ / std::pow(rng.uniformOpen0(), 1.0 / p2_);
    case Kind::Empirical: return interpolate(table_, rng.uniform01());
    }
    return 0;
}

double Distribution::mean() const
{
    switch (kind_) {
    case Kind::Constant: return p1_;
    case Kind::Uniform: return 0.5 * (p1_ + p2_);
    case Kind::Exponential: return p1_;
    case Kind::Normal:
        if (p2_ == 0) return std::max(0.0, p1_);
        // mu + sd * phi(a) / (1 - Phi(a)) with a = -mu / sd; since mu + sd * a = 0 this is sd times the
        // excess over a, a form that stays accurate when the mean is many sd below 0.
        return p2_ * truncatedStdMeanExcess(-p1_ / p2_);
    case Kind::LogNormal: return p1_ * std::exp(0.5 * p2_ * p2_);
    case Kind::Pareto: return p2_ > 1 ? p2_ * p1_ / (p2_ - 1) : kInf;
    case Kind::Empirical: {
        // Integral over p of the piecewise-linear inverse CDF: trapezoids.
        double sum = 0;
        for (std::size_t i = 1; i < table_.size(); ++i)
            sum += (table_[i].first - table_[i - 1].first) * 0.5 * (table_[i].second + table_[i - 1].second);
        return sum;
    }
    }
    return 0;
}

double Distribution::secondMoment() const
{
    switch (kind_) {
    case Kind::Constant: return p1_ * p1_;
    case Kind::Uniform: return (p1_ * p1_ + p1_ * p2_ + p2_ * p2_) / 3;
    case Kind::Exponential: return 2 * p1_ * p1_;
    case Kind::Normal: return std::numeric_limits<double>::quiet_NaN();
    case Kind::LogNormal: return p1_ * p1_ * std::exp(2 * p2_ * p2_); // exp(2μ + 2σ²), median = exp(μ)
    case Kind::Pareto: return p2_ > 2 ? p2_ * p1_ * p1_ / (p2_ - 2) : kInf;
    case Kind::Empirical: {
        // Over each linear piece of the inverse CDF, ∫ Q(p)² dp = Δp (a² + ab + b²) / 3.
        double sum = 0;
        for (std::size_t i = 1; i < table_.size(); ++i) {
            const double a = table_[i - 1].second, b = table_[i].second;
            sum += (table_[i].first - table_[i - 1].first) * (a * a + a * b + b * b) / 3;
        }
        return sum;
    }
    }
    return 0;
}

double Distribution::quantile(double q) const
{
    if (std::isnan(q)) return q;
    switch (kind_) {
    case Kind::Constant: return p1_;
    case Kind::Uniform: return p1_ + (p2_ - p1_) * std::clamp(q, 0.0, 1.0);
    case Kind::Exponential: return q >= 1 ? kInf : -p1_ * std::log1p(-std::max(q, 0.0));
    case Kind::Normal: {
        if (p2_ == 0) return std::max(0.0, p1_);
        const double a = -p1_ / p2_;
        // Invert the truncated CDF through its upper tail, (1 - q) * (1 - Phi(a)), which stays
        // representable when a is large (where Phi(a) + q * (1 - Phi(a)) would round to 1).
        const double tail = (1.0 - std::clamp(q, 0.0, 1.0)) * normalUpperTail(a);
        if (q < 1 && tail == 0) // (1 - Phi(a)) underflowed: beyond a ~ 38, the excess is Exp(rate a)
            return p2_ * -std::log1p(-q) / a;
        return std::max(0.0, p1_ - p2_ * normalQuantile(tail));
    }
    case Kind::LogNormal: return p1_ * std::exp(p2_ * normalQuantile(q));
    case Kind::Pareto: return q >= 1 ? kInf : p1_ / std::pow(1.0 - std::max(q, 0.0), 1.0 / p2_);
    case Kind::Empirical: return interpolate(table_, std::clamp(q, 0.0, 1.0));
    }
    return 0;
}

Distribution Distribution::scaled(double factor) const
{
    if (!finite(factor) || factor < 0) invalid(fmt::format("scaled: factor must be finite and >= 0, got {}", factor));
    Distribution d = *this;
    switch (kind_) {
    case Kind::Constant:
    case Kind::Exponential:
    case Kind::LogNormal: // median; sigma (p2_) is scale-free
    case Kind::Pareto:    // scale; the shape (p2_) is scale-free
        d.p1_ *= factor;
        break;
    case Kind::Uniform:
    case Kind::Normal: // both the mean and the sd scale, so the truncation point a stays put
        d.p1_ *= factor;
        d.p2_ *= factor;
        break;
    case Kind::Empirical:
        for (auto& point : d.table_) point.second *= factor;
        break;
    }
    return d;
}

std::string Distribution::describe() const
{
    switch (kind_) {
    case Kind::Constant: return fmt::format("constant({})", formatSeconds(p1_));
    case Kind::Uniform: return fmt::format("uniform({} to {})", formatSeconds(p1_), formatSeconds(p2_));
    case Kind::Exponential: return fmt::format("exponential(mean {})", formatSeconds(p1_));
    case Kind::Normal: return fmt::format("normal(mean {}, sd {})", formatSeconds(p1_), formatSeconds(p2_));
    case Kind::LogNormal:
        return fmt::format("lognormal(median {}, p99 {})", formatSeconds(p1_), formatSeconds(quantile(0.99)));
    case Kind::Pareto: return fmt::format("pareto(scale {}, shape {})", formatSeconds(p1_), compactNumber(p2_));
    case Kind::Empirical:
        return fmt::format("empirical({} points, {} to {})", table_.size(), formatSeconds(table_.front().second),
                           formatSeconds(table_.back().second));
    }
    return "?";
}

double normalQuantile(double p)
{
    if (std::isnan(p)) return p;
    if (p <= 0) return -kInf;
    if (p >= 1) return kInf;
    // Work in the lower half only: 1 - p is exact for p in [0.5, 1), and the refinement below needs
    // Phi(x) - p computed without cancellation, which erfc gives for x <= 0.
    if (p > 0.5) return -normalQuantile(1.0 - p);

    // Acklam's rational approximations (relative error < 1.15e-9).
    static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                                   1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
    static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                                   6.680131188771972e+01,  -1.328068155288572e+01};
    static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                                   -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
    static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                                   3.754408661907416e+00};
    double x = 0;
    if (p < 0.02425) {
        const double q = std::sqrt(-2.0 * std::log(p));
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
    } else {
        const double q = p - 0.5;
        const double r = q * q;
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
            (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
    }

    // One Halley step on Phi(x) - p = 0 brings the error down to about machine precision. Skipped
    // where exp(x^2 / 2) would overflow (p below ~1e-300), where Acklam alone is already close.
    const double e = 0.5 * std::erfc(-x / std::numbers::sqrt2) - p;
    const double u = e * std::sqrt(2.0 * std::numbers::pi) * std::exp(0.5 * x * x);
    if (std::isfinite(u)) x -= u / (1.0 + 0.5 * x * u);
    return x;
}

} // namespace es

#include "random/ZipfSampler.h"

#include <cmath>

namespace es {

namespace {
// log1p(x) / x and expm1(x) / x, with their series near 0 where the quotient loses precision.
double log1pOverX(double x) { return std::fabs(x) > 1e-8 ? std::log1p(x) / x : 1 - x * (0.5 - x * (1.0 / 3 - 0.25 * x)); }
double expm1OverX(double x) { return std::fabs(x) > 1e-8 ? std::expm1(x) / x : 1 + x * 0.5 * (1 + x / 3 * (1 + 0.25 * x)); }
} // namespace

ZipfSampler::ZipfSampler(std::uint64_t n, double s) : n_(n < 1 ? 1 : n), s_(s)
{
    hIntegralX1_ = hIntegral(1.5) - 1;
    hIntegralN_ = hIntegral(static_cast<double>(n_) + 0.5);
    threshold_ = 2 - hIntegralInverse(hIntegral(2.5) - h(2));
}

// h(x) = x^-s, the unnormalised density; hIntegral its antiderivative (x^(1-s) - 1) / (1 - s),
// written so that s = 1 (the logarithm) needs no special case.
double ZipfSampler::h(double x) const { return std::exp(-s_ * std::log(x)); }

double ZipfSampler::hIntegral(double x) const
{
    const double lx = std::log(x);
    return expm1OverX((1 - s_) * lx) * lx;
}

double ZipfSampler::hIntegralInverse(double x) const
{
    double t = x * (1 - s_);
    if (t < -1) t = -1; // rounding can push it past the domain's edge
    return std::exp(log1pOverX(t) * x);
}

std::uint64_t ZipfSampler::sample(RandomStream& rng) const
{
    for (;;) {
        const double u = hIntegralN_ + rng.uniform01() * (hIntegralX1_ - hIntegralN_);
        const double x = hIntegralInverse(u);
        double kd = std::floor(x + 0.5);
        if (kd < 1) kd = 1;
        if (kd > static_cast<double>(n_)) kd = static_cast<double>(n_);
        // Accept at once in the region where the hat and the distribution agree, else test.
        if (kd - x <= threshold_ || u >= hIntegral(kd + 0.5) - h(kd)) return static_cast<std::uint64_t>(kd);
    }
}

double ZipfSampler::probability(std::uint64_t k) const
{
    double norm = 0;
    for (std::uint64_t i = n_; i >= 1; --i) norm += h(static_cast<double>(i)); // small terms first
    return h(static_cast<double>(k)) / norm;
}

} // namespace es

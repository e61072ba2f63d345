#include "metrics/QueueTheory.h"

#include <cmath>
#include <limits>

namespace es::theory {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
}

double erlangC(int c, double lambda, double mu)
{
    const double a = lambda / mu;
    const double rho = a / c;
    if (!(rho < 1)) return 1;
    double term = 1, sum = 1; // a^k / k!, summed for k = 0 .. c-1
    for (int k = 1; k < c; ++k) {
        term *= a / k;
        sum += term;
    }
    const double last = term * a / c / (1 - rho); // a^c / c! / (1 - ρ)
    return last / (sum + last);
}

double mmcMeanWait(int c, double lambda, double mu)
{
    if (!(lambda < c * mu)) return kInf;
    return erlangC(c, lambda, mu) / (c * mu - lambda);
}

double md1MeanWait(double lambda, double d)
{
    const double rho = lambda * d;
    if (!(rho < 1)) return kInf;
    return rho * d / (2 * (1 - rho));
}

double mg1MeanWait(double lambda, double meanService, double secondMoment)
{
    const double rho = lambda * meanService;
    if (!(rho < 1) || !std::isfinite(secondMoment)) return kInf;
    return lambda * secondMoment / (2 * (1 - rho));
}

double mmcSojournExceeds(int c, double lambda, double mu, double t)
{
    if (!(lambda < c * mu)) return 1;
    if (!(t > 0)) return 1;
    const double C = erlangC(c, lambda, mu);
    const double theta = c * mu - lambda;
    // Exp(θ) + Exp(μ): hypoexponential, or Erlang-2 when the rates are equal.
    const double sum = std::abs(theta - mu) < 1e-12 * mu
                           ? (1 + mu * t) * std::exp(-mu * t)
                           : (theta * std::exp(-mu * t) - mu * std::exp(-theta * t)) / (theta - mu);
    return (1 - C) * std::exp(-mu * t) + C * sum;
}

double mmcSojournQuantile(int c, double lambda, double mu, double p)
{
    if (!(lambda < c * mu) || !(p > 0 && p < 1)) return kInf;
    const double tail = 1 - p;
    double lo = 0, hi = 1 / mu;
    while (mmcSojournExceeds(c, lambda, mu, hi) > tail) hi *= 2; // the tail falls exponentially
    for (int i = 0; i < 200 && hi - lo > 1e-9 * hi; ++i) {
        const double mid = (lo + hi) / 2;
        (mmcSojournExceeds(c, lambda, mu, mid) > tail ? lo : hi) = mid;
    }
    return (lo + hi) / 2;
}

} // namespace es::theory

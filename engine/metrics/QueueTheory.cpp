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

} // namespace es::theory

#pragma once
// Zipf's law over ranks 1..n: P(k) ∝ 1 / k^s, for hot keys (a few customers place most orders).
// Rejection-inversion (Hörmann and Derflinger, "Rejection-inversion to generate variates from
// monotone discrete distributions", 1996): O(1) time and memory per draw for any n, so a key space of
// 10^9 names costs nothing to set up; about one uniform draw per sample.
#include "random/RandomStream.h"

#include <cstdint>

namespace es {

class ZipfSampler {
public:
    ZipfSampler() = default;
    // n >= 1 ranks, exponent s > 0.
    ZipfSampler(std::uint64_t n, double s);

    // A rank in [1, n].
    std::uint64_t sample(RandomStream& rng) const;
    // The exact probability of rank k (for tests): k^-s / H(n, s). O(n) the first time.
    double probability(std::uint64_t k) const;

private:
    double h(double x) const;
    double hIntegral(double x) const;
    double hIntegralInverse(double x) const;

    std::uint64_t n_ = 1;
    double s_ = 1;
    double hIntegralX1_ = 0, hIntegralN_ = 0, threshold_ = 0;
};

} // namespace es

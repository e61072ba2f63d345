#pragma once
// Random numbers that give the same run on every machine: PCG32 generators (libpcg-cpp) and the
// project's own samplers (std:: distributions differ between standard libraries).
// Every component draws from its own stream, derived from the run seed and the component's name, so
// adding a component or drawing more numbers in one place never shifts another component's numbers.
#include <cstdint>
#include <string_view>

#include <pcg_random.hpp>

namespace es {

class RandomStream {
public:
    RandomStream() = default;
    RandomStream(std::uint64_t seed, std::uint64_t streamId);
    // Stream for a named component: the id is XXH3-64 of the name, mixed with `salt`.
    static RandomStream forComponent(std::uint64_t runSeed, std::string_view name, std::uint64_t salt = 0);

    std::uint32_t nextU32() { return gen_(); }
    std::uint64_t nextU64();
    // Uniform on [0, 1) with 53 random bits.
    double uniform01();
    // Uniform on (0, 1]: never 0, safe under log().
    double uniformOpen0();
    // Uniform integer in [0, n), unbiased. n > 0.
    std::uint64_t below(std::uint64_t n);
    bool bernoulli(double p) { return p > 0 && uniform01() < p; }
    double exponential(double mean);
    // Standard normal by Marsaglia's polar method (keeps the spare value).
    double standardNormal();

private:
    pcg32 gen_;
    bool haveSpare_ = false;
    double spare_ = 0;
};

} // namespace es

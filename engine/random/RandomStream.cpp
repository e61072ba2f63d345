#include "random/RandomStream.h"

#include <cmath>
#include <limits>

#include <xxhash.h>

namespace es {

namespace {

// splitmix64's output finaliser (Stafford variant 13): a bijection on 64 bits in which every input
// bit affects every output bit, so neighbouring run seeds (1, 2, 3...) land far apart.
std::uint64_t splitmix64(std::uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

} // namespace

RandomStream::RandomStream(std::uint64_t seed, std::uint64_t streamId)
    : gen_(seed, streamId)
{
}

RandomStream RandomStream::forComponent(std::uint64_t runSeed, std::string_view name, std::uint64_t salt)
{
    // The name picks the PCG stream (the LCG increment). XXH3's output is fixed by its spec, so the same
    // name gives the same stream on every platform and in every release of the library.
    const std::uint64_t streamId = XXH3_64bits_withSeed(name.data(), name.size(), salt);
    // The start state also depends on the name, not only on the run seed: PCG streams that share a start
    // state and differ only in their increment are known to produce visibly correlated outputs for some
    // increment pairs. Mixing the id into the state removes that structure. The run seed goes through
    // splitmix64 first so that seeds 1 and 2 give unrelated streams rather than nearby LCG states.
    const std::uint64_t state = splitmix64(splitmix64(runSeed) ^ streamId);
    return RandomStream(state, streamId);
}

std::uint64_t RandomStream::nextU64()
{
    // Two statements, not one expression: the evaluation order of `gen_() << 32 | gen_()` would be
    // unspecified, and the order is part of the reproducible sequence.
    const std::uint64_t hi = gen_();
    const std::uint64_t lo = gen_();
    return (hi << 32) | lo;
}

double RandomStream::uniform01()
{
    // The top 53 bits fill a double's mantissa exactly; every result is a multiple of 2^-53 below 1.
    return static_cast<double>(nextU64() >> 11) * 0x1.0p-53;
}

double RandomStream::uniformOpen0()
{
    // 1 - [0, 1) is (0, 1]; exact, since both operands are multiples of 2^-53 in [0, 1].
    return 1.0 - uniform01();
}

std::uint64_t RandomStream::below(std::uint64_t n)
{
    if (n <= 1) return 0; // n == 0 breaks the precondition; answer 0 rather than divide by zero.

    if (n <= std::numeric_limits<std::uint32_t>::max()) {
        // Lemire's nearly-divisionless method on one 32-bit draw: the high half of x * n is the result;
        // draws whose low half falls in the short leftover zone are rejected, which removes the bias.
        const auto s = static_cast<std::uint32_t>(n);
        std::uint64_t m = static_cast<std::uint64_t>(gen_()) * s;
        auto low = static_cast<std::uint32_t>(m);
        if (low < s) {
            const std::uint32_t threshold = static_cast<std::uint32_t>(-s) % s; // 2^32 mod n
            while (low < threshold) {
                m = static_cast<std::uint64_t>(gen_()) * s;
                low = static_cast<std::uint32_t>(m);
            }
        }
        return m >> 32;
    }

    // Wide ranges: plain rejection on 64-bit draws (no 128-bit multiply needed). Values below
    // 2^64 mod n are rejected, so the accepted range is a whole number of copies of [0, n).
    const std::uint64_t threshold = (0 - n) % n;
    for (;;) {
        const std::uint64_t r = nextU64();
        if (r >= threshold) return r % n;
    }
}

double RandomStream::exponential(double mean)
{
    // uniformOpen0 is never 0, so log() is finite.
    return -mean * std::log(uniformOpen0());
}

double RandomStream::standardNormal()
{
    if (haveSpare_) {
        haveSpare_ = false;
        return spare_;
    }
    // Marsaglia's polar method: no trigonometric functions, whose results vary more across libms.
    double u = 0;
    double v = 0;
    double s = 0;
    do {
        u = 2.0 * uniform01() - 1.0;
        v = 2.0 * uniform01() - 1.0;
        s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    const double f = std::sqrt(-2.0 * std::log(s) / s);
    spare_ = v * f;
    haveSpare_ = true;
    return u * f;
}

} // namespace es

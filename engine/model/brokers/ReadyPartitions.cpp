#include "model/brokers/ReadyPartitions.h"

#include <bit>

namespace es {

namespace {
constexpr std::uint64_t bit(int i) { return std::uint64_t{1} << (i & 63); }
constexpr std::size_t wordOf(int i) { return static_cast<std::size_t>(i) >> 6; }
} // namespace

void ReadyPartitions::set(int p)
{
    if (words_.empty()) {
        words_.assign(wordOf(n_ + 63), 0);
        summary_.assign(wordOf(static_cast<int>(words_.size()) + 63), 0);
    }
    words_[wordOf(p)] |= bit(p);
    summary_[wordOf(static_cast<int>(wordOf(p)))] |= bit(static_cast<int>(wordOf(p)));
}

void ReadyPartitions::clear(int p)
{
    if (words_.empty()) return;
    std::uint64_t& w = words_[wordOf(p)];
    w &= ~bit(p);
    if (w == 0) {
        const int wi = static_cast<int>(wordOf(p));
        summary_[wordOf(wi)] &= ~bit(wi);
    }
}

bool ReadyPartitions::test(int p) const
{
    return !words_.empty() && (words_[wordOf(p)] & bit(p)) != 0;
}

int ReadyPartitions::firstAtOrAfter(int from) const
{
    if (words_.empty() || from >= n_) return -1;
    const std::size_t w = wordOf(from);
    if (const std::uint64_t here = words_[w] & (~std::uint64_t{0} << (from & 63)))
        return static_cast<int>(w * 64) + std::countr_zero(here);
    // The next non-empty word after w, through the summary.
    const int next = static_cast<int>(w) + 1;
    if (next >= static_cast<int>(words_.size())) return -1;
    for (std::size_t s = wordOf(next); s < summary_.size(); ++s) {
        std::uint64_t bits = summary_[s];
        if (s == wordOf(next)) bits &= ~std::uint64_t{0} << (next & 63);
        if (bits == 0) continue;
        const std::size_t wi = s * 64 + static_cast<std::size_t>(std::countr_zero(bits));
        return static_cast<int>(wi * 64) + std::countr_zero(words_[wi]);
    }
    return -1;
}

int ReadyPartitions::nextFrom(int from) const
{
    const int p = firstAtOrAfter(from);
    return p >= 0 || from == 0 ? p : firstAtOrAfter(0);
}

} // namespace es

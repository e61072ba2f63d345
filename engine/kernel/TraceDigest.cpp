#include "kernel/TraceDigest.h"

#include "kernel/EventQueue.h"

#include <xxhash.h>

namespace es {

// Events are batched into a small buffer and hashed in blocks: XXH3's streaming update has a fixed
// cost per call that would otherwise dominate at tens of millions of events.
struct TraceDigest::State {
    XXH3_state_t* xxh = XXH3_createState();
    static constexpr int kBatch = 256;
    struct Packed {
        std::int64_t time;
        std::uint32_t target;
        std::uint32_t kind;
        std::uint64_t a;
        std::uint64_t b;
    };
    Packed buffer[kBatch];
    int used = 0;
    void flush()
    {
        if (used) XXH3_64bits_update(xxh, buffer, sizeof(Packed) * static_cast<std::size_t>(used));
        used = 0;
    }
    ~State() { XXH3_freeState(xxh); }
};

TraceDigest::TraceDigest() : state_(std::make_unique<State>())
{
    XXH3_64bits_reset_withSeed(state_->xxh, 0x45564e5453435045ull);
}

TraceDigest::~TraceDigest() = default;

void TraceDigest::add(const Event& ev)
{
    auto& s = *state_;
    s.buffer[s.used++] = State::Packed{ev.time, ev.target, ev.kind, ev.a, ev.b};
    if (s.used == State::kBatch) s.flush();
}

void TraceDigest::addOutcome(std::uint32_t code, std::uint64_t a, std::uint64_t b)
{
    auto& s = *state_;
    s.buffer[s.used++] = State::Packed{-1, UINT32_MAX, code, a, b};
    if (s.used == State::kBatch) s.flush();
}

std::uint64_t TraceDigest::value() const
{
    state_->flush();
    return XXH3_64bits_digest(state_->xxh);
}

} // namespace es

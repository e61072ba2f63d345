#include "kernel/TraceDigest.h"

#include <xxhash.h>

namespace es {

struct TraceDigest::State {
    XXH3_state_t* xxh = XXH3_createState();
    ~State() { XXH3_freeState(xxh); }
};

TraceDigest::TraceDigest() : state_(std::make_unique<State>())
{
    XXH3_64bits_reset_withSeed(state_->xxh, 0x45564e5453435045ull);
}

TraceDigest::~TraceDigest() = default;

void TraceDigest::flush() const
{
    if (used_) XXH3_64bits_update(state_->xxh, buffer_, sizeof(Packed) * static_cast<std::size_t>(used_));
    used_ = 0;
}

std::uint64_t TraceDigest::value() const
{
    flush();
    return XXH3_64bits_digest(state_->xxh);
}

} // namespace es

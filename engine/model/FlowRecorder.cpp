#include "model/FlowRecorder.h"

#include <bit>

namespace es {

const char* hopKindName(HopKind k)
{
    switch (k) {
    case HopKind::Deliver: return "delivery";
    case HopKind::Redelivery: return "redelivery";
    case HopKind::Duplicate: return "duplicate";
    case HopKind::DeadLetter: return "dead-lettered";
    case HopKind::Dropped: return "dropped";
    case HopKind::CallRequest: return "call";
    case HopKind::CallResponse: return "response";
    case HopKind::CallTimeout: return "call timed out";
    case HopKind::CallRejected: return "call rejected";
    }
    return "?";
}

FlowRecorder::FlowRecorder(std::size_t nodeCount, std::size_t capacity)
    : nodes_(nodeCount), ring_(std::bit_ceil(capacity < 2 ? std::size_t{2} : capacity)), mask_(ring_.size() - 1),
      counts_(nodeCount * nodeCount * kHopKinds, 0), recentOf_(nodeCount * nodeCount, 0)
{
}

double FlowRecorder::recentRate(std::uint16_t from, std::uint16_t to, SimTime now) const
{
    if (from >= nodes_ || to >= nodes_ || now <= 0) return 0;
    const std::uint32_t slot = recentOf_[static_cast<std::size_t>(from) * nodes_ + to];
    if (slot == 0) return 0;
    const Recent& r = recent_[slot - 1];
    const std::int64_t last = now / kRecentBucket, first = last - (kRecentBuckets - 1);
    std::uint64_t n = 0;
    for (int i = 0; i < kRecentBuckets; ++i)
        if (r.bucket[i] >= first && r.bucket[i] <= last) n += r.count[i];
    const SimTime since = std::max<SimTime>(0, first * kRecentBucket);
    return static_cast<double>(n) / toSeconds(now - since);
}

std::uint64_t FlowRecorder::drain(std::vector<Hop>& out)
{
    const std::uint64_t fresh = written_ - drained_;
    const std::uint64_t kept = fresh < ring_.size() ? fresh : ring_.size();
    for (std::uint64_t i = written_ - kept; i < written_; ++i) out.push_back(ring_[static_cast<std::size_t>(i & mask_)]);
    drained_ = written_;
    return fresh - kept;
}

} // namespace es

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
      counts_(nodeCount * nodeCount * kHopKinds, 0)
{
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

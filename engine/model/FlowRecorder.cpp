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

FlowRecorder::Recent FlowRecorder::emptyRecent()
{
    Recent r{};
    for (std::int64_t& b : r.bucket) b = -1; // no bucket of time yet
    return r;
}

FlowRecorder::FlowRecorder(std::size_t nodeCount, std::span<const FlowPair> edges, std::size_t capacity)
    : nodes_(nodeCount), ring_(std::bit_ceil(capacity < 2 ? std::size_t{2} : capacity)), mask_(ring_.size() - 1),
      edgeBegin_(nodeCount + 1, 0)
{
    std::vector<FlowPair> sorted;
    for (const FlowPair& e : edges)
        if (e.from != e.to && e.from < nodes_ && e.to < nodes_) sorted.push_back(e);
    std::sort(sorted.begin(), sorted.end(), [](FlowPair a, FlowPair b) { return pairKey(a.from, a.to) < pairKey(b.from, b.to); });
    sorted.erase(std::unique(sorted.begin(), sorted.end(), [](FlowPair a, FlowPair b) { return a.from == b.from && a.to == b.to; }),
                 sorted.end());
    for (const FlowPair& e : sorted) {
        ++edgeBegin_[e.from + 1u];
        edgeTo_.push_back(e.to);
    }
    for (std::size_t n = 0; n < nodes_; ++n) edgeBegin_[n + 1] += edgeBegin_[n];
    counts_.assign(nodes_ + edgeTo_.size(), Counts{});
    recent_.assign(counts_.size(), emptyRecent());
}

std::size_t FlowRecorder::addUndeclared(std::uint16_t from, std::uint16_t to)
{
    const std::size_t slot = counts_.size();
    undeclared_.emplace(pairKey(from, to), slot);
    counts_.push_back(Counts{});
    recent_.push_back(emptyRecent());
    return slot;
}

double FlowRecorder::recentRate(std::uint16_t from, std::uint16_t to, SimTime now) const
{
    if (now <= 0) return 0;
    const std::size_t slot = findSlot(from, to);
    if (slot == kNoSlot) return 0;
    const Recent& r = recent_[slot];
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

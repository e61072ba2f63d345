#pragma once
// What a viewer needs to animate messages: every hop of a copy of an event between two nodes of the
// service graph (services first, then brokers, in scenario order), or at one node (a copy dropped on
// arrival, a message redriven to the dead-letter queue). Off by default: the world calls the recorder
// only when one is attached, so a headless run pays one predictable branch per hop.
//
// The recorder keeps the latest `capacity` hops in a ring (a viewer draws a sample, never millions)
// and, for every (from, to, kind), a running count, so flow rates stay exact when the ring overflows.
// The counts are kept per edge, not per pair of nodes: a model of 3,000 nodes has a few thousand
// edges but nine million pairs (a table per pair cost the window ~650 MB there).
// Single-threaded: the engine thread records and drains; the viewer gets copies in its snapshots.
#include "kernel/SimTime.h"
#include "model/Envelope.h"

#include <algorithm>
#include <cstdint>
#include <span>
#include <unordered_map>
#include <vector>

namespace es {

enum class HopKind : std::uint8_t {
    Deliver,    // the first delivery of a copy along an edge (publish, forward, consume)
    Redelivery, // a queue delivered the message again (visibility timeout, crash, error)
    Duplicate,  // a copy whose effect was already applied here, or a copy a faulty link duplicated
    DeadLetter, // at a node: the message went to the dead-letter queue
    Dropped,    // at a node: the copy was lost (a faulty link, at-most-once and a crash)
    // Synchronous calls (model/calls/) between two services, whose node index is their service index;
    // `attempt` then holds the CallCause. The users of an entry service are no node: what happens to
    // their requests is recorded at the entry service's node (from == to).
    CallRequest,  // a call (or a retry of one) sent by `from`, the caller, to `to`, the callee
    CallResponse, // the callee `from` answered the waiting caller `to` (attempt: the cause, 0 = success)
    CallTimeout,  // the caller `from` gave up waiting for `to`
    CallRejected, // at the callee's node: refused at once (down) or rejected (backlog full, a 503)
};
inline constexpr int kHopKinds = 9;
inline constexpr bool isCallHop(HopKind k) { return k >= HopKind::CallRequest; }
const char* hopKindName(HopKind k);

struct Hop {
    SimTime at = 0;
    Envelope envelope;
    std::uint16_t from = 0, to = 0; // node indices; equal for a hop at one node
    std::uint16_t attempt = 1;      // delivery attempt at `to` (queue receive count), 1 if unknown
    HopKind kind = HopKind::Deliver;
};

// A pair of nodes a hop can go along (an edge of the service graph), declared when the recorder is
// built so that its counts take one slot per edge instead of one per pair of nodes.
struct FlowPair {
    std::uint16_t from = 0, to = 0;
};

class FlowRecorder {
public:
    // `edges`: the pairs hops are expected along (duplicates and pairs at one node are fine). A hop
    // between two nodes that were not declared is still counted exactly, in a side table found by a
    // hash lookup: the declared pairs are the fast path, not a limit.
    FlowRecorder(std::size_t nodeCount, std::span<const FlowPair> edges, std::size_t capacity = 8192);
    explicit FlowRecorder(std::size_t nodeCount, std::size_t capacity = 8192)
        : FlowRecorder(nodeCount, std::span<const FlowPair>{}, capacity)
    {
    }

    void record(SimTime at, const Envelope& env, std::uint16_t from, std::uint16_t to, HopKind kind,
                std::uint16_t attempt = 1)
    {
        Hop& h = ring_[static_cast<std::size_t>(written_ & mask_)];
        h.at = at;
        h.envelope = env;
        h.from = from;
        h.to = to;
        h.attempt = attempt;
        h.kind = kind;
        ++written_;
        if (from < nodes_ && to < nodes_) {
            const std::size_t slot = slotFor(from, to);
            ++counts_[slot].kind[static_cast<std::size_t>(kind)];
            countRecent(recent_[slot], at);
        }
    }

    // Hops of any kind from `from` to `to` per simulated second over the last kRecentSpan before
    // `now` (shorter at the start of the run): exact however far apart a viewer looks, where a rate
    // from two snapshots 30 simulated seconds apart would average a producer that stopped into it.
    double recentRate(std::uint16_t from, std::uint16_t to, SimTime now) const;
    static constexpr SimTime kRecentBucket = 250 * kMillisecond;
    static constexpr int kRecentBuckets = 8; // kRecentSpan = 2 s

    // Appends the hops recorded since the previous drain, oldest first, to `out` (at most the ring's
    // capacity: older ones were overwritten). Returns how many were overwritten unseen.
    std::uint64_t drain(std::vector<Hop>& out);

    // Hops of `kind` from `from` to `to` since the recorder was attached.
    std::uint64_t count(std::uint16_t from, std::uint16_t to, HopKind kind) const
    {
        const std::size_t slot = findSlot(from, to);
        return slot == kNoSlot ? 0 : counts_[slot].kind[static_cast<std::size_t>(kind)];
    }
    std::size_t nodeCount() const { return nodes_; }
    // Pairs with a slot (one per node, one per declared edge, one per undeclared pair seen so far).
    std::size_t slotCount() const { return counts_.size(); }

private:
    static constexpr std::size_t kNoSlot = static_cast<std::size_t>(-1);
    // Slots: 0..nodes-1 are the hops at one node (from == to), then the declared edges grouped by
    // their start (edgeBegin_[from] .. edgeBegin_[from + 1], ends sorted in edgeTo_), then the
    // undeclared pairs in the order they were first seen.
    std::size_t findSlot(std::uint16_t from, std::uint16_t to) const
    {
        if (from >= nodes_ || to >= nodes_) return kNoSlot;
        if (from == to) return from;
        const std::uint32_t* first = edgeTo_.data() + edgeBegin_[from];
        const std::uint32_t* last = edgeTo_.data() + edgeBegin_[from + 1u];
        // Most nodes have a few edges out; a topic fanned out to hundreds is searched by halves.
        const std::uint32_t* it = last - first <= 8 ? std::find(first, last, to) : std::lower_bound(first, last, to);
        if (it != last && *it == to) return nodes_ + static_cast<std::size_t>(it - edgeTo_.data());
        const auto extra = undeclared_.find(pairKey(from, to));
        return extra == undeclared_.end() ? kNoSlot : extra->second;
    }
    std::size_t slotFor(std::uint16_t from, std::uint16_t to)
    {
        const std::size_t slot = findSlot(from, to);
        return slot != kNoSlot ? slot : addUndeclared(from, to);
    }
    std::size_t addUndeclared(std::uint16_t from, std::uint16_t to);
    static std::uint32_t pairKey(std::uint16_t from, std::uint16_t to) { return std::uint32_t{from} << 16 | to; }

    std::size_t nodes_;
    std::vector<Hop> ring_;
    std::uint64_t mask_;
    std::uint64_t written_ = 0, drained_ = 0;
    std::vector<std::uint32_t> edgeBegin_; // nodes + 1 offsets into edgeTo_
    std::vector<std::uint32_t> edgeTo_;
    std::unordered_map<std::uint32_t, std::size_t> undeclared_;
    struct Counts {
        std::uint64_t kind[kHopKinds];
    };
    std::vector<Counts> counts_; // per slot, for each kind
    // Per slot: the hops in each of the last kRecentBuckets buckets of time.
    struct Recent {
        std::int64_t bucket[kRecentBuckets];
        std::uint32_t count[kRecentBuckets];
    };
    static void countRecent(Recent& r, SimTime at)
    {
        const std::int64_t b = at / kRecentBucket;
        const auto i = static_cast<std::size_t>(b % kRecentBuckets);
        if (r.bucket[i] != b) r.bucket[i] = b, r.count[i] = 0;
        ++r.count[i];
    }
    static Recent emptyRecent();
    std::vector<Recent> recent_;
};

} // namespace es

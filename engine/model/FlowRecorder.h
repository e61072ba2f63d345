#pragma once
// What a viewer needs to animate messages: every hop of a copy of an event between two nodes of the
// service graph (services first, then brokers, in scenario order), or at one node (a copy dropped on
// arrival, a message redriven to the dead-letter queue). Off by default: the world calls the recorder
// only when one is attached, so a headless run pays one predictable branch per hop.
//
// The recorder keeps the latest `capacity` hops in a ring (a viewer draws a sample, never millions)
// and, for every (from, to, kind), a running count, so flow rates stay exact when the ring overflows.
// Single-threaded: the engine thread records and drains; the viewer gets copies in its snapshots.
#include "kernel/SimTime.h"
#include "model/Envelope.h"

#include <cstdint>
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

class FlowRecorder {
public:
    FlowRecorder(std::size_t nodeCount, std::size_t capacity = 8192);

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
            const std::size_t pair = static_cast<std::size_t>(from) * nodes_ + to;
            ++counts_[pair * kHopKinds + static_cast<std::size_t>(kind)];
            countRecent(pair, at);
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
        return counts_[(static_cast<std::size_t>(from) * nodes_ + to) * kHopKinds + static_cast<std::size_t>(kind)];
    }
    std::size_t nodeCount() const { return nodes_; }

private:
    std::size_t nodes_;
    std::vector<Hop> ring_;
    std::uint64_t mask_;
    std::uint64_t written_ = 0, drained_ = 0;
    std::vector<std::uint64_t> counts_;
    // Per pair that ever had a hop: the hops in each of the last kRecentBuckets buckets of time.
    struct Recent {
        std::int64_t bucket[kRecentBuckets];
        std::uint32_t count[kRecentBuckets];
    };
    void countRecent(std::size_t pair, SimTime at)
    {
        std::uint32_t& slot = recentOf_[pair];
        if (slot == 0) {
            recent_.push_back(Recent{});
            for (std::int64_t& b : recent_.back().bucket) b = -1;
            slot = static_cast<std::uint32_t>(recent_.size()); // 1-based: 0 is "none yet"
        }
        Recent& r = recent_[slot - 1];
        const std::int64_t b = at / kRecentBucket;
        const auto i = static_cast<std::size_t>(b % kRecentBuckets);
        if (r.bucket[i] != b) r.bucket[i] = b, r.count[i] = 0;
        ++r.count[i];
    }
    std::vector<std::uint32_t> recentOf_;
    std::vector<Recent> recent_;
};

} // namespace es

#pragma once
// One consumer group on a log: committed offsets, the assignment of partitions to members, and the
// rebalance protocol (eager: everyone gives everything up, then a new assignment; cooperative:
// only partitions that move are revoked in one round and assigned in the next).
#include "model/brokers/LogBroker.h"
#include "model/brokers/ReadyPartitions.h"

#include <vector>

namespace es {

class LogGroup final : public MessageSource {
public:
    LogGroup(LogBroker& log, int index, ConsumerService* consumer, int sink);

    bool take(int instance, Delivery& out) override;
    void acknowledge(const Delivery& d) override;
    void giveUp(const Delivery& d) override;
    void abandon(const Delivery& d) override;
    void finished(const Delivery& d) override;
    bool sameForEveryInstance() const override { return false; }
    void instanceUp(int instance) override;
    void instanceDown(int instance) override;
    std::uint64_t lagMessages() const override { return lag_; }
    SimTime oldestWaitingCreated() const override;

    void form();                          // initial assignment at t = 0, no delay
    void onAppend(int partition, std::uint32_t eventSlot);
    void onTrim(int partition, std::uint64_t offset, std::uint32_t eventSlot);
    void onTrimmedTo(int partition, std::uint64_t newBase);
    void onRebalanceRound();
    void onSessionExpired(int member);
    void onCommitTick();
    // Rewinds the group to `offset` on every partition (clamped to what the log retains), as an
    // operator resetting a group's offsets does: everything from there is delivered again.
    void seek(std::uint64_t offset);

    ConsumerService& consumer() const { return *consumer_; }
    int sink() const { return sink_; }
    std::uint64_t committed(int p) const { return parts_[static_cast<std::size_t>(p)].committed; }
    int owner(int p) const { return parts_[static_cast<std::size_t>(p)].owner; }
    std::uint64_t lag() const { return lag_; }
    std::uint64_t partitionLag(int p) const;
    SimTime oldestUnconsumedCreated(int p) const;
    std::uint64_t rebalances() const { return rebalances_; }
    // A rebalance under way (between its trigger and its last round), and its protocol.
    bool rebalancing() const { return phase_ != Phase::Stable; }
    bool eager() const { return eager_; }
    std::uint64_t partitionMoves() const { return moves_; }
    // Records a forward replay jumped over before the group processed them (counted as dropped).
    std::uint64_t skippedByReplay() const { return skippedByReplay_; }

private:
    struct PartState {
        std::uint64_t committed = 0;
        std::uint64_t position = 0;   // next offset to fetch
        std::uint64_t processed = 0;  // everything below is done (at-least-once)
        int owner = -1;
        int lastOwner = -1;           // owner before the latest revocation (to count real moves)
        int pendingOwner = -1;        // cooperative: owner after the second round
        bool busy = false;            // one record at a time per partition keeps per-key order
        std::uint32_t epoch = 0;      // bumped whenever ownership changes; stale acks cannot commit
    };
    enum class Phase { Stable, Eager, CoopRound1, CoopRound2 };

    void commit(PartState& s, std::uint64_t offset);
    void assignTo(int p, int member);
    void revoke(int p);
    void trigger();
    void scheduleRound();
    std::vector<int> joinedMembers() const;
    void wakeOwners();
    bool isCurrent(const Delivery& d) const;
    // A partition its owner may now fetch from (new records, no longer busy, moved, rewound).
    void markReady(int p);

    LogBroker& log_;
    int index_;
    ConsumerService* consumer_;
    int sink_;
    bool eager_;
    std::vector<PartState> parts_;
    std::vector<bool> alive_, joined_;
    std::vector<EventHandle> sessionTimers_;
    std::vector<int> cursor_;
    std::vector<ReadyPartitions> ready_; // per member
    Phase phase_ = Phase::Stable;
    bool dirty_ = false;
    EventHandle roundTimer_;
    std::uint64_t lag_ = 0;
    std::uint64_t rebalances_ = 0, moves_ = 0, skippedByReplay_ = 0;
};

} // namespace es

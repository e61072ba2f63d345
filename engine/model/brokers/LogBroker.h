#pragma once
// A partitioned log with Kafka semantics. A record goes to hash(key) mod partitions (keyless records
// round-robin), order holds within a partition, records stay until retention removes them whether
// or not anyone read them, and each consumer group keeps a committed offset per partition.
// Groups assign each partition to one live member (range or cooperative-sticky), rebalance when a
// member joins, leaves or is found dead (after the session timeout), and a new owner resumes from
// the last committed offset, so work processed but not committed runs again.
#include "model/LinkFaults.h"
#include "model/Receiver.h"
#include "model/RingBuffer.h"
#include "scenario/Scenario.h"

#include <memory>
#include <vector>

namespace es {

class LogGroup;

class World;
class ConsumerService;

class LogBroker final : public Receiver {
public:
    LogBroker(World& world, const BrokerSpec& spec);
    ~LogBroker() override;

    // Adds a consumer group (one consuming service); returns the group's message source.
    MessageSource* addGroup(ConsumerService* consumer, int sink);
    void start(); // forms the groups at t = 0

    void handle(const Event& ev) override;
    void receive(std::uint32_t eventSlot) override;
    std::uint64_t heldRefs() const override;
    LinkFaults& linkFaults() { return faults_; }

    const BrokerSpec& spec() const { return spec_; }
    int partitionCount() const { return static_cast<int>(partitions_.size()); }
    int partitionOf(std::uint64_t key);
    std::uint64_t logStart(int p) const { return partitions_[static_cast<std::size_t>(p)].base; }
    std::uint64_t logEnd(int p) const;
    std::uint64_t expired() const { return expired_; }

    // Per-group views, for metrics, summaries and tests.
    int groupCount() const { return static_cast<int>(groups_.size()); }
    const ConsumerService& groupConsumer(int g) const;
    const LogGroup& group(int g) const { return *groups_[static_cast<std::size_t>(g)]; }
    std::uint64_t committed(int g, int p) const;
    int owner(int g, int p) const;           // -1 while unassigned or paused by a rebalance
    std::uint64_t groupLag(int g) const;
    std::uint64_t partitionLag(int g, int p) const;
    std::uint64_t rebalances(int g) const;
    std::uint64_t partitionMoves(int g) const;
    SimTime oldestUnconsumedCreated(int g, int p) const; // kNever if none

private:
    friend class LogGroup;
    struct Entry {
        std::uint32_t eventSlot;
        SimTime appended;
    };
    struct Partition {
        RingBuffer<Entry> entries;
        std::uint64_t base = 0; // offset of entries.front()
        std::uint64_t end() const { return base + entries.size(); }
    };
    enum Kind : std::uint32_t { kRetention = 1, kRebalanceRound = 2, kSessionExpired = 3, kCommitTick = 4, kDelayedArrival = 5 };
    void append(std::uint32_t eventSlot);
    void trimExpired();
    void armRetention();

    World& world_;
    BrokerSpec spec_;
    std::vector<Partition> partitions_;
    std::vector<std::unique_ptr<class LogGroup>> groups_;
    std::uint64_t keylessNext_ = 0;
    std::uint64_t expired_ = 0;
    EventHandle retentionTimer_;
    LinkFaults faults_;
    std::uint64_t inTransit_ = 0;
    // The partition of every retained record in append order (appends happen in time order, so the
    // front is the oldest record of the whole log): expiry finds its work without scanning every
    // partition. Two bytes a record: partitions are at most 10,000 (the loader's range).
    RingBuffer<std::uint16_t> appendOrder_;
    std::vector<int> trimmed_;         // scratch for trimExpired: partitions with expired records
    std::vector<std::uint32_t> seen_;  // scratch for trimExpired: per partition, records counted
};

} // namespace es

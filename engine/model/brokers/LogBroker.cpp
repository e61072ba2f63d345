#include "model/brokers/LogBroker.h"

#include "model/services/ConsumerService.h"
#include "model/brokers/LogGroup.h"
#include "model/World.h"

#include <algorithm>

namespace es {

LogBroker::LogBroker(World& world, const BrokerSpec& spec)
    : Receiver(world.sim(), spec.name), world_(world), spec_(spec),
      partitions_(static_cast<std::size_t>(std::max(1, spec.partitions))), faults_(world.stream(spec.name, 7)),
      seen_(partitions_.size(), 0)
{
}

LogBroker::~LogBroker() = default;

MessageSource* LogBroker::addGroup(ConsumerService* consumer, int sink)
{
    groups_.push_back(std::make_unique<LogGroup>(*this, static_cast<int>(groups_.size()), consumer, sink));
    return groups_.back().get();
}

void LogBroker::start()
{
    for (std::size_t g = 0; g < groups_.size(); ++g) {
        groups_[g]->form();
        const ConsumerSpec& c = groups_[g]->consumer().spec();
        if (c.commit == ConsumerSpec::Commit::Interval)
            sim_.scheduleIn(c.commitInterval, *this, kCommitTick, g);
    }
}

// Kafka's default partitioner: toPositive(murmur2(key bytes)) % partitions (model/services/KeySpace.h), so a
// named key lands where a real cluster with as many partitions would put it. Keyless records go
// round-robin (Kafka's clients batch them "sticky"; over a run both spread them evenly).
int LogBroker::partitionOf(std::uint64_t key)
{
    const auto n = static_cast<std::uint64_t>(partitions_.size());
    if (key == kNoKey) return static_cast<int>(keylessNext_++ % n);
    return static_cast<int>(world_.keys().partitionHash(key) % n);
}

std::uint64_t LogBroker::logEnd(int p) const { return partitions_[static_cast<std::size_t>(p)].end(); }

void LogBroker::receive(std::uint32_t eventSlot)
{
    if (faults_.active()) {
        SimTime delay = 0;
        switch (faults_.judge(delay)) {
        case LinkFaults::Verdict::Drop:
            world_.recordHopAt(eventSlot, *this, HopKind::Dropped);
            for (auto& g : groups_) {
                world_.store().reach(eventSlot, g->sink());
                world_.store().markDropped(eventSlot, g->sink());
            }
            return;
        case LinkFaults::Verdict::Duplicate:
            world_.recordHopAt(eventSlot, *this, HopKind::Duplicate);
            append(eventSlot); // a producer retry after a lost ack: the record is written twice
            break;
        case LinkFaults::Verdict::Delay:
            world_.store().addRef(eventSlot);
            ++inTransit_;
            sim_.scheduleIn(delay, *this, kDelayedArrival, eventSlot);
            return;
        case LinkFaults::Verdict::Pass:
            break;
        }
    }
    append(eventSlot);
}

void LogBroker::append(std::uint32_t eventSlot)
{
    const int p = partitionOf(world_.store().envelope(eventSlot).key);
    Partition& part = partitions_[static_cast<std::size_t>(p)];
    world_.store().addRef(eventSlot);
    part.entries.push_back(Entry{eventSlot, sim_.now()});
    appendOrder_.push_back(static_cast<std::uint16_t>(p));
    for (auto& g : groups_) g->onAppend(p, eventSlot);
    if (!sim_.isPending(retentionTimer_)) armRetention();
}

void LogBroker::armRetention()
{
    if (appendOrder_.empty()) return;
    const SimTime oldest = partitions_[appendOrder_.front()].entries.front().appended;
    if (spec_.retention >= kNever - oldest) return;
    retentionTimer_ = sim_.schedule(addTime(oldest, spec_.retention), *this, kRetention);
}

void LogBroker::trimExpired()
{
    const SimTime cutoff = sim_.now() - spec_.retention;
    // The partitions holding expired records, from the oldest records of the log; they are then
    // trimmed in partition order, each with its groups told once, as a scan of all of them would.
    trimmed_.clear();
    std::size_t expiredCount = 0;
    for (; expiredCount < appendOrder_.size(); ++expiredCount) {
        const int p = appendOrder_[expiredCount];
        // This record is the seen_[p]-th of its partition from the front (appends are in time order
        // within a partition as in the log).
        std::uint32_t& nth = seen_[static_cast<std::size_t>(p)];
        if (partitions_[static_cast<std::size_t>(p)].entries[nth].appended > cutoff) break;
        if (nth++ == 0) trimmed_.push_back(p);
    }
    for (const int p : trimmed_) seen_[static_cast<std::size_t>(p)] = 0;
    std::sort(trimmed_.begin(), trimmed_.end());
    for (const int p : trimmed_) {
        Partition& part = partitions_[static_cast<std::size_t>(p)];
        while (!part.entries.empty() && part.entries.front().appended <= cutoff) {
            const Entry e = part.entries.front();
            for (auto& g : groups_) g->onTrim(p, part.base, e.eventSlot);
            part.entries.pop_front();
            ++part.base;
            ++expired_;
            world_.store().release(e.eventSlot);
        }
        for (auto& g : groups_) g->onTrimmedTo(p, part.base);
    }
    for (std::size_t k = 0; k < expiredCount; ++k) appendOrder_.pop_front();
}

void LogBroker::handle(const Event& ev)
{
    switch (ev.kind) {
    case kRetention:
        trimExpired();
        armRetention();
        break;
    case kRebalanceRound:
        groups_[ev.a]->onRebalanceRound();
        break;
    case kSessionExpired:
        groups_[ev.a]->onSessionExpired(static_cast<int>(ev.b));
        break;
    case kDelayedArrival:
        --inTransit_;
        append(static_cast<std::uint32_t>(ev.a));
        world_.store().release(static_cast<std::uint32_t>(ev.a));
        break;
    case kCommitTick: {
        LogGroup& g = *groups_[ev.a];
        g.onCommitTick();
        sim_.scheduleIn(g.consumer().spec().commitInterval, *this, kCommitTick, ev.a);
        break;
    }
    default:
        break;
    }
}

std::uint64_t LogBroker::heldRefs() const
{
    std::uint64_t n = inTransit_;
    for (const Partition& part : partitions_) n += part.entries.size();
    return n;
}

const ConsumerService& LogBroker::groupConsumer(int g) const { return groups_[static_cast<std::size_t>(g)]->consumer(); }
std::uint64_t LogBroker::committed(int g, int p) const { return groups_[static_cast<std::size_t>(g)]->committed(p); }
int LogBroker::owner(int g, int p) const { return groups_[static_cast<std::size_t>(g)]->owner(p); }
std::uint64_t LogBroker::groupLag(int g) const { return groups_[static_cast<std::size_t>(g)]->lag(); }
std::uint64_t LogBroker::partitionLag(int g, int p) const { return groups_[static_cast<std::size_t>(g)]->partitionLag(p); }
std::uint64_t LogBroker::rebalances(int g) const { return groups_[static_cast<std::size_t>(g)]->rebalances(); }
std::uint64_t LogBroker::partitionMoves(int g) const { return groups_[static_cast<std::size_t>(g)]->partitionMoves(); }
SimTime LogBroker::oldestUnconsumedCreated(int g, int p) const
{
    return groups_[static_cast<std::size_t>(g)]->oldestUnconsumedCreated(p);
}

} // namespace es

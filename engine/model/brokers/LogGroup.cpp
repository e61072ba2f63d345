#include "model/brokers/LogGroup.h"

#include "model/services/ConsumerService.h"
#include "model/brokers/GroupAssignor.h"
#include "model/World.h"

#include <algorithm>

namespace es {

LogGroup::LogGroup(LogBroker& log, int index, ConsumerService* consumer, int sink)
    : log_(log), index_(index), consumer_(consumer), sink_(sink),
      eager_(log.spec().assignor == BrokerSpec::Assignor::Range)
{
    const auto members = static_cast<std::size_t>(consumer->instanceCount());
    parts_.resize(static_cast<std::size_t>(log.partitionCount()));
    alive_.assign(members, true);
    joined_.assign(members, true);
    sessionTimers_.resize(members);
    cursor_.assign(members, 0);
    ready_.assign(members, ReadyPartitions(log.partitionCount()));
}

void LogGroup::markReady(int p)
{
    const PartState& s = parts_[static_cast<std::size_t>(p)];
    if (s.owner >= 0 && !s.busy) ready_[static_cast<std::size_t>(s.owner)].set(p);
}

void LogGroup::form()
{
    const std::vector<int> owners = assignRange(log_.partitionCount(), joinedMembers());
    for (int p = 0; p < log_.partitionCount(); ++p) assignTo(p, owners[static_cast<std::size_t>(p)]);
}

std::vector<int> LogGroup::joinedMembers() const
{
    std::vector<int> m;
    for (std::size_t i = 0; i < joined_.size(); ++i)
        if (joined_[i]) m.push_back(static_cast<int>(i));
    return m;
}

// The first partition at or after the member's cursor that it owns, is not busy and has a record
// to fetch, as a scan of every partition in turn would find it, but through the member's ready set.
bool LogGroup::take(int instance, Delivery& out)
{
    const int n = log_.partitionCount();
    int& cur = cursor_[static_cast<std::size_t>(instance)];
    ReadyPartitions& ready = ready_[static_cast<std::size_t>(instance)];
    for (int p = ready.nextFrom(cur); p >= 0; p = ready.nextFrom(cur)) {
        PartState& s = parts_[static_cast<std::size_t>(p)];
        const LogBroker::Partition& part = log_.partitions_[static_cast<std::size_t>(p)];
        ready.clear(p); // taken now, or nothing to take: an append, finish or move sets it again
        if (s.owner != instance || s.busy) continue;
        // Retention may have removed records below the position (a crashed member rewound to one):
        // skip to the first retained one, and only then see whether anything is left to read.
        if (s.position < part.base) s.position = part.base;
        if (s.position >= part.end()) continue;
        const LogBroker::Entry& e = part.entries[s.position - part.base];
        out = Delivery{};
        out.eventSlot = e.eventSlot;
        out.partition = static_cast<std::uint32_t>(p);
        out.offset = s.position;
        out.generation = s.epoch;
        out.availableAt = e.appended;
        ++s.position;
        s.busy = true;
        cur = (p + 1) % n; // next take starts after this partition: partitions share the workers fairly
        return true;
    }
    return false;
}

bool LogGroup::isCurrent(const Delivery& d) const
{
    const PartState& s = parts_[d.partition];
    return s.epoch == d.generation && s.owner >= 0;
}

void LogGroup::commit(PartState& s, std::uint64_t offset)
{
    if (offset <= s.committed) return;
    lag_ -= std::min<std::uint64_t>(lag_, offset - s.committed);
    s.committed = offset;
}

// A commit from a delivery fetched before its partition moved fails, as Kafka's commit does after a
// rebalance: the new owner will process the record again.
void LogGroup::acknowledge(const Delivery& d)
{
    if (!isCurrent(d)) return;
    PartState& s = parts_[d.partition];
    if (consumer_->deliveryMode() == DeliveryMode::AtMostOnce) {
        s.processed = std::max(s.processed, d.offset + 1);
        commit(s, d.offset + 1);
        return;
    }
    s.processed = std::max(s.processed, d.offset + 1);
    if (consumer_->spec().commit == ConsumerSpec::Commit::EachMessage) commit(s, s.processed);
}

void LogGroup::giveUp(const Delivery& d)
{
    // The group's dead-letter topic takes the record so the partition can move on.
    log_.world_.store().markDeadLettered(d.eventSlot, sink_);
    log_.world_.recordHopAt(d.eventSlot, *consumer_, HopKind::DeadLetter);
    acknowledge(d);
}

// The instance died holding the record. If the partition stays with it (it restarts before anyone
// notices, or a cooperative rebalance keeps it in place), it must fetch that record again.
void LogGroup::abandon(const Delivery& d)
{
    PartState& s = parts_[d.partition];
    if (!isCurrent(d)) {
        // The partition moved: its new owner starts from the committed offset. A replay forward may
        // have put that past the record, which is then never delivered again: dropped by the replay.
        EventStore& store = log_.world_.store();
        if (d.offset < s.committed && !store.hasFate(d.eventSlot, sink_)) {
            store.markDropped(d.eventSlot, sink_);
            log_.world_.recordHopAt(d.eventSlot, log_, HopKind::Dropped);
            ++skippedByReplay_;
        }
        return;
    }
    s.position = std::min(s.position, d.offset);
    markReady(static_cast<int>(d.partition));
}

void LogGroup::finished(const Delivery& d)
{
    PartState& s = parts_[d.partition];
    s.busy = false;
    markReady(static_cast<int>(d.partition));
    if (s.owner >= 0 && alive_[static_cast<std::size_t>(s.owner)]) consumer_->wakeInstance(s.owner);
}

void LogGroup::onAppend(int partition, std::uint32_t eventSlot)
{
    log_.world_.store().reach(eventSlot, sink_);
    ++lag_;
    consumer_->noteLag(lag_);
    markReady(partition);
    const PartState& s = parts_[static_cast<std::size_t>(partition)];
    if (s.owner >= 0 && alive_[static_cast<std::size_t>(s.owner)] && !s.busy) consumer_->wakeInstance(s.owner);
}

void LogGroup::onTrim(int partition, std::uint64_t offset, std::uint32_t eventSlot)
{
    // Retention removed a record this group never got to: lost to the group (applied beats dropped
    // when it was processed but not yet committed).
    if (offset >= parts_[static_cast<std::size_t>(partition)].committed) {
        log_.world_.store().markDropped(eventSlot, sink_);
        log_.world_.recordHopAt(eventSlot, log_, HopKind::Dropped);
    }
}

void LogGroup::onTrimmedTo(int partition, std::uint64_t newBase)
{
    PartState& s = parts_[static_cast<std::size_t>(partition)];
    commit(s, newBase); // the committed offset is out of range: reset to the log start
    s.processed = std::max(s.processed, newBase);
    s.position = std::max(s.position, newBase);
}

void LogGroup::assignTo(int p, int member)
{
    PartState& s = parts_[static_cast<std::size_t>(p)];
    const int from = s.owner >= 0 ? s.owner : s.lastOwner;
    if (member >= 0 && from >= 0 && from != member) ++moves_; // the first assignment is not a move
    s.owner = member;
    s.pendingOwner = -1;
    ++s.epoch;
    // The new owner resumes from the last committed offset.
    s.position = s.committed;
    s.processed = s.committed;
    markReady(p);
}

void LogGroup::revoke(int p)
{
    PartState& s = parts_[static_cast<std::size_t>(p)];
    // onPartitionsRevoked: a live owner commits what it has processed before letting go.
    if (s.owner >= 0 && alive_[static_cast<std::size_t>(s.owner)] && consumer_->canReachSource() &&
        consumer_->deliveryMode() == DeliveryMode::AtLeastOnce)
        commit(s, s.processed);
    if (s.owner >= 0) s.lastOwner = s.owner;
    s.owner = -1;
    ++s.epoch;
}

void LogGroup::instanceUp(int instance)
{
    const auto i = static_cast<std::size_t>(instance);
    alive_[i] = true;
    log_.sim_.cancel(sessionTimers_[i]);
    joined_[i] = true; // a restarted member joins again, which starts a rebalance
    trigger();
}

void LogGroup::instanceDown(int instance)
{
    const auto i = static_cast<std::size_t>(instance);
    alive_[i] = false;
    // Nobody notices a crash until the session times out; its partitions stall meanwhile.
    sessionTimers_[i] = log_.sim_.scheduleIn(log_.spec().sessionTimeout, log_, LogBroker::kSessionExpired,
                                             static_cast<std::uint64_t>(index_), i);
}

void LogGroup::onSessionExpired(int member)
{
    joined_[static_cast<std::size_t>(member)] = false;
    trigger();
}

void LogGroup::scheduleRound()
{
    log_.sim_.cancel(roundTimer_);
    roundTimer_ = log_.sim_.scheduleIn(log_.spec().rebalanceTime, log_, LogBroker::kRebalanceRound,
                                       static_cast<std::uint64_t>(index_));
}

void LogGroup::trigger()
{
    switch (phase_) {
    case Phase::Stable:
        ++rebalances_;
        if (eager_) {
            // Eager: every member stops and gives up everything before the new assignment.
            for (int p = 0; p < log_.partitionCount(); ++p) revoke(p);
            phase_ = Phase::Eager;
        } else {
            phase_ = Phase::CoopRound1;
        }
        scheduleRound();
        break;
    case Phase::Eager:
    case Phase::CoopRound1:
        scheduleRound(); // a change during the join phase: the round waits for it
        break;
    case Phase::CoopRound2:
        dirty_ = true;
        break;
    }
}

void LogGroup::onRebalanceRound()
{
    const std::vector<int> members = joinedMembers();
    const int n = log_.partitionCount();
    if (phase_ == Phase::Eager) {
        const std::vector<int> owners = assignRange(n, members);
        for (int p = 0; p < n; ++p) assignTo(p, owners[static_cast<std::size_t>(p)]);
        phase_ = Phase::Stable;
    } else if (phase_ == Phase::CoopRound1) {
        std::vector<int> current(static_cast<std::size_t>(n));
        for (int p = 0; p < n; ++p) {
            const int o = parts_[static_cast<std::size_t>(p)].owner;
            current[static_cast<std::size_t>(p)] = (o >= 0 && joined_[static_cast<std::size_t>(o)]) ? o : -1;
        }
        const std::vector<int> target = assignSticky(current, members);
        bool revoked = false;
        for (int p = 0; p < n; ++p) {
            const int cur = current[static_cast<std::size_t>(p)], want = target[static_cast<std::size_t>(p)];
            // A member that left the group loses its partitions now, even if nobody can take them.
            if (cur < 0 && parts_[static_cast<std::size_t>(p)].owner >= 0) revoke(p);
            if (cur == want) continue;               // stays put, keeps running
            if (cur < 0) {
                assignTo(p, want);                   // orphaned: assigned at once
            } else {
                revoke(p);                           // moves: revoked now, assigned next round
                parts_[static_cast<std::size_t>(p)].pendingOwner = want;
                revoked = true;
            }
        }
        if (revoked) {
            phase_ = Phase::CoopRound2;
            scheduleRound();
        } else {
            phase_ = Phase::Stable;
        }
    } else if (phase_ == Phase::CoopRound2) {
        for (int p = 0; p < n; ++p) {
            const int want = parts_[static_cast<std::size_t>(p)].pendingOwner;
            if (want < 0) continue;
            if (joined_[static_cast<std::size_t>(want)]) assignTo(p, want);
            else dirty_ = true;
        }
        phase_ = Phase::Stable;
    }
    wakeOwners();
    if (dirty_ && phase_ == Phase::Stable) {
        dirty_ = false;
        trigger();
    }
}

void LogGroup::wakeOwners()
{
    for (std::size_t m = 0; m < alive_.size(); ++m)
        if (alive_[m]) consumer_->wakeInstance(static_cast<int>(m));
}

void LogGroup::onCommitTick()
{
    if (!consumer_->canReachSource()) return; // the commit request never arrives
    for (PartState& s : parts_)
        if (s.owner >= 0 && alive_[static_cast<std::size_t>(s.owner)]) commit(s, s.processed);
}

void LogGroup::seek(std::uint64_t offset)
{
    lag_ = 0;
    for (int p = 0; p < log_.partitionCount(); ++p) {
        PartState& s = parts_[static_cast<std::size_t>(p)];
        const LogBroker::Partition& part = log_.partitions_[static_cast<std::size_t>(p)];
        const std::uint64_t target = std::clamp(offset, part.base, part.end());
        // A seek forward skips records the group has not processed: they will never be delivered to
        // it, so they are dropped by the replay. The record a worker holds now gets its fate from
        // that worker (see abandon() for a crash).
        EventStore& store = log_.world_.store();
        const std::uint64_t held = s.busy && s.position > 0 ? s.position - 1 : UINT64_MAX;
        for (std::uint64_t o = std::max(s.committed, part.base); o < target; ++o) {
            const std::uint32_t slot = part.entries[o - part.base].eventSlot;
            if (o == held || store.hasFate(slot, sink_)) continue;
            store.markDropped(slot, sink_);
            log_.world_.recordHopAt(slot, log_, HopKind::Dropped);
            ++skippedByReplay_;
        }
        s.committed = s.processed = s.position = target;
        ++s.epoch; // deliveries fetched before the reset cannot commit over it
        lag_ += part.end() - target;
        markReady(p);
    }
    consumer_->noteLag(lag_);
    wakeOwners();
}

std::uint64_t LogGroup::partitionLag(int p) const
{
    const PartState& s = parts_[static_cast<std::size_t>(p)];
    const std::uint64_t end = log_.logEnd(p);
    return end > s.committed ? end - s.committed : 0;
}

SimTime LogGroup::oldestUnconsumedCreated(int p) const
{
    const PartState& s = parts_[static_cast<std::size_t>(p)];
    const LogBroker::Partition& part = log_.partitions_[static_cast<std::size_t>(p)];
    if (s.committed >= part.end()) return kNever;
    const std::uint64_t off = std::max(s.committed, part.base);
    return log_.world_.store().envelope(part.entries[off - part.base].eventSlot).created;
}

SimTime LogGroup::oldestWaitingCreated() const
{
    SimTime oldest = kNever;
    for (int p = 0; p < log_.partitionCount(); ++p) oldest = std::min(oldest, oldestUnconsumedCreated(p));
    return oldest;
}

} // namespace es

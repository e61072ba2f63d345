#pragma once
// A read model: the copy of another service's state that a consumer builds from that service's
// events (a projection). For every write of the source it records when the copy reflects it: the
// consistency window. Its staleness at a moment is the age of the oldest write it does not reflect
// yet (0 when caught up), and the writes behind are those not reflected yet. The copy keeps, per
// key, the newest write applied: an older event arriving late (a retry, a redelivery) changes
// nothing, as a projection that checks versions would.
#include "metrics/LatencyHistogram.h"
#include "model/Envelope.h"
#include "model/RingBuffer.h"

#include <cstdint>
#include <unordered_map>

namespace es {

class EntityStore;

// The entity an event's key addresses: its position in its key space (the low 48 bits, see
// KeyRegistry), so producers with the same `keys:` address the same entities.
inline std::uint64_t entityKeyOf(std::uint64_t key)
{
    return key == kNoKey ? kNoKey : key & ((std::uint64_t{1} << 48) - 1);
}

class ReadModel {
public:
    ReadModel(EntityStore& source, std::uint16_t sourceService) : source_(source), sourceService_(sourceService) {}

    // The source committed a write (EntityStore::write calls it).
    void written(std::uint64_t key, std::uint64_t id, SimTime now);
    // The projection applies an event: one of the source's reflects the key's writes up to its id;
    // events of any other service change nothing.
    void apply(const Envelope& env, SimTime now);

    std::int64_t value(std::uint64_t key) const;
    std::uint64_t appliedUpTo(std::uint64_t key) const;
    // Seconds since the oldest write not reflected yet was committed (0 when caught up).
    double stalenessSeconds(SimTime now);
    std::uint64_t writesSeen() const { return writes_; }
    std::uint64_t reflected() const { return reflected_; }
    std::uint64_t behind() const { return writes_ - reflected_; }
    const LatencyHistogram& window() const { return window_; }
    const EntityStore& source() const { return source_; }
    std::uint16_t sourceService() const { return sourceService_; }

private:
    struct View {
        std::uint64_t applied = 0; // the newest event id of the source applied on this key
        std::int64_t value = 0;
        bool written = false;      // false: still the initial value
    };
    struct Unreflected {
        std::uint64_t key = 0, id = 0;
        SimTime committed = 0;
    };

    EntityStore& source_;
    std::uint16_t sourceService_;
    std::unordered_map<std::uint64_t, View> views_;
    RingBuffer<Unreflected> unreflected_; // in commit order; reflected ones leave from the front lazily
    LatencyHistogram window_;
    std::uint64_t writes_ = 0, reflected_ = 0;
};

} // namespace es

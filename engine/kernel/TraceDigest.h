#pragma once
// A run's fingerprint: XXH3-64 over (time, component, kind, arguments) of every traced event, in the
// order executed. Two runs with the same digest executed the same events at the same times.
//
// Events are batched into a small buffer and hashed in blocks: XXH3's streaming update has a fixed
// cost per call that would otherwise dominate at tens of millions of events. Adding to the buffer is
// inline (every event and every outcome comes here); only the block hash is out of line.
#include "kernel/EventQueue.h"
#include "kernel/SimTime.h"

#include <cstdint>
#include <memory>

namespace es {

class TraceDigest {
public:
    TraceDigest();
    ~TraceDigest();
    TraceDigest(const TraceDigest&) = delete;
    TraceDigest& operator=(const TraceDigest&) = delete;

    void add(const Event& ev) { add(ev.time, ev.target, ev.kind, ev.a, ev.b); }
    // An outcome decided while handling the current event (see model/Outcome.h): hashed in line, after
    // the event, with a target no component has, so it cannot be mistaken for an event.
    void addOutcome(std::uint32_t code, std::uint64_t a, std::uint64_t b) { add(-1, UINT32_MAX, code, a, b); }
    std::uint64_t value() const;

private:
    // The bytes hashed per entry: their layout is part of every digest ever recorded.
    struct Packed {
        std::int64_t time;
        std::uint32_t target;
        std::uint32_t kind;
        std::uint64_t a;
        std::uint64_t b;
    };
    static_assert(sizeof(Packed) == 32);
    static constexpr int kBatch = 256;
    void add(SimTime time, std::uint32_t target, std::uint32_t kind, std::uint64_t a, std::uint64_t b)
    {
        buffer_[used_++] = Packed{time, target, kind, a, b};
        if (used_ == kBatch) flush();
    }
    void flush() const; // hashes the buffer (const: value() flushes too)

    struct State; // the XXH3 streaming state
    std::unique_ptr<State> state_;
    mutable Packed buffer_[kBatch];
    mutable int used_ = 0;
};

} // namespace es

#pragma once
// A run's fingerprint: XXH3-64 over (time, component, kind, arguments) of every traced event, in the
// order executed. Two runs with the same digest executed the same events at the same times.
#include <cstdint>
#include <memory>

namespace es {

struct Event;

class TraceDigest {
public:
    TraceDigest();
    ~TraceDigest();
    TraceDigest(const TraceDigest&) = delete;
    TraceDigest& operator=(const TraceDigest&) = delete;

    void add(const Event& ev);
    // An outcome decided while handling the current event (see model/Outcome.h): hashed in line, after
    // the event, with a target no component has, so it cannot be mistaken for an event.
    void addOutcome(std::uint32_t code, std::uint64_t a, std::uint64_t b);
    std::uint64_t value() const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

} // namespace es

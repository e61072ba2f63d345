#pragma once
// A count-based circuit breaker (resilience4j's CircuitBreaker with a COUNT_BASED window):
// - closed: calls pass; the outcomes of the last `window` calls are kept. Once at least `minCalls`
//   were seen and the failure rate (errors and timeouts) reaches the threshold, it opens.
// - open: every call fails fast (nothing is sent) for `openFor`; then it becomes half-open.
// - half-open: `halfOpenCalls` calls are let through, the rest fail fast; when all of them are back,
//   their failure rate closes it (window emptied) or opens it again.
// Calls that were not permitted are not recorded. Outcomes of calls started before it opened are ignored.
#include "kernel/SimTime.h"
#include "scenario/Scenario.h"

#include <cstdint>
#include <vector>

namespace es {

class CircuitBreaker {
public:
    enum class State : std::uint8_t { Closed = 0, HalfOpen = 1, Open = 2 };

    explicit CircuitBreaker(const BreakerSpec& spec);

    // Whether a call may go out now (moves open -> half-open once the open time is over).
    bool allow(SimTime now);
    void record(bool success, SimTime now);
    State state(SimTime now) const;
    std::uint64_t opens() const { return opens_; }
    // Time spent open so far, for the summary.
    SimTime openTime(SimTime now) const { return openTotal_ + (state_ == State::Open ? now - openedAt_ : 0); }

private:
    void open(SimTime now);
    void close();

    BreakerSpec spec_;
    State state_ = State::Closed;
    std::vector<std::uint8_t> ring_; // 1 = failure, over the last `window` calls
    std::size_t next_ = 0, seen_ = 0, failures_ = 0;
    int halfPermitted_ = 0, halfDone_ = 0, halfFailed_ = 0;
    SimTime openedAt_ = 0, openTotal_ = 0;
    std::uint64_t opens_ = 0;
};

} // namespace es

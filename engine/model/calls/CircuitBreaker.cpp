#include "model/calls/CircuitBreaker.h"

#include <algorithm>

namespace es {

CircuitBreaker::CircuitBreaker(const BreakerSpec& spec)
    : spec_(spec), ring_(static_cast<std::size_t>(std::max(1, spec.window)), 0)
{
}

bool CircuitBreaker::allow(SimTime now)
{
    if (!spec_.enabled) return true;
    if (state_ == State::Open) {
        if (now - openedAt_ < spec_.openFor) return false;
        openTotal_ += now - openedAt_;
        state_ = State::HalfOpen;
        halfPermitted_ = halfDone_ = halfFailed_ = 0;
    }
    if (state_ == State::HalfOpen) {
        if (halfPermitted_ >= spec_.halfOpenCalls) return false;
        ++halfPermitted_;
    }
    return true;
}

void CircuitBreaker::record(bool success, SimTime now)
{
    if (!spec_.enabled) return;
    const std::uint8_t failed = success ? 0 : 1;
    if (state_ == State::Closed) {
        if (seen_ == ring_.size()) failures_ -= ring_[next_];
        else ++seen_;
        ring_[next_] = failed;
        failures_ += failed;
        next_ = (next_ + 1) % ring_.size();
        if (seen_ >= static_cast<std::size_t>(std::max(1, spec_.minCalls)) &&
            static_cast<double>(failures_) >= spec_.failureRate * static_cast<double>(seen_))
            open(now);
    } else if (state_ == State::HalfOpen && halfDone_ < halfPermitted_) {
        ++halfDone_;
        halfFailed_ += failed;
        if (halfDone_ >= spec_.halfOpenCalls) {
            if (static_cast<double>(halfFailed_) >= spec_.failureRate * halfDone_) open(now);
            else close();
        }
    }
}

CircuitBreaker::State CircuitBreaker::state(SimTime now) const
{
    if (state_ == State::Open && now - openedAt_ >= spec_.openFor) return State::HalfOpen; // on the next call
    return state_;
}

void CircuitBreaker::open(SimTime now)
{
    state_ = State::Open;
    openedAt_ = now;
    ++opens_;
}

void CircuitBreaker::close()
{
    state_ = State::Closed;
    std::fill(ring_.begin(), ring_.end(), 0);
    next_ = seen_ = failures_ = 0;
}

} // namespace es

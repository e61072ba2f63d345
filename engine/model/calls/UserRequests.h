#pragma once
// The users of an entry service: every arrival of its producer is a user request sent to the entry
// service's server, and the user gives up after the producer's user_timeout. Each request ends in
// exactly one outcome — succeeded, failed (an error came back), timed out (the user gave up),
// rejected (the entry's backlog was full: 503), failed fast (a circuit breaker or bulkhead on the way
// refused it) — or is still in flight at the end. Records the user-facing latency of successful
// requests, and availability (share succeeded) inside each scheduled failure and outside all of them.
#include "kernel/Simulation.h"
#include "metrics/LatencyHistogram.h"
#include "model/calls/CallTypes.h"

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

namespace es {

class World;
class CallClient;
struct ServiceSpec;

enum class RequestOutcome : std::uint8_t { Succeeded, Failed, TimedOut, Rejected, FailedFast };
inline constexpr int kRequestOutcomes = 5;
const char* requestOutcomeName(RequestOutcome o);

class UserRequests final : public CallOwner {
public:
    UserRequests(World& world, const ServiceSpec& entry, std::uint16_t entryService);
    ~UserRequests() override;

    // A user sends a request now (its key and attributes drawn by the producer).
    void send(const Envelope& request);
    void callsDone(std::uint64_t token, CallCause cause) override;

    std::uint16_t entryService() const { return entry_; }
    std::uint64_t sent() const { return sent_; }
    std::uint64_t count(RequestOutcome o) const { return outcomes_[static_cast<std::size_t>(o)]; }
    std::uint64_t inFlight() const { return inFlight_; }
    const LatencyHistogram& latency() const { return latency_; }
    // Availability per scheduled failure (index as in the scenario) and outside every failure.
    struct Share {
        std::uint64_t requests = 0, succeeded = 0;
    };
    const std::vector<Share>& duringFailures() const { return during_; }
    const Share& outsideFailures() const { return outside_; }

private:
    struct Pending {
        SimTime sentAt = 0;
        std::uint32_t flow = UINT32_MAX;
        std::uint64_t requestId = 0;
        std::uint32_t nextFree = UINT32_MAX;
    };

    World& world_;
    std::uint16_t entry_;
    std::unique_ptr<CallClient> client_;
    std::vector<Pending> pending_;
    std::uint32_t freeHead_ = UINT32_MAX;
    std::vector<std::uint16_t> target_;
    std::uint64_t sent_ = 0, inFlight_ = 0;
    std::array<std::uint64_t, kRequestOutcomes> outcomes_{};
    LatencyHistogram latency_;
    std::vector<Share> during_;
    Share outside_;
};

} // namespace es

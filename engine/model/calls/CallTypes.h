#pragma once
// The vocabulary of synchronous calls: why a call failed, what travels with it, and who waits for a
// group of calls. A call is one attempt from a caller (a user, a server's request, a consumer's
// delivery) to a callee's server; the caller's CallClient owns it, the callee's CallServer works on it.
#include "kernel/SimTime.h"
#include "model/Envelope.h"

#include <cstdint>

namespace es {

class CallClient;

// Why a call (or the request it was part of) did not succeed.
enum class CallCause : std::uint8_t {
    None,        // it succeeded
    Error,       // the callee failed (its own error, or a failure further down came back)
    Refused,     // the callee was down: the connection was refused at once
    Rejected,    // the callee's backlog was full: rejected at once (an HTTP 503)
    Timeout,     // the caller gave up waiting
    CircuitOpen, // the caller's breaker for that dependency was open: failed fast, nothing sent
    BulkheadFull,// the caller already had its cap of concurrent calls to that dependency
};
const char* callCauseName(CallCause c);

// A call as the callee knows it: which client, which of its call slots, and that slot's generation
// (a slot reused after a timeout has a new generation, so a late answer is recognised as stale).
struct CallRef {
    CallClient* client = nullptr;
    std::uint32_t slot = 0;
    std::uint32_t generation = 0;
};

// What travels with a request down the chain.
struct CallContext {
    Envelope env;                    // the request's event-to-be: type, key, attributes (bus routing), correlation
    std::uint64_t requestId = 0;     // the user request at the root of the chain
    std::uint64_t operation = 0;     // one call's identity, the same on each retry (idempotency key)
    std::uint32_t flow = UINT32_MAX; // the request's flow in the EndToEndTracker (completion time)
    std::uint32_t flowGeneration = 0;
    std::uint16_t depth = 0;         // 0 = the entry service
};

// Whoever waits for a group of calls (sequential or parallel) to finish.
class CallOwner {
public:
    virtual ~CallOwner() = default;
    // The calls started with `token` are over: all succeeded (cause None) or one failed for `cause`.
    virtual void callsDone(std::uint64_t token, CallCause cause) = 0;
};

} // namespace es

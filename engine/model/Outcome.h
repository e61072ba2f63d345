#pragma once
// What happened to a message at a decision point, as the trace digest records it. Events alone do
// not tell outcomes apart (a failed attempt and a successful one end with the same kernel event), so
// every outcome is hashed too: two runs share a digest only if the same things happened to the same
// events at the same times. The codes are part of the digest: append new ones, never renumber.
#include <cstdint>

namespace es {

enum class Outcome : std::uint32_t {
    Applied = 1,         // (eventId, sink) the effect happened, first time
    DuplicateEffect = 2, // (eventId, sink) the effect happened again
    Deduplicated = 3,    // (eventId, sink) an idempotency store stopped a duplicate
    DeadLettered = 4,    // (eventId, sink)
    Dropped = 5,         // (eventId, sink)
    DuplicateCopy = 6,   // (eventId, sink) another copy of an event the sink already had
    AttemptFailed = 7,   // (eventId, attempt number)
    RetryScheduled = 8,  // (eventId, backoff in ns)
    Acked = 9,           // (eventId, sink)
    AckLost = 10,        // (eventId, sink) the ack could not reach the broker
    CallSent = 11,       // (requestId, callee service) one attempt of a synchronous call went out
    CallRetry = 12,      // (operation, backoff in ns)
    CallAnswered = 13,   // (operation, cause: 0 ok, else CallCause) a callee answered (or could not)
    CallEffect = 14,     // (operation, 0 first / 1 again / 2 deduplicated) a callee applied its effect
    RequestOutcome = 15, // (requestId, outcome) a user got an answer or gave up
};

} // namespace es

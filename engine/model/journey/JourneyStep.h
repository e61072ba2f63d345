#pragma once
// One step of a message's journey as a person would tell it: a hop between two nodes (published,
// delivered, delivered again, dead-lettered, lost, a call and its answer) or something that happened
// to it at a consumer (handled, a failed attempt and its retry, a duplicate stopped by idempotency).
// The world hands every step to a JourneySink when one is attached (the run store with --trace, the
// window's journey replay); without one a step costs a branch.
#include "kernel/SimTime.h"
#include "model/Envelope.h"
#include "model/FlowRecorder.h"

#include <cstdint>

namespace es {

// The first values are HopKind's, the same numbers; the rest happen at one node. Stored in the run
// store's journey table: append new kinds, never renumber.
enum class StepKind : std::uint8_t {
    Deliver, Redelivery, Duplicate, DeadLetter, Dropped, CallRequest, CallResponse, CallTimeout, CallRejected,
    Handled,       // a consumer's handler ran to the end: detail 0 effect applied, 1 applied again
                   // (a duplicate effect), 2 refused by a business rule or the state (nothing written)
    Deduplicated,  // the consumer's idempotency store recognised the id: nothing done
    AttemptFailed, // detail: the attempt's number (1 = the first)
    RetryScheduled,// detail: the backoff before the next attempt, ns
};
inline constexpr int kStepKinds = 13;
inline StepKind stepOf(HopKind k) { return static_cast<StepKind>(k); }
inline bool isHopStep(StepKind k) { return k <= StepKind::CallRejected; }
// A short stable name ("deliver", "attempt-failed"): JSON and the store's readers use it.
const char* stepKindName(StepKind k);

struct JourneyStep {
    SimTime at = 0;
    Envelope envelope;              // the copy's envelope: ids, type, key, version
    std::uint16_t from = 0, to = 0; // graph node indices (services, then brokers); equal at one node
    StepKind kind = StepKind::Deliver;
    std::uint64_t detail = 0;       // a hop: the delivery attempt (calls: the CallCause); else see StepKind
};

class JourneySink {
public:
    virtual ~JourneySink() = default;
    virtual void onStep(const JourneyStep& step) = 0;
};

} // namespace es

#include "model/journey/JourneyStep.h"

namespace es {

static_assert(static_cast<int>(StepKind::CallRejected) == kHopKinds - 1, "a StepKind for every HopKind, same numbers");
static_assert(static_cast<int>(StepKind::RetryScheduled) == kStepKinds - 1);

const char* stepKindName(StepKind k)
{
    switch (k) {
    case StepKind::Deliver: return "deliver";
    case StepKind::Redelivery: return "redeliver";
    case StepKind::Duplicate: return "duplicate";
    case StepKind::DeadLetter: return "dead-letter";
    case StepKind::Dropped: return "dropped";
    case StepKind::CallRequest: return "call";
    case StepKind::CallResponse: return "response";
    case StepKind::CallTimeout: return "call-timeout";
    case StepKind::CallRejected: return "call-rejected";
    case StepKind::Handled: return "handled";
    case StepKind::Deduplicated: return "deduplicated";
    case StepKind::AttemptFailed: return "attempt-failed";
    case StepKind::RetryScheduled: return "retry-scheduled";
    }
    return "?";
}

} // namespace es

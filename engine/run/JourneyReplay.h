#pragma once
// A message's journey from a run that was not stored: the engine is deterministic (a run depends only
// on its scenario, overrides, seed and failures), so running the same scenario again from 0 to the
// moment looked at, with a JourneyCollector listening, yields the very steps the first run took. The
// window uses it for a clicked token or a searched id; the trace digest at the end proves it was the
// same run.
#include "model/journey/Journey.h"
#include "scenario/Scenario.h"

#include <atomic>
#include <cstdint>

namespace es {

struct ReplayedJourney {
    Journey journey;
    std::uint64_t traceDigest = 0; // of the replay at journey.seenUntil
    bool stopped = false;          // `stop` was set before `until`
};

// `scenario` as the run had it (variant, seed, and every failure with the times it really had,
// hand-injected ones included). `id` is a correlation id or an event id; for an event id the run is
// replayed a second time for its correlation's earlier steps.
ReplayedJourney replayJourney(const Scenario& scenario, SimTime until, std::uint64_t id,
                              const std::atomic<bool>* stop = nullptr);

} // namespace es

#include "run/JourneyReplay.h"

#include "run/RunDriver.h"

namespace es {

namespace {

// One replay collecting the steps of correlation `id`.
ReplayedJourney replayOnce(const Scenario& scenario, SimTime until, std::uint64_t id, const std::atomic<bool>* stop,
                           std::uint64_t* eventCorrelation)
{
    RunDriver driver(scenario, until);
    World& world = driver.world();
    JourneyCollector collector(id);
    world.setJourneySink(&collector);
    const bool reached = world.sim().runUntil(std::min(until, driver.endTime()), stop);
    world.setJourneySink(nullptr);
    ReplayedJourney out;
    out.stopped = !reached;
    out.traceDigest = world.sim().traceDigest();
    out.journey.asked = id;
    out.journey.steps = std::move(collector.steps());
    out.journey.nodes = journeyNodes(world);
    out.journey.typeNames = journeyTypes(world);
    out.journey.seenUntil = world.sim().now();
    if (!out.journey.steps.empty()) out.journey.correlationId = id;
    if (eventCorrelation) *eventCorrelation = collector.eventCorrelation();
    return out;
}

} // namespace

ReplayedJourney replayJourney(const Scenario& scenario, SimTime until, std::uint64_t id, const std::atomic<bool>* stop)
{
    std::uint64_t correlation = 0;
    ReplayedJourney first = replayOnce(scenario, until, id, stop, &correlation);
    if (first.journey.found() || correlation == 0 || first.stopped) return first;
    ReplayedJourney second = replayOnce(scenario, until, correlation, stop, nullptr);
    second.journey.asked = id;
    return second;
}

} // namespace es

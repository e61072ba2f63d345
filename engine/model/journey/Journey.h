#pragma once
// A message's journey: every step of one correlation (a root event, the events its handling caused,
// the calls made on the way) in the order they happened, with the names needed to tell it. Built by
// a JourneyCollector attached to a running world, or read from a run stored with --trace.
#include "model/journey/JourneyStep.h"

#include <cstdint>
#include <string>
#include <vector>

namespace es {

class World;

struct JourneyNode {
    std::string name;
    bool broker = false; // a queue, topic, log or bus; otherwise a service
};

struct Journey {
    std::uint64_t asked = 0;         // the id looked for: a correlation id or an event id
    std::uint64_t correlationId = 0; // the journey's; 0 when nothing in the run carries `asked`
    std::vector<JourneyStep> steps;  // in the order they happened
    std::vector<JourneyNode> nodes;  // by graph node index: the services, then the brokers
    std::vector<std::string> typeNames; // by Envelope::type
    SimTime seenUntil = 0;           // the run was looked at up to this simulated time
    bool found() const { return correlationId != 0; }
    const std::string& nodeName(std::uint16_t n) const;
    const std::string& typeName(std::uint16_t t) const;
};

// The world's graph nodes and event types, as a journey names them.
std::vector<JourneyNode> journeyNodes(const World& world);
std::vector<std::string> journeyTypes(const World& world);

// Keeps the steps whose correlation is `id`; also notes the correlation of the event `id`, if an event
// has that id, so an event id can be looked up in a second pass (its correlation's first steps come
// before the event itself exists).
class JourneyCollector final : public JourneySink {
public:
    explicit JourneyCollector(std::uint64_t id) : id_(id) {}
    void onStep(const JourneyStep& s) override
    {
        if (s.envelope.correlationId == id_) steps_.push_back(s);
        else if (s.envelope.eventId == id_ && eventCorrelation_ == 0) eventCorrelation_ = s.envelope.correlationId;
    }
    std::vector<JourneyStep>& steps() { return steps_; }
    // Non-zero when `id` is an event of another correlation than itself.
    std::uint64_t eventCorrelation() const { return eventCorrelation_; }

private:
    std::uint64_t id_;
    std::uint64_t eventCorrelation_ = 0;
    std::vector<JourneyStep> steps_;
};

} // namespace es

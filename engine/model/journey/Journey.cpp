#include "model/journey/Journey.h"

#include "model/World.h"

namespace es {

const std::string& Journey::nodeName(std::uint16_t n) const
{
    static const std::string unknown = "?";
    return n < nodes.size() ? nodes[n].name : unknown;
}

const std::string& Journey::typeName(std::uint16_t t) const
{
    static const std::string unknown = "?";
    return t < typeNames.size() ? typeNames[t] : unknown;
}

std::vector<JourneyNode> journeyNodes(const World& world)
{
    std::vector<JourneyNode> out;
    for (const ServiceSpec& s : world.scenario().services) out.push_back({s.name, false});
    for (const BrokerSpec& b : world.scenario().brokers) out.push_back({b.name, true});
    return out;
}

std::vector<std::string> journeyTypes(const World& world)
{
    std::vector<std::string> out;
    for (std::size_t t = 0; t < world.typeCount(); ++t) out.push_back(world.typeName(static_cast<std::uint16_t>(t)));
    return out;
}

} // namespace es

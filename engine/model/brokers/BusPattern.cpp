#include "model/brokers/BusPattern.h"

#include "model/World.h"

#include <algorithm>

namespace es {

BusPattern BusPattern::compile(World& world, const BusRule& rule)
{
    BusPattern p;
    for (const std::string& t : rule.types) p.types.push_back(world.internType(t));
    for (const auto& [name, values] : rule.attributes) {
        std::vector<std::uint16_t> ids;
        for (const std::string& v : values) ids.push_back(world.internAttributeValue(v));
        p.attributes.emplace_back(world.internAttributeName(name), std::move(ids));
    }
    return p;
}

bool BusPattern::matches(const Envelope& env) const
{
    if (!types.empty() && std::find(types.begin(), types.end(), env.type) == types.end()) return false;
    for (const auto& [name, accepted] : attributes) {
        bool found = false;
        for (int i = 0; i < env.attributeCount && !found; ++i)
            found = env.attributeNames[static_cast<std::size_t>(i)] == name &&
                    std::find(accepted.begin(), accepted.end(), env.attributeValues[static_cast<std::size_t>(i)]) !=
                        accepted.end();
        if (!found) return false;
    }
    return true;
}

} // namespace es

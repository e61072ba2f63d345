#pragma once
// A bus rule's pattern, compiled to the world's interned ids: the event types it accepts (none = any)
// and, per attribute, the values it accepts. The bus broker routes copies with it, and the
// synchronous style (model/calls/CallRouting) decides with it which services a request calls.
#include "model/Envelope.h"
#include "scenario/Scenario.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace es {

class World;

struct BusPattern {
    std::vector<std::uint16_t> types; // empty = any
    std::vector<std::pair<std::uint16_t, std::vector<std::uint16_t>>> attributes;

    static BusPattern compile(World& world, const BusRule& rule);
    bool matches(const Envelope& env) const;
};

} // namespace es

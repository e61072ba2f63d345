#pragma once
// Routing between brokers must form no loop: a topic hands its copy to every subscriber and a bus to
// every matching rule's targets at once, so a cycle of topics and buses would copy one event for
// ever. Queues and logs keep what they receive and forward nothing, so every loop goes through
// topics and buses only.
#include "scenario/Scenario.h"
#include "scenario/YamlReader.h"

#include <functional>
#include <string>

namespace es {

// `where(key)` gives the mark of a reference by the loader's key ("broker 'a' subscribes to b",
// "broker 'a' routes to b"). Reports each loop once, at the reference that closes it.
void checkRoutingCycles(const Scenario& s, DiagnosticSink& diags,
                        const std::function<YAML::Mark(const std::string& key)>& where);

} // namespace es

#pragma once
// Reading and checking the synchronous-call keys of a scenario (docs/scenario-format.md,
// "Synchronous calls"): the top-level `style`, and per service `calls`, `call_policy`, `backlog`,
// and for an entry service its server (`service_time`, `instances`, `concurrency`, `errors`) and
// `user_timeout`.
#include "scenario/FailureReader.h"
#include "scenario/Scenario.h"
#include "scenario/YamlReader.h"

#include <map>

namespace es {

void readCallStyle(MapReader& scenario, Scenario& s);
// Reads the service's call keys from its mapping (after its producer and consumer parts).
void readCallKeys(MapReader& r, ServiceSpec& svc, ReferenceLog& refs);
// Every `calls` names a service other than itself; no chain of calls (named, or in the synchronous
// style made of the event hops) comes back to a service already in it.
void checkCalls(DiagnosticSink& diags, const Scenario& s, const ReferenceLog& refs);
// Warns about a service that only answers calls (no produces, no consumes) when no service calls it:
// it does nothing. Most often a --set or --sweep with a misspelt service name made it
// (services.workers.concurrency=4 creates a server 'workers').
void warnUncalledServers(DiagnosticSink& diags, const Scenario& s, const std::map<std::string, YAML::Mark>& marks);

} // namespace es

#pragma once
// Reading and checking the state keys of a service (docs/scenario-format.md, "State and read
// models"): `state` (the entities it owns and how its handlings change them), `projects` (it is a
// read model of another service's state) and `reads` (a decision on a read model before acting).
#include "scenario/FailureReader.h"
#include "scenario/Scenario.h"
#include "scenario/YamlReader.h"

namespace es {

// Reads the service's state keys from its mapping (after its consumer part).
void readStateKeys(MapReader& r, ServiceSpec& svc, ReferenceLog& refs);
// Every name points where it must (a read model projects a service with state that emits its
// changes; a read names a read model or a service with state), and the keys are on consumers of
// the events style.
void checkState(DiagnosticSink& diags, const Scenario& s, const ReferenceLog& refs);

} // namespace es

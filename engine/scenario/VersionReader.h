#pragma once
// Reading the schema-version keys of a service (docs/scenario-format.md, "Schema versions"): a
// producer's `deploys` of a new event version, a consumer's `accepts`, `upcasts` and `deploys`.
#include "scenario/Scenario.h"
#include "scenario/YamlReader.h"

namespace es {

// After the producer and consumer parts are read, so it knows which one `deploys` belongs to.
void readVersionKeys(MapReader& r, ServiceSpec& svc);

} // namespace es

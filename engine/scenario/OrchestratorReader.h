#pragma once
// Reading and checking orchestrated sagas (docs/scenario-format.md, "Orchestrated sagas"): a
// consumer's `orchestrates:` (the saga it runs, its steps with their commands, replies and undos,
// where the outcome goes, the reply timeout and whether its state is persisted), and the emits
// derived from the steps so that the graph, the routing and the loop checks see every command.
#include "scenario/FailureReader.h"
#include "scenario/Scenario.h"
#include "scenario/YamlReader.h"

namespace es {

// Reads `orchestrates` from a service's mapping (after its consumer part); `refs` keeps each key's
// node for the checks' messages.
void readOrchestratorKeys(MapReader& r, ServiceSpec& svc, ReferenceLog& refs);
// Once the top-level sagas are read: every orchestrator's saga exists, and its steps become the
// consumer's emits (each command on the reply that leads to it, each undo on what starts the
// compensation, the saga's ends on the last reply and on the undos' replies). `emitRefs` gains the
// steps' nodes under the emits' keys, so routing errors point at the step.
void deriveOrchestratorEmits(DiagnosticSink& diags, Scenario& s, const ReferenceLog& refs, ReferenceLog& emitRefs);
// The replies each step waits for are emitted by some service; an in-memory orchestrator runs as one
// instance; orchestrators run in the events style.
void checkOrchestrators(DiagnosticSink& diags, const Scenario& s, const ReferenceLog& refs);

} // namespace es

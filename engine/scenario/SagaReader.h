#pragma once
// Reading and checking sagas and typed reactions (docs/scenario-format.md, "Sagas"): the top-level
// `sagas:` (which flows are business transactions and which event types end them), emits that react
// to some types only (`on:`), refusals (`declines`, `on_refusal`), and the loops that typed emits can
// still close.
#include "scenario/FailureReader.h"
#include "scenario/Scenario.h"
#include "scenario/YamlReader.h"

#include <set>
#include <string>

namespace es {

// The services an event of `type` sent to `target` reaches (queues, logs, topics and their
// subscribers, bus rules that match the type; emitted events carry no attributes). `seen` holds the
// targets visited, so each broker is followed once however many paths lead to it.
void reachServices(const Scenario& s, const std::string& target, const std::string& type, std::set<std::string>& out,
                   std::set<std::string>& seen);

void readSagas(DiagnosticSink& diags, const YAML::Node& node, Scenario& s, ReferenceLog& refs);
// Saga types exist (starts: a producer's type), `on:` names a type the service can be sent,
// refusals and sagas run in the events style.
void checkSagas(DiagnosticSink& diags, const Scenario& s, const ReferenceLog& refs, const ReferenceLog& emitRefs);
// From every producer's type, follows which services each type reaches and what they emit for it;
// a loop of (service, type) means every event begets the next forever.
void checkTypedEmitCycles(DiagnosticSink& diags, const Scenario& s, const ReferenceLog& emitRefs);

} // namespace es

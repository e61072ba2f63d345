#pragma once
// What the inspector shows, as label/value rows: a node's configuration (from the scenario), its
// live figures (from a snapshot) and a message's envelope (from a clicked token). Plain functions,
// so the panel only lays rows out and tests can read them without a window.
#include "scenario/Scenario.h"
#include "sim/ServiceGraph.h"
#include "sim/Snapshot.h"

#include <QString>
#include <QVector>

namespace esui {

struct InspectorRow {
    QString label, value;
};
using InspectorRows = QVector<InspectorRow>;

InspectorRows configRows(const es::Scenario& scenario, const GraphNode& node);
InspectorRows liveRows(const NodeFigures& figures);
// `keyName`: the envelope's key as the scenario names it ("" for a keyless event).
InspectorRows tokenRows(const TokenInfo& token, const std::string& keyName);

} // namespace esui

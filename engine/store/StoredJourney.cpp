#include "store/StoredJourney.h"

#include "store/RunStore.h"

namespace es {

void writeJourneyNames(sqlite::Database& db, std::int64_t runId, const std::vector<JourneyNode>& nodes,
                       const std::vector<std::string>& types)
{
    sqlite::Statement st(db, "INSERT INTO journey_names (run_id, space, idx, name, broker) VALUES (?, ?, ?, ?, ?)");
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        st.bind(1, runId).bind(2, "node").bind(3, static_cast<std::int64_t>(i)).bind(4, nodes[i].name).bind(5, nodes[i].broker);
        st.run();
    }
    for (std::size_t i = 0; i < types.size(); ++i) {
        st.bind(1, runId).bind(2, "type").bind(3, static_cast<std::int64_t>(i)).bind(4, types[i]).bind(5, false);
        st.run();
    }
}

void writeJourneySteps(sqlite::Database& db, std::int64_t runId, std::uint64_t firstSeq, const std::vector<JourneyStep>& steps)
{
    sqlite::Statement st(db, "INSERT INTO journey (run_id, seq, t_ns, event_id, correlation_id, causation_id, type, "
                             "version, from_node, to_node, kind, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    std::uint64_t seq = firstSeq;
    for (const JourneyStep& s : steps) {
        const Envelope& e = s.envelope;
        st.bind(1, runId).bind(2, seq++).bind(3, static_cast<std::int64_t>(s.at)).bind(4, e.eventId);
        st.bind(5, e.correlationId).bind(6, e.causationId).bind(7, static_cast<int>(e.type)).bind(8, static_cast<int>(e.version));
        st.bind(9, static_cast<int>(s.from)).bind(10, static_cast<int>(s.to)).bind(11, static_cast<int>(s.kind)).bind(12, s.detail);
        st.run();
    }
}

Journey readJourney(sqlite::Database& db, std::int64_t runId, std::uint64_t id)
{
    Journey j;
    j.asked = id;
    {
        sqlite::Statement names(db, "SELECT space, idx, name, broker FROM journey_names WHERE run_id = ? ORDER BY space, idx");
        names.bind(1, runId);
        while (names.step()) {
            const auto idx = static_cast<std::size_t>(names.int64At(1));
            if (names.textAt(0) == "node") {
                if (j.nodes.size() <= idx) j.nodes.resize(idx + 1);
                j.nodes[idx] = {names.textAt(2), names.int64At(3) != 0};
            } else {
                if (j.typeNames.size() <= idx) j.typeNames.resize(idx + 1);
                j.typeNames[idx] = names.textAt(2);
            }
        }
    }
    std::uint64_t correlation = id;
    {
        sqlite::Statement ofEvent(db, "SELECT correlation_id FROM journey WHERE run_id = ? AND event_id = ? LIMIT 1");
        ofEvent.bind(1, runId).bind(2, id);
        if (ofEvent.step()) correlation = ofEvent.uint64At(0);
    }
    sqlite::Statement st(db, "SELECT t_ns, event_id, correlation_id, causation_id, type, version, from_node, to_node, kind, "
                             "detail FROM journey WHERE run_id = ? AND correlation_id = ? ORDER BY seq");
    st.bind(1, runId).bind(2, correlation);
    while (st.step()) {
        JourneyStep s;
        s.at = st.int64At(0);
        s.envelope.eventId = st.uint64At(1);
        s.envelope.correlationId = st.uint64At(2);
        s.envelope.causationId = st.uint64At(3);
        s.envelope.type = static_cast<std::uint16_t>(st.int64At(4));
        s.envelope.version = static_cast<std::uint16_t>(st.int64At(5));
        s.from = static_cast<std::uint16_t>(st.int64At(6));
        s.to = static_cast<std::uint16_t>(st.int64At(7));
        const std::int64_t kind = st.int64At(8);
        s.kind = kind >= 0 && kind < kStepKinds ? static_cast<StepKind>(kind) : StepKind::Deliver;
        s.detail = st.uint64At(9);
        j.steps.push_back(s);
    }
    if (!j.steps.empty()) j.correlationId = correlation;
    return j;
}

std::uint64_t journeyStepCount(sqlite::Database& db, std::int64_t runId)
{
    sqlite::Statement st(db, "SELECT COUNT(*) FROM journey WHERE run_id = ?");
    st.bind(1, runId);
    return st.step() ? st.uint64At(0) : 0;
}

StoreJourneySink::StoreJourneySink(RunStore& store, std::int64_t runId, std::size_t batchRows)
    : rows_(batchRows, [&store, runId](std::uint64_t firstSeq, const std::vector<JourneyStep>& steps) {
          store.appendJourney(runId, firstSeq, steps);
      })
{
}

} // namespace es

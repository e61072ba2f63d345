#pragma once
// Reads what the window shows of synchronous calls from a World into a snapshot (called by the
// SnapshotBuilder between slices, never per event): each server's busy threads and backlog, the
// state of every caller's circuit breaker on its call edge, responses counted along the edge they
// travel back on, and the users' latency percentiles and success share of the last sampling window
// (read from the sampler's own series, so the status bar and the charts say the same numbers).
#include "model/FlowRecorder.h"
#include "sim/ServiceGraph.h"
#include "sim/Snapshot.h"

#include <array>
#include <cstddef>
#include <vector>

namespace es {
class World;
class UserRequests;
} // namespace es

namespace esui {

class CallFigures {
public:
    CallFigures(const ServiceGraph& graph, const es::World& world);

    // A node with a server: threads, busy threads and backlog; in the sync style its server is the
    // service (no consumer runs), so whether it is up and any slowdown come from the server too.
    void fillNode(std::size_t node, NodeFigures& f) const;
    // A call edge: its breaker's state and the responses that came back along it.
    void fillEdge(const GraphEdge& e, const es::FlowRecorder& flow, EdgeFlow& f) const;
    void fillUsers(std::vector<UsersFigures>& out) const;

private:
    struct Users {
        const es::UserRequests* users = nullptr;
        std::size_t p50 = 0, p95 = 0, p99 = 0;
        std::array<std::size_t, 5> outcome{}; // es::RequestOutcome order; column indices
        bool found = false;                   // every column was found in the sampler's series
    };

    const es::World& world_;
    bool sync_;
    std::vector<Users> users_;
};

} // namespace esui

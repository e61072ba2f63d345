#pragma once
// Reads the live figures of a World into a Snapshot (the refreshDisplay role in OMNeT++): called by
// the engine thread between slices, never per event, so the hot path pays nothing for the window.
#include "model/FlowRecorder.h"
#include "sim/CallFigures.h"
#include "sim/ServiceGraph.h"
#include "sim/Snapshot.h"

#include <vector>

namespace es {
class World;
class Producer;
class ConsumerService;
class QueueBroker;
class LogBroker;
class RouterBroker;
class Receiver;
} // namespace es

namespace esui {

class SnapshotBuilder {
public:
    // Resolves each graph node to its engine component once; call again after a restart. Attaches
    // a flow recorder to the world (so hops are recorded from now on) and detaches it when destroyed.
    SnapshotBuilder(const ServiceGraph& graph, es::World& world);
    ~SnapshotBuilder();
    SnapshotBuilder(const SnapshotBuilder&) = delete;
    SnapshotBuilder& operator=(const SnapshotBuilder&) = delete;

    // Hops kept per snapshot: enough for the view to draw or sample; the edge counts stay exact.
    static constexpr std::size_t kHopsPerSnapshot = 4096;

    // Fills the node figures and sim time of `out` (reusing its buffers). `previousTaken`: the window
    // took the last snapshot filled; if not, that one is lost, and its series rows go into this one.
    void fill(Snapshot& out, bool previousTaken = true);
    // The entity key (its position in the key space) every service with state shows first, with its
    // true value beside the read model's, whatever the gap; -1 for none.
    void watchKey(std::int64_t key) { watched_ = key; }

private:
    void fillEntities(const es::ConsumerService& c, NodeFigures& f);
    std::string entityName(std::uint64_t key) const;
    std::int64_t watched_ = -1;
    struct Binding {
        es::Producer* producer = nullptr;
        es::ConsumerService* consumer = nullptr;
        std::size_t consumerIndex = 0; // in world.consumers(): the sampler's index
        es::QueueBroker* queue = nullptr;
        es::LogBroker* log = nullptr;
        es::RouterBroker* router = nullptr;
        // Utilisation is the busy share since the previous fill, not since t = 0, so a slowdown shows.
        long double lastBusy = 0;
        es::SimTime lastTime = 0;
        double utilisation = 0;
        std::uint64_t losses = 0;          // producer: lost after commit + republished, at the last fill
        es::SimTime lastLoss = -1;         // when that count last grew
    };
    void fillNode(std::size_t i, NodeFigures& f);
    void fillEdges(Snapshot& out);
    bool producerDown(const std::string& name) const;

    const ServiceGraph& graph_;
    es::World& world_;
    std::vector<Binding> bindings_;
    std::vector<const es::Receiver*> brokerOf_; // per node: the broker, or null for a service
    es::FlowRecorder flow_;
    CallFigures calls_;
    // Sampled rows: those up to sentUpTo_ went out; the last fill's started after lastBase_.
    es::SimTime sentUpTo_ = -1, lastBase_ = -1;
};

} // namespace esui

#pragma once
// What the window shows of a running simulation at one instant: plain data, filled by the engine
// thread after a slice and read by the GUI thread after the handoff. No pointers into the engine,
// so the GUI may keep it as long as it likes while the engine runs on.
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "charts/SeriesRows.h"
#include "metrics/LatencyDistribution.h"
#include "model/FailureInjector.h"
#include "model/FlowRecorder.h"
#include "sim/ServiceGraph.h"

#include <nlohmann/json.hpp>

namespace esui {

enum class RunState { Paused, Playing, Finished };

struct NodeFigures {
    NodeKind kind = NodeKind::Consumer;
    std::string name;
    bool up = true;               // false: crashed (every instance) or broker outage
    int instancesUp = 0, instances = 0;
    std::uint64_t depth = 0;      // queue: visible messages; log: retained records
    std::uint64_t inFlight = 0;   // queue: received, not yet deleted; consumer: busy workers
    std::uint64_t lag = 0;        // consumer: backlog of its source; log: summed group lag
    double lagSeconds = 0;        // consumer: age of the oldest message its source has not handed out
    int lagStatus = 0;            // consumer: es::LagStatus at the last sample (OK, WARN, REWIND, STALL, STOP)
    std::uint64_t deadLettered = 0;
    std::uint64_t count = 0;      // producer: events created; topic/bus: received
    int workers = 0;
    int inBackoff = 0;            // consumer: workers waiting out a retry's backoff
    std::uint64_t failedAttempts = 0; // consumer: attempts that failed so far
    double utilisation = 0;       // consumer: busy share over the last snapshot interval, 0..1
    std::vector<std::uint64_t> partitionLag; // log: per partition, the largest lag over its groups
    // Log with one consumer group: the member that owns each partition (-1: revoked, nobody reads
    // it), and the group's rebalance under way (eager: every partition revoked; cooperative: only
    // the ones that move).
    std::vector<int> partitionOwner;
    // A producer with a database: rows committed; dual write: events committed and never published
    // (a crash between commit and publish); outbox: rows waiting for the relay, rows it published
    // twice (a crash after publishing, before marking the row sent). `sinceLoss`: simulated seconds
    // since the last of those happened (-1: never), so the window can show the moment.
    std::uint64_t dbWrites = 0, lostAfterCommit = 0, outboxPending = 0, republished = 0;
    double sinceLoss = -1;
    bool rebalancing = false, eagerRebalance = false;
    // A consumer that builds a read model (projects:): how stale its copy is now (the age of the
    // oldest write of the source it does not reflect yet, 0 caught up; -1 no read model) and how
    // many of the source's writes it is behind.
    double staleness = -1;
    std::uint64_t writesBehind = 0;
    // A service with state (a write model, or a read model of another's): how many entities it
    // holds and, for the keys where a read model differs most from the true value (then the first
    // keys), each key's true value and the read model's (view < 0 and hasView false: no read model).
    struct EntityValue {
        std::uint64_t key = 0;   // the entity's position in its key space
        std::int64_t value = 0;  // the write model's, the truth
        std::int64_t view = 0;   // the read model's
        bool hasView = false;
        bool watched = false;    // the key the user chose to watch (shown first)
        std::string name;        // the key's name in its producers' key space ("sku-17")
    };
    std::uint64_t entities = 0;
    std::vector<EntityValue> entityValues;
    std::string viewOf;          // a read model: the service whose state it copies
    // consumer: a slowdown in force (service time × slowFactor + slowExtra seconds)
    double slowFactor = 1, slowExtra = 0;
    // A service that answers calls (GraphNode::server): its worker threads and waiting requests.
    int threads = 0, busyThreads = 0;
    std::uint64_t backlog = 0, backlogLimit = 0;
    std::uint64_t requests = 0; // an entry service: requests its users sent
};

// Messages that moved along one graph edge (index-aligned with ServiceGraph::edges), cumulative
// since the run started, by HopKind; the view diffs two snapshots for a rate.
struct EdgeFlow {
    std::uint64_t count[es::kHopKinds] = {};
    bool cut = false; // a network partition separates the edge's service from its broker now
    double recentRate = 0; // messages per simulated second over the last 2 s (es::FlowRecorder::recentRate)
    // A faulty link into the edge's broker now (drop, duplicate, delay failures): the share of copies
    // each fault takes; all 0 when the link is healthy.
    float dropShare = 0, duplicateShare = 0, delayShare = 0;
    // A call edge whose caller has a circuit breaker: its state for this callee now (0 closed,
    // 1 half-open, 2 open: es::CircuitBreaker::State); -1 without a breaker or another kind of edge.
    // A call edge's CallResponse count is of responses coming back along it (callee to caller).
    int circuit = -1;
};

// The users of one entry service, as they see it: figures of the last sampling window (the same
// values the charts draw) and totals since the start.
struct UsersFigures {
    int node = 0;                 // the entry service
    double windowEnd = -1;        // simulated seconds; < 0: no window sampled yet
    double p50 = -1, p95 = -1, p99 = -1; // latency of the window's successful requests, s; < 0: none
    double successShare = -1;     // succeeded / requests that ended in the window; < 0: none ended
    std::uint64_t sent = 0, succeeded = 0, ended = 0;
};

struct Snapshot {
    std::uint64_t seq = 0;
    double simTime = 0, endTime = 0;  // seconds
    es::SimTime simNow = 0;           // simTime exactly (a replay to this moment is the same run)
    std::uint64_t eventsProcessed = 0;
    std::uint64_t traceDigest = 0;    // of the run so far: the same as a headless run's at the same point
    double eventsPerSecond = 0;       // engine events per wall second, recent
    RunState state = RunState::Paused;
    double speed = 1;                 // simulated seconds per wall second; <= 0 = as fast as possible
    std::string note;                 // the scenario note in force, if any
    std::vector<NodeFigures> nodes;   // index-aligned with ServiceGraph::nodes
    std::vector<EdgeFlow> edges;      // index-aligned with ServiceGraph::edges
    std::vector<UsersFigures> users;  // one per entry service with users (synchronous calls)
    // Hops since the previous snapshot, oldest first (the latest few thousand: a sample for the
    // tokens; the edge counts above stay exact). Node indices are ServiceGraph node indices.
    std::vector<es::Hop> hops;
    std::vector<std::string> typeNames; // event type names, by Envelope::type
    // The engine's sampled series rows since the snapshot the window last took (a row may come twice
    // when a snapshot was replaced before the window took it; the chart store skips it by time).
    SeriesRows series;
    // Per consumer group, the latency distribution of the run so far (non-empty buckets only), for
    // the distribution chart: the histogram the summary's percentiles come from, never a point per event.
    std::vector<es::LatencyDistribution> latency;
    // The run summary so far, as --json prints it (LiveSummary's cadence; exact when paused or
    // finished): the scoreboard's and the Figures panel's one source. Shared, never changed.
    std::shared_ptr<const nlohmann::json> summary;
    // Every failure of the run (the scenario's first, then those injected by hand, with the ends
    // they got) and what happened when: the failure log, the charts' bands, Save into the scenario.
    std::vector<es::FailureSpec> failures;
    std::size_t scenarioFailures = 0;
    std::vector<es::FailureLogEntry> failureLog;
    // Which run and which state of its failures the three above are (EngineWorker copies on change).
    std::pair<std::uint64_t, std::uint64_t> failuresKey{~std::uint64_t{0}, 0};
};

// A message token the user clicked: one hop of one copy of an event, with what the envelope says.
struct TokenInfo {
    es::Hop hop;
    std::string typeName;
    std::string fromName, toName;
};

} // namespace esui

#pragma once
// What a run produced, in plain data: the figures the CLI prints, the --json interface serialises
// and the run store will keep.
#include "kernel/SimTime.h"

#include <cstdint>
#include <string>
#include <vector>

namespace es {

struct LatencySummary {
    double mean = 0, p50 = 0, p95 = 0, p99 = 0, max = 0; // seconds
    std::uint64_t count = 0;
};

struct GroupSummary {
    std::string name;       // consumer group (service) or unconsumed queue
    std::string source;     // broker it consumes from
    std::string sourceKind; // queue, log, topic, bus, or "none"
    LatencySummary latency; // event creation -> first effect
    double meanWait = 0;    // seconds from availability to service start
    double utilisation = 0; // busy worker time / (workers x run time)
    std::uint64_t events = 0;           // obligations: distinct events that reached the group
    std::uint64_t effects = 0;          // distinct events whose effect was applied
    std::uint64_t effectApplications = 0;
    std::uint64_t duplicateEffects = 0;
    std::uint64_t deduplicated = 0;
    std::uint64_t deadLettered = 0;
    std::uint64_t dropped = 0;
    std::uint64_t skippedByReplay = 0;  // part of `dropped`: records a forward replay jumped over
    std::uint64_t inFlight = 0;
    std::uint64_t maxLagMessages = 0;
    double maxLagSeconds = 0; // the largest sampled lag in seconds (metrics interval)
    std::uint64_t attempts = 0, failedAttempts = 0, emitted = 0;
    std::uint64_t declined = 0; // handlings refused by `declines` (they emit `on_refusal` instead)
    struct VersionLine {
        int version = 0;
        std::uint64_t attempts = 0, failed = 0, upcast = 0;
    };
    std::vector<VersionLine> versions; // per event version, where the group has version rules
    // Time-averages over the run: workers busy (service, backoff, ack: "in service"), and for a group
    // fed by a queue, messages in its queue (waiting or received and not deleted: "in system", the L of
    // L = λW with λ = effects / time and W = the mean time from arrival to deletion).
    double avgInService = 0, avgInSystem = 0;
    bool hasAvgInSystem = false;
};

struct BrokerSummary {
    std::string name, kind;
    // queue
    std::uint64_t visible = 0, inFlight = 0, deadLettered = 0, redeliveries = 0, maxDepth = 0;
    double avgWaiting = 0, avgInQueue = 0; // time-averages: visible, and visible + in flight
    // log
    int partitions = 0;
    std::uint64_t retained = 0, expired = 0, rebalances = 0, partitionMoves = 0;
    // topic / bus
    std::uint64_t received = 0, copiesOut = 0, unrouted = 0;
};

struct ProducerSummary {
    std::string name;
    std::uint64_t created = 0;        // events created
    std::uint64_t published = 0;      // handed to the broker
    std::uint64_t publishFailed = 0;  // given up after the publish timeout (the broker was unreachable)
    std::uint64_t pending = 0;        // still waiting for an unreachable broker at the end
    std::uint64_t notProduced = 0;    // arrivals while the producer was down (nothing created)
    std::string publishMode;          // direct, dual-write, outbox
    std::uint64_t dbWrites = 0, lostAfterCommit = 0, relayRepublished = 0, outboxPending = 0;
    // End to end, per flow (one root event of this producer and every event emitted because of it):
    // the root's creation -> the last first-effect in the flow, recorded once no event of the flow is
    // left anywhere. Flows that ended with no effect at all (every copy lost or dead-lettered) and
    // flows still in flight at the end have no end-to-end time.
    LatencySummary endToEnd;
    std::uint64_t flowsCompleted = 0, flowsNoEffect = 0, flowsInFlight = 0;
};

// The users of one entry service (synchronous calls, or an entry that answers before publishing).
struct HistogramBin {
    double upTo = 0;          // seconds: the bin holds values above the previous bound and up to this one
    std::uint64_t count = 0;
};
struct AvailabilityShare {
    std::string label;        // "crash email 30s–60s", or "outside failures"
    std::uint64_t requests = 0, succeeded = 0;
    double share = 0;         // succeeded / requests (1 when no request was sent)
};
struct RequestSummary {
    std::string entry;        // the entry service
    std::uint64_t sent = 0, succeeded = 0, failed = 0, timedOut = 0, rejected = 0, failedFast = 0, inFlight = 0;
    LatencySummary latency;   // user-facing, request sent -> answer, successful requests
    std::vector<HistogramBin> histogram;
    LatencySummary completion; // request sent -> the last effect it caused anywhere (its flow's end)
    std::vector<AvailabilityShare> availability;
};

struct DependencySummary {
    std::string target;
    std::uint64_t sent = 0, succeeded = 0, failed = 0, timeouts = 0, retries = 0, failedFast = 0;
    int maxInFlight = 0;
    bool breaker = false;
    std::uint64_t circuitOpens = 0;
    double circuitOpenSeconds = 0;
    std::string circuitState; // at the end: closed, half-open, open
};

// A service's server (it answers calls) and its side as a caller.
struct ServerSummary {
    std::string name;
    int threads = 0, backlogLimit = 0, depth = 0;
    double avgBusy = 0, avgBacklog = 0;
    int maxBusy = 0;
    std::uint64_t maxBacklog = 0;
    std::uint64_t received = 0, accepted = 0, rejected = 0, refused = 0, unreachable = 0;
    std::uint64_t succeeded = 0, failed = 0, killed = 0, wasted = 0;
    double wastedSeconds = 0;
    std::uint64_t effects = 0, duplicateEffects = 0, deduplicated = 0;
    LatencySummary response; // accepted -> answered ok, at this server
    std::uint64_t callsMade = 0, retries = 0, timeouts = 0, failedFast = 0;
    std::vector<DependencySummary> dependencies;
};

// State (docs/cli-json.md, "State"): a service's write model, a read model that projects one, and
// a decision taken on one of them.
struct StateSummary {
    std::string service;
    std::int64_t initial = 0;
    std::uint64_t entities = 0, writes = 0;
    std::uint64_t oversold = 0;      // negative writes that left an entity below zero
    std::uint64_t filledLate = 0;    // oversold units covered later by new stock
    std::uint64_t owed = 0;          // oversold units still below zero at the end (not filled, not repaired)
    // The reconciliation job, when there is one (reconcileEvery > 0).
    double reconcileEvery = 0;       // seconds
    std::uint64_t reconcileRuns = 0, repaired = 0;
    LatencySummary repairDelay;      // oversell -> repair, per repaired order (seconds)
    std::int64_t valueTotal = 0;     // the sum of the written entities' values at the end
};
struct ReadModelSummary {
    std::string service, of;         // the read model, and the service whose state it projects
    LatencySummary window;           // commit -> the read model reflects the write (seconds)
    std::vector<HistogramBin> histogram;
    std::uint64_t writes = 0, reflected = 0, behind = 0;
    double staleness = 0;            // at the end: age of the oldest write not reflected (0: caught up)
    double maxStaleness = 0;         // over the run
};
struct DecisionSummary {
    std::string service, from;       // the deciding service, and the read model or state it reads
    bool fromReadModel = false;
    std::int64_t need = 0;
    std::uint64_t reads = 0, accepted = 0, refused = 0;
    std::uint64_t acceptedWithout = 0, refusedWith = 0; // wrong against the true state at that moment
    std::uint64_t ownReads = 0, ownMisses = 0;          // read-your-writes, when it reads its own read model
};

// A saga's transactions by how they ended (docs/cli-json.md, "Sagas").
struct SagaSummary {
    std::string name, starts, completes, compensated;
    std::uint64_t started = 0, completed = 0, compensated_ = 0, stuck = 0, inconsistent = 0, inFlight = 0;
    LatencySummary completedTime, compensatedTime, stuckTime; // start -> its end (seconds)
    // Its orchestrator, when the saga is orchestrated (empty service: choreographed).
    struct Orchestrator {
        std::string service;
        bool persisted = false;
        std::uint64_t started = 0, completed = 0, compensated = 0, gaveUp = 0, lost = 0, live = 0;
        std::uint64_t commands = 0, undos = 0, timeouts = 0, undoResent = 0, staleReplies = 0, duplicateStarts = 0, resumed = 0;
    } orchestrator;
};

struct FailureEvent {
    double at = 0;
    std::string target, what;
};

struct RunSummary {
    std::string engineVersion;
    std::string scenarioId, title, scenarioPath, variant;
    std::vector<std::string> overrides;
    std::uint64_t seed = 0;
    double simTime = 0;      // seconds reached
    double plannedTime = 0;  // seconds asked for
    bool interrupted = false;
    std::uint64_t eventsProcessed = 0;  // kernel events executed
    std::uint64_t eventsCreated = 0;    // domain events published by producers and consumers
    double wallTime = 0;
    std::uint64_t traceDigest = 0;
    std::vector<ProducerSummary> producers;
    std::vector<GroupSummary> groups;
    std::vector<BrokerSummary> brokers;
    std::vector<FailureEvent> failures;
    std::string style = "events"; // how event hops ran: events, or sync (calls)
    std::vector<RequestSummary> requests;
    std::vector<ServerSummary> servers;
    // Calls reaching the deepest service ÷ user requests (1 without retries; retries multiply it).
    double retryAmplification = 0;
    std::string deepestService;
    std::vector<StateSummary> states;
    std::vector<ReadModelSummary> readModels;
    std::vector<DecisionSummary> decisions;
    std::vector<SagaSummary> sagas;
    bool conservationOk = true;
    std::vector<std::string> violations;
};

std::string digestHex(std::uint64_t digest);
class LatencyHistogram;
LatencySummary summarizeLatency(const LatencyHistogram& h);
// Bins on a 1-2-5 scale from 1 ms up to the largest value: a histogram a reader can plot as is.
std::vector<HistogramBin> histogramOf(const LatencyHistogram& h);

} // namespace es

#pragma once
// The scenario model: what a scenario file describes, after loading and validation, in engine units
// (SimTime nanoseconds, rates per second, probabilities in [0,1]). Plain data: the loader fills it,
// the world builder reads it, and nothing here knows about YAML.
#include "kernel/SimTime.h"
#include "random/Distribution.h"
#include "scenario/Diagnostics.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace es {

// A change of the arrival rate at `at`: a step, or a linear ramp over `ramp` to the new rate.
struct RateChange {
    SimTime at = 0;
    double rate = 0;     // events per second
    SimTime ramp = 0;    // 0 = step
};

struct BurstSpec {
    SimTime start = 0;
    SimTime every = 0;   // 0 = a single burst at `start`
    std::uint32_t size = 0;
};

// The keys a producer puts on its events (see model/services/KeySpace.h). Either explicit names, or names made
// from a range: prefix + number + suffix for numbers first .. first + count - 1.
struct KeySpec {
    std::uint64_t count = 0;            // number of keys; 0 = keyless
    std::vector<std::string> names;     // explicit names (then count = names.size())
    std::string prefix = "key-", suffix;
    std::uint64_t first = 1;
    double zipf = 0;                    // 0 = uniform; else P(rank k) ∝ 1 / k^zipf, rank 1 = the first name
    std::uint64_t size() const { return names.empty() ? count : names.size(); }
};

// Schema versions (docs/scenario-format.md, "Schema versions"). A producer's deploy switches the
// version its events carry from `at` on, for a share of them (a rolling deploy: that share of its
// instances runs the new code); a consumer's deploy changes the versions it can read.
struct VersionDeploy {
    SimTime at = 0;
    int version = 1;
    double share = 1;
};
struct ReaderDeploy {
    SimTime at = 0;
    std::vector<int> accepts; // empty: every version (a tolerant reader)
};

struct ProducerSpec {
    std::string type;             // event type emitted, e.g. OrderPlaced
    int version = 1;
    std::string to;               // broker name
    SimTime publishTimeout = 30 * kSecond; // how long a publish is retried while the broker is unreachable
    // How the event leaves the producer. Direct: just published. DualWrite: the producer commits to
    // its own database, then publishes (a crash between the two loses the event). Outbox: the event
    // is committed with the data into an outbox table, and a relay publishes the table's rows.
    enum class Publish { Direct, DualWrite, Outbox } publish = Publish::Direct;
    Distribution dbCommit = Distribution::constant(0.005);
    SimTime relayInterval = 100 * kMillisecond;
    enum class Process { Poisson, Constant } process = Process::Poisson;
    double rate = 0;              // events per second at t = 0
    std::vector<RateChange> rateChanges;
    std::vector<BurstSpec> bursts;
    SimTime start = 0;
    SimTime stop = kNever;
    std::uint64_t limit = 0;      // 0 = no limit on the number of events
    KeySpec keys;                 // keyless unless keys.size() > 0
    double hotKeyShare = 0;       // share of events that carry the first key (a hot key)
    std::map<std::string, std::vector<std::string>> attributes; // each event draws one value per attribute
    SimTime userTimeout = 10 * kSecond; // with a server (see ServiceSpec::serves): users give up after this
    std::vector<VersionDeploy> deploys;  // in time order
};

enum class DeliveryMode { AtLeastOnce, AtMostOnce };

struct RetrySpec {
    int maxRetries = 0;           // retries in the consumer before it gives up on a delivery
    SimTime backoffBase = 100 * kMillisecond;
    double backoffMultiplier = 2.0;
    SimTime backoffMax = 10 * kSecond;
    bool jitter = true;           // "full jitter": uniform in [0, backoff]
};

struct EmitSpec {
    std::string type;
    std::string to;
    int version = 1;
    std::vector<std::string> on; // the handled event types that emit it (`on:`); empty: every type
    bool derived = false;         // an orchestrator's, made from its steps (checked there, not as an emit)
};

struct ConsumerSpec {
    std::string from;             // broker name (queue, log or topic/bus for push delivery)
    std::string group;            // consumer group name; defaults to the service name
    int instances = 1;            // replicas (for a log: group members)
    int concurrency = 1;          // workers per instance
    Distribution serviceTime = Distribution::constant(0.01);
    double errorRate = 0;         // chance that one processing attempt fails
    // A business refusal (a payment declined): the handling succeeds as a message but refuses the
    // request — it writes nothing, emits `onRefusal` instead of `emits` (a saga's failure event).
    double declines = 0;
    std::vector<EmitSpec> onRefusal;
    // The versions its handler reads (empty: every one, a tolerant reader); any other fails the
    // attempt (retries, then the dead-letter queue). `upcasts` are turned into the newest accepted
    // version before the handler. `deploys` change `accepts` from a time on.
    std::vector<int> accepts, upcasts;
    std::vector<ReaderDeploy> deploys;
    RetrySpec retry;
    std::optional<DeliveryMode> delivery; // unset: the broker's default
    Distribution ackLatency;      // time from the effect to the broker having the ack (crash window)
    bool idempotent = false;
    SimTime idempotencyTtl = 24 * 3600 * kSecond;
    std::vector<EmitSpec> emits;
    // Log consumers only.
    enum class Commit { EachMessage, Interval } commit = Commit::EachMessage;
    SimTime commitInterval = 5 * kSecond;
    SimTime startOffsetTime = -1; // -1: committed/earliest; else replay from the first offset at or after this time
};

// Synchronous calls (docs/scenario-format.md, "Synchronous calls"). A circuit breaker in the style of
// resilience4j's count-based breaker; the defaults are resilience4j's.
struct BreakerSpec {
    bool enabled = false;
    int window = 100;               // the last `window` calls decide
    int minCalls = 100;             // no decision before this many calls were seen
    double failureRate = 0.5;       // opens at this share of failures (errors and timeouts) or more
    SimTime openFor = 60 * kSecond; // fails fast this long, then half-open
    int halfOpenCalls = 10;         // calls let through half-open; their failure rate closes or reopens it
};

// How a service calls others: the caller's side of every call it makes.
struct CallPolicySpec {
    SimTime timeout = 5 * kSecond;  // the caller gives up (the callee does not know and finishes anyway)
    RetrySpec retry{0, 500 * kMillisecond, 1.0, 10 * kSecond, false}; // resilience4j: 500 ms apart, no jitter
    BreakerSpec breaker;            // one breaker per dependency (caller -> callee)
    int bulkhead = 0;               // at most this many concurrent calls to one dependency; 0 = no cap
    bool parallel = false;          // false: one call after the other (times add); true: all at once (the slowest)
};

// How a service answers calls: a pool of worker threads and a bounded backlog of waiting requests
// (Tomcat's acceptCount); a request that finds the backlog full is rejected at once (503). A consumer
// service answers with its own instances × concurrency, service time, errors and idempotency.
struct ServerSpec {
    int instances = 1;
    int concurrency = 200;          // threads per instance (Tomcat's maxThreads)
    int backlog = 100;              // waiting requests (Tomcat's acceptCount)
    Distribution serviceTime = Distribution::constant(0);
    double errorRate = 0;
    bool idempotent = false;        // a retried call's repeat is recognised and its effect not applied again
};

// State a service owns (docs/scenario-format.md, "State and read models"): entities by key (one per
// event key; keyless events share one), changed by the handling of the event types in `writes`, each
// write committed to the service's database after the service time. The service's follow-up events
// carry its changes to the read models that project it.
struct StateSpec {
    bool enabled = false;
    std::int64_t initial = 0;                    // every entity's value before its first write
    Distribution dbCommit = Distribution::constant(0);
    std::map<std::string, std::int64_t> writes;  // event type handled -> what its write adds
    // A reconciliation job every this often (0: none): it cancels every oversold order still owed
    // (each unit an entity is below zero) and refunds it, putting the entity back to 0.
    SimTime reconcileEvery = 0;
};

// A decision on state before acting: the handling reads the entity of its event's key from `from` (a
// read model, or the owner's write model) and goes on (writes, emits) only when it shows >= `need`.
struct ReadSpec {
    bool enabled = false;
    std::string from;     // a read-model service (`projects:`) or a service with `state`
    std::int64_t need = 1;
    std::vector<std::string> forTypes; // the event types whose handling decides; empty: every one
};

enum class CallStyle {
    Events, // a service's events go through the brokers (calls only where a service names them)
    Sync,   // every hop an event would take through the brokers is a synchronous call instead
};

// A saga (docs/scenario-format.md, "Sagas"): each flow whose root event is of type `starts` is one
// business transaction; it ends completed when an event of type `completes` takes effect in it,
// compensated when one of type `compensated` does, and stuck when its flow ends with neither.
// Every event a consumer may emit: its `emits` and its `on_refusal`.
template <class F> void forEachEmit(const ConsumerSpec& c, F&& f)
{
    for (const EmitSpec& e : c.emits) f(e);
    for (const EmitSpec& e : c.onRefusal) f(e);
}

struct SagaSpec {
    std::string name, starts, completes, compensated;
};

// An orchestrated saga (docs/scenario-format.md, "Orchestrated sagas"): a consumer that runs each
// saga of `saga` as a state machine. On the saga's start event it sends the first step's command and
// waits for the step's reply; each reply sends the next command, the last one the saga's `completes`
// event. A failure reply, or no reply within `timeout`, compensates the steps done in reverse (their
// `undo` commands, each waiting for its `undone` reply) and ends with the `compensated` event. Its
// sagas live in memory or, `persisted`, in its database (each transition commits there first): a
// crash then pauses their timers instead of losing them.
struct SagaStepSpec {
    std::string command, to, reply;
    std::vector<std::string> failures; // replies that say the step failed (nothing to undo for it)
    std::string undo, undone;          // its compensation command and that command's reply; empty: none
};

struct OrchestratorSpec {
    std::string saga;                  // a top-level `sagas:` entry: its start, completes and compensated types
    std::vector<SagaStepSpec> steps;
    std::string outcomeTo;             // where the completes and compensated events go
    SimTime timeout = 5 * kSecond;     // per step, waiting for its reply
    int undoRetries = 3;               // an undo that timed out is sent again this often, then the saga is given up
    bool persisted = true;
    Distribution dbCommit = Distribution::constant(0);
};

struct ServiceSpec {
    std::string name;
    std::optional<ProducerSpec> producer;
    std::optional<ConsumerSpec> consumer;
    ServerSpec server;
    // Not a consumer, and given server keys (service_time, concurrency, backlog, calls...): a producer
    // then answers its users through a server in both styles; a service with neither produces nor
    // consumes only answers the calls others make to it.
    bool serves = false;
    std::vector<std::string> calls;  // services it calls after its own time, in both styles
    CallPolicySpec callPolicy;
    // State (consumers only): what it owns, which service's state it projects as a read model, and
    // what it reads before acting.
    StateSpec state;
    std::string projects;
    ReadSpec reads;
    // Consumers only: it orchestrates a saga (its `emits` are derived from the steps).
    std::optional<OrchestratorSpec> orchestrates;
};

enum class BrokerKind { Queue, Topic, Log, Bus };

struct BusRule {
    std::string name;
    std::vector<std::string> types;                          // empty = any type
    std::map<std::string, std::vector<std::string>> attributes; // attribute -> accepted values
    std::vector<std::string> targets;                        // brokers or services
};

struct BrokerSpec {
    std::string name;
    BrokerKind kind = BrokerKind::Queue;
    DeliveryMode delivery = DeliveryMode::AtLeastOnce;
    std::vector<std::string> subscribe; // topics/buses this broker subscribes to (it receives their copies)
    // queue
    SimTime visibilityTimeout = 30 * kSecond;
    int maxReceives = 0;          // 0 = no redrive; else move to the DLQ when a receive would exceed it
    std::optional<Distribution> latency; // publish -> receivable (the client's send, the broker's write, the poll)
    // log
    int partitions = 1;
    SimTime retention = 7 * 24 * 3600 * kSecond;
    enum class Assignor { Range, CooperativeSticky } assignor = Assignor::Range;
    SimTime sessionTimeout = 10 * kSecond;   // how long a crashed member goes unnoticed
    SimTime rebalanceTime = 500 * kMillisecond; // one join/sync round
    // bus
    std::vector<BusRule> rules;
};

enum class FailureKind {
    Crash,          // service (or one instance): stops; restarts when the failure ends
    Slowdown,       // consumer: service time x factor + extra
    ErrorRate,      // consumer: extra failure chance per attempt
    Replay,         // log consumer: the group's offsets are reset (an instant action)
    Outage,         // broker: refuses publishes, deliveries, acks and commits
    Partition,      // a service and a broker cannot reach each other
    Drop,           // link into a queue or log: a share of copies is lost
    Duplicate,      // link into a queue or log: a share of copies arrives twice
    Delay,          // link into a queue or log: a share of copies arrives late (reordered)
    Poison,         // producer: a share of its events can never be processed
    CrashBeforeAck, // consumer: after an effect, a chance that the instance crashes before the ack
    CrashAfterCommit, // producer with a database: a chance to crash between its commit and its publish
    PoisonNext,     // producer: its next `count` events can never be processed (an instant action)
};
// An action at one instant (nothing to lift, no duration), not a state in force for a while.
inline bool isInstantFailure(FailureKind k) { return k == FailureKind::Replay || k == FailureKind::PoisonNext; }

struct FailureSpec {
    SimTime at = 0;
    SimTime duration = kNever;    // kNever = until the end of the run
    std::string target;           // service or broker name
    std::string peer;             // partition: the other side
    int instance = -1;            // -1 = every instance
    FailureKind kind = FailureKind::Crash;
    double factor = 1;            // slowdown: service time x factor
    SimTime extra = 0;            // slowdown: + extra
    double share = 0;             // error rate, drop/duplicate/delay/poison/crash-before-ack chance
    Distribution delay;           // delay: how late
    SimTime restartAfter = 1 * kSecond; // crash-before-ack: time until the instance is back
    std::uint64_t replayOffset = 0; // replay: the group rewinds every partition to this offset (0 = earliest)
    std::uint64_t count = 0;      // poison_next: how many of the producer's next events are poison
};

// Text shown at a simulated time (the window shows it, and may pause there).
struct NoteSpec {
    SimTime at = 0;
    std::string text;
    bool pause = false;
    // The variants the note is true in (`variants:`; "base" is the scenario without a variant);
    // empty: every variant. A note that tells the class what to watch must not be shown where it is false.
    std::vector<std::string> variants;
    bool shownIn(const std::string& variant) const;
};

// A figure a lesson names as carrying its point (`watch:`): the window shows it live, large, on a
// scoreboard. `figure` is a path into the run summary as --json prints it (docs/cli-json.md), e.g.
// producers.orders.lost_after_commit, so the window and the CLI can never disagree about it.
enum class FigureUnit { Count, Seconds, Share, Number };
struct WatchSpec {
    std::string figure;
    std::string label;             // "" = made from the path
    FigureUnit unit = FigureUnit::Count;
    bool lowerIsBetter = true;     // `better: lower | higher`: which way a comparison colours a difference
    int line = 0, column = 0;      // where the entry is, for the error when the figure does not exist
};

// Where the window draws a node: its centre in scene units (x to the right, y down, the graph's
// left-to-right layout). Saved by the window into the file's `layout:`; the engine never reads it.
struct NodePosition {
    std::string name; // a service or a broker
    double x = 0, y = 0;
};

struct MetricsSpec {
    SimTime interval = 1 * kSecond;
    std::size_t maxRows = 4096;
};

struct Scenario {
    std::string id;
    std::string title;
    std::string summary;
    std::vector<std::string> objectives;
    std::vector<NoteSpec> notes;
    std::vector<std::string> variants; // names of the scenario's variants
    std::string variant;               // the variant this scenario was loaded as ("" = the base)
    std::string sourcePath;
    std::uint64_t seed = 1;
    SimTime duration = 60 * kSecond;
    CallStyle style = CallStyle::Events;
    std::vector<ServiceSpec> services;
    std::vector<BrokerSpec> brokers;
    std::vector<FailureSpec> failures;
    MetricsSpec metrics;
    // The charts the window opens, in order (`charts:`; kDefaultCharts when absent); the others stay
    // in the charts dock's menu. The engine keeps the list and draws nothing.
    std::vector<std::string> charts;
    std::vector<WatchSpec> watch;      // `watch:`, in file order
    std::vector<SagaSpec> sagas;
    std::vector<NodePosition> layout;  // in file order; nodes without one are placed by the layout
    std::vector<Diagnostic> warnings;  // valid but noteworthy settings (e.g. a Pareto tail with no mean)

    const BrokerSpec* findBroker(const std::string& name) const;
    const ServiceSpec* findService(const std::string& name) const;
};

} // namespace es

#include "run/RunDriver.h"

#include "model/services/ConsumerService.h"
#include "model/FailureInjector.h"
#include "model/brokers/LogBroker.h"
#include "model/brokers/LogGroup.h"
#include "model/MetricsSampler.h"
#include "model/services/Producer.h"
#include "model/brokers/QueueBroker.h"
#include "model/brokers/RouterBroker.h"
#include "run/CallsSummary.h"
#include "run/SagaSummary.h"
#include "run/StateSummary.h"
#include "run/SummaryFormat.h"
#include "run/WatchFigures.h"

#include <fmt/format.h>

namespace es {

std::string digestHex(std::uint64_t digest) { return fmt::format("{:016x}", digest); }

RunDriver::RunDriver(const Scenario& scenario, std::optional<SimTime> until)
    : world_(std::make_unique<World>(scenario)), end_(until.value_or(scenario.duration))
{
    world_->start();
    // Here, once: only a built world knows every path of its summary.
    if (!scenario.watch.empty()) checkWatchFigures(scenario, summaryToJson(summarize(false, 0)));
}

RunDriver::~RunDriver() = default;

RunSummary RunDriver::run(const std::atomic<bool>* stop, const std::function<void(const RunProgress&)>& progress,
                          std::chrono::milliseconds progressEvery)
{
    using Clock = std::chrono::steady_clock;
    const auto t0 = Clock::now();
    auto lastReport = t0;
    Simulation& sim = world_->sim();
    bool interrupted = false;
    // Slices of events keep the clock checks off the hot path; a slice is a few milliseconds.
    constexpr std::uint64_t kSlice = 1 << 16;
    for (;;) {
        const bool reached = sim.runUntil(end_, stop, kSlice);
        if (reached) break;
        if (stop && stop->load()) {
            interrupted = true;
            break;
        }
        const auto now = Clock::now();
        if (progress && now - lastReport >= progressEvery) {
            lastReport = now;
            progress(RunProgress{toSeconds(sim.now()), toSeconds(end_), sim.eventsProcessed(),
                                 std::chrono::duration<double>(now - t0).count()});
        }
    }
    const double wall = std::chrono::duration<double>(Clock::now() - t0).count();
    world_->sampler().finish();
    return summarize(interrupted, wall);
}

LatencySummary summarizeLatency(const LatencyHistogram& h)
{
    LatencySummary l;
    l.count = h.count();
    l.mean = h.meanSeconds();
    l.p50 = h.quantileSeconds(0.50);
    l.p95 = h.quantileSeconds(0.95);
    l.p99 = h.quantileSeconds(0.99);
    l.max = h.maxSeconds();
    return l;
}

RunSummary RunDriver::summarize(bool interrupted, double wallSeconds) const
{
    const World& w = *world_;
    const Scenario& sc = w.scenario();
    RunSummary s;
    s.engineVersion = EVENTSCAPE_VERSION;
    s.scenarioId = sc.id;
    s.title = sc.title;
    s.scenarioPath = sc.sourcePath;
    s.variant = sc.variant;
    s.overrides = overrides_;
    s.seed = sc.seed;
    s.simTime = toSeconds(w.sim().now());
    s.plannedTime = toSeconds(end_);
    s.interrupted = interrupted;
    s.eventsProcessed = w.sim().eventsProcessed();
    s.eventsCreated = w.eventsCreated();
    s.wallTime = wallSeconds;
    s.traceDigest = w.sim().traceDigest();

    for (const auto& p : w.producers()) {
        ProducerSummary ps;
        ps.name = p->componentName().substr(0, p->componentName().rfind(".producer"));
        ps.created = p->created();
        ps.published = p->published();
        ps.publishFailed = p->publishFailed();
        ps.pending = p->pendingPublishes();
        ps.notProduced = p->notProducedWhileDown();
        static constexpr const char* modes[] = {"direct", "dual-write", "outbox"};
        ps.publishMode = modes[static_cast<int>(p->spec().publish)];
        ps.dbWrites = p->dbWrites();
        ps.lostAfterCommit = p->lostAfterCommit();
        ps.relayRepublished = p->relayRepublished();
        ps.outboxPending = p->outboxPending();
        const EndToEndTracker::PerProducer& e2e = w.endToEnd().producer(p->serviceIndex());
        ps.endToEnd = summarizeLatency(*e2e.latency);
        ps.flowsCompleted = e2e.completed;
        ps.flowsNoEffect = e2e.noEffect;
        ps.flowsInFlight = e2e.open;
        s.producers.push_back(std::move(ps));
    }
    const EventStore& store = w.store();
    for (int sink = 0; sink < static_cast<int>(w.sinkCount()); ++sink) {
        GroupSummary g;
        g.name = w.sinkName(sink);
        const SinkCounters& c = store.sink(sink);
        const EventStore::LiveFates live = store.liveFates(sink);
        g.events = c.obligations;
        g.effects = c.settledApplied + live.applied;
        g.effectApplications = c.effects;
        g.duplicateEffects = c.duplicateEffects;
        g.deduplicated = c.deduplicated;
        g.deadLettered = c.settledDeadLettered + live.deadLettered;
        g.dropped = c.settledDropped + live.dropped;
        g.inFlight = live.inFlight;
        g.sourceKind = "none";
        if (const ConsumerService* cs = w.consumer(g.name)) {
            g.source = cs->spec().from;
            const BrokerSpec* b = sc.findBroker(g.source);
            static constexpr const char* kinds[] = {"queue", "topic", "log", "bus"};
            g.sourceKind = b ? kinds[static_cast<int>(b->kind)] : "none";
            g.latency = summarizeLatency(cs->latency());
            g.meanWait = cs->meanWaitSeconds();
            const double span = static_cast<double>(w.sim().now()) * cs->totalWorkers();
            g.utilisation = span > 0 ? static_cast<double>(cs->busyIntegral()) / span : 0;
            const double now = static_cast<double>(w.sim().now());
            g.avgInService = now > 0 ? static_cast<double>(cs->busyIntegral()) / now : 0;
            g.maxLagMessages = std::max(cs->maxLagMessages(), cs->source() ? cs->source()->lagMessages() : 0);
            g.maxLagSeconds = cs->maxLagSeconds();
            g.attempts = cs->attempts();
            g.failedAttempts = cs->failedAttempts();
            g.emitted = cs->emitted();
            g.declined = cs->declined();
            for (std::size_t v = 0; v < cs->byVersion().size(); ++v)
                if (const auto& byVersion = cs->byVersion()[v]; byVersion.attempts)
                    g.versions.push_back({static_cast<int>(v), byVersion.attempts, byVersion.failed, byVersion.upcast});
            if (const auto* group = dynamic_cast<const LogGroup*>(cs->source())) g.skippedByReplay = group->skippedByReplay();
        } else {
            g.source = g.name;
            g.sourceKind = "queue";
        }
        s.groups.push_back(std::move(g));
    }
    for (const auto& q : w.queues()) {
        BrokerSummary b;
        b.name = q->componentName();
        b.kind = "queue";
        b.visible = q->visibleCount();
        b.inFlight = q->inFlightCount();
        b.deadLettered = q->deadLetterCount();
        b.redeliveries = q->redeliveries();
        b.maxDepth = q->maxDepth();
        b.avgWaiting = q->averageWaiting();
        b.avgInQueue = q->averageInQueue();
        for (GroupSummary& g : s.groups)
            if (g.source == b.name || (g.name == b.name && !w.consumer(b.name))) {
                g.avgInSystem = b.avgInQueue;
                g.hasAvgInSystem = true;
            }
        if (b.name == q->componentName() && !w.consumer(b.name)) {
            for (GroupSummary& g : s.groups)
                if (g.name == b.name) g.maxLagMessages = b.maxDepth;
        }
        s.brokers.push_back(b);
    }
    for (const auto& l : w.logs()) {
        BrokerSummary b;
        b.name = l->componentName();
        b.kind = "log";
        b.partitions = l->partitionCount();
        b.retained = l->heldRefs();
        b.expired = l->expired();
        for (int g = 0; g < l->groupCount(); ++g) {
            b.rebalances += l->rebalances(g);
            b.partitionMoves += l->partitionMoves(g);
        }
        s.brokers.push_back(b);
    }
    for (const auto& r : w.routers()) {
        BrokerSummary b;
        b.name = r->componentName();
        b.kind = r->spec().kind == BrokerKind::Topic ? "topic" : "bus";
        b.received = r->received();
        b.copiesOut = r->copiesOut();
        b.unrouted = r->unrouted();
        s.brokers.push_back(b);
    }
    for (const FailureLogEntry& f : w.failures().log()) s.failures.push_back(FailureEvent{toSeconds(f.at), f.target, f.what});
    summarizeCalls(w, s);
    summarizeState(w, s);
    summarizeSagas(w, s);
    const ConservationReport cr = w.checkConservation();
    s.conservationOk = cr.ok;
    s.violations = cr.violations;
    return s;
}

} // namespace es

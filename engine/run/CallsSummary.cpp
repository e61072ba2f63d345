#include "run/CallsSummary.h"

#include "metrics/LatencyHistogram.h"
#include "model/EndToEndTracker.h"
#include "model/World.h"
#include "model/calls/CallClient.h"
#include "model/calls/CallServer.h"
#include "model/calls/UserRequests.h"

#include <fmt/format.h>

#include <algorithm>

namespace es {

// Bins on a 1-2-5 scale from 1 ms, up to the largest value: a histogram a reader can plot as is.
std::vector<HistogramBin> histogramOf(const LatencyHistogram& h)
{
    std::vector<HistogramBin> bins;
    if (h.count() == 0) return bins;
    const double top = h.maxSeconds();
    double bound = 0.001;
    const double steps[] = {2, 2.5, 2}; // 1, 2, 5, 10, 20, 50, ...
    for (int i = 0; bins.empty() || bins.back().upTo < top; ++i) {
        bins.push_back(HistogramBin{bound, 0});
        bound *= steps[i % 3];
    }
    for (int b = 0; b < LatencyHistogram::kBucketCount; ++b) {
        const std::uint64_t n = h.bucketCount(b);
        if (!n) continue;
        const double v = static_cast<double>(LatencyHistogram::bucketHigh(b)) * 1e-9;
        auto it = std::lower_bound(bins.begin(), bins.end(), v, [](const HistogramBin& bin, double x) { return bin.upTo < x; });
        (it == bins.end() ? bins.back() : *it).count += n;
    }
    return bins;
}

namespace {

std::string failureLabel(const FailureSpec& f)
{
    static constexpr const char* kinds[] = {"crash", "slowdown", "errors", "replay", "outage", "partition", "drop",
                                  "duplicate", "delay", "poison", "crash before ack", "crash after commit"};
    const std::string end = f.duration >= kNever ? "end" : fmt::format("{:g}s", toSeconds(addTime(f.at, f.duration)));
    return fmt::format("{} {} {:g}s–{}", kinds[static_cast<int>(f.kind)], f.target, toSeconds(f.at), end);
}

} // namespace

void summarizeCalls(const World& w, RunSummary& s)
{
    const Scenario& sc = w.scenario();
    const SimTime now = w.sim().now();
    s.style = sc.style == CallStyle::Sync ? "sync" : "events";
    std::uint64_t userRequests = 0;
    for (const auto& u : w.users()) {
        RequestSummary r;
        r.entry = sc.services[u->entryService()].name;
        r.sent = u->sent();
        r.succeeded = u->count(RequestOutcome::Succeeded);
        r.failed = u->count(RequestOutcome::Failed);
        r.timedOut = u->count(RequestOutcome::TimedOut);
        r.rejected = u->count(RequestOutcome::Rejected);
        r.failedFast = u->count(RequestOutcome::FailedFast);
        r.inFlight = u->inFlight();
        r.latency = summarizeLatency(u->latency());
        r.histogram = histogramOf(u->latency());
        r.completion = summarizeLatency(*w.endToEnd().producer(u->entryService()).latency);
        for (std::size_t i = 0; i < sc.failures.size(); ++i) {
            const UserRequests::Share& sh = u->duringFailures()[i];
            r.availability.push_back(AvailabilityShare{failureLabel(sc.failures[i]), sh.requests, sh.succeeded,
                                                       sh.requests ? static_cast<double>(sh.succeeded) / sh.requests : 1.0});
        }
        const UserRequests::Share& out = u->outsideFailures();
        r.availability.push_back(AvailabilityShare{"outside failures", out.requests, out.succeeded,
                                                   out.requests ? static_cast<double>(out.succeeded) / out.requests : 1.0});
        userRequests += r.sent;
        s.requests.push_back(std::move(r));
    }
    const CallServer* deepest = nullptr;
    for (std::size_t i = 0; i < sc.services.size(); ++i) {
        const CallServer* sv = w.server(static_cast<std::uint16_t>(i));
        const CallClient* cl = w.callClient(static_cast<std::uint16_t>(i));
        if (!sv && !cl) continue;
        ServerSummary v;
        v.name = sc.services[i].name;
        if (sv) {
            const CallServer::Counters& n = sv->counters();
            v.threads = sv->threads();
            v.backlogLimit = sv->spec().backlog;
            v.depth = sv->maxDepth();
            v.avgBusy = sv->averageBusy(now);
            v.avgBacklog = sv->averageBacklog(now);
            v.maxBusy = sv->maxBusy();
            v.maxBacklog = sv->maxBacklog();
            v.received = n.received;
            v.accepted = n.accepted;
            v.rejected = n.rejected;
            v.refused = n.refused;
            v.unreachable = n.unreachable;
            v.succeeded = n.succeeded;
            v.failed = n.failed;
            v.killed = n.killed;
            v.wasted = n.wasted;
            v.wastedSeconds = n.wastedSeconds;
            v.effects = n.effects;
            v.duplicateEffects = n.duplicateEffects;
            v.deduplicated = n.deduplicated;
            v.response = summarizeLatency(sv->responseTime());
            if (n.received > 0 && (!deepest || sv->maxDepth() > deepest->maxDepth() ||
                                   (sv->maxDepth() == deepest->maxDepth() && n.received > deepest->counters().received)))
                deepest = sv;
        }
        if (cl) {
            v.callsMade = cl->sent();
            v.retries = cl->retries();
            v.timeouts = cl->timeouts();
            v.failedFast = cl->failedFast();
            static constexpr const char* states[] = {"closed", "half-open", "open"};
            for (const CallClient::Dependency& d : cl->dependencies()) {
                DependencySummary ds;
                ds.target = sc.services[d.target].name;
                ds.sent = d.sent;
                ds.succeeded = d.succeeded;
                ds.failed = d.failed;
                ds.timeouts = d.timeouts;
                ds.retries = d.retries;
                ds.failedFast = d.failedFast;
                ds.maxInFlight = d.maxInFlight;
                ds.breaker = cl->policy().breaker.enabled;
                ds.circuitOpens = d.breaker.opens();
                ds.circuitOpenSeconds = toSeconds(d.breaker.openTime(now));
                ds.circuitState = states[static_cast<int>(d.breaker.state(now))];
                v.dependencies.push_back(std::move(ds));
            }
        }
        s.servers.push_back(std::move(v));
    }
    // A call chain's figure: in the events style callbacks are not a chain (see docs/cli-json.md).
    if (sc.style == CallStyle::Sync && deepest && deepest->maxDepth() > 0 && userRequests > 0) {
        s.deepestService = sc.services[deepest->serviceIndex()].name;
        s.retryAmplification = static_cast<double>(deepest->counters().received) / static_cast<double>(userRequests);
    }
}

} // namespace es

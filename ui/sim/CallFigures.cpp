#include "sim/CallFigures.h"

#include "metrics/TimeSeries.h"
#include "model/MetricsSampler.h"
#include "model/World.h"
#include "model/calls/CallClient.h"
#include "model/calls/CallServer.h"
#include "model/calls/UserRequests.h"

#include <optional>

namespace esui {

namespace {

std::optional<std::size_t> column(const es::TimeSeriesSet& ts, const std::string& name)
{
    for (std::size_t c = 0; c < ts.seriesCount(); ++c)
        if (ts.name(c) == name) return c;
    return std::nullopt;
}

} // namespace

CallFigures::CallFigures(const ServiceGraph& graph, const es::World& world) : world_(world), sync_(graph.sync)
{
    static_assert(es::kRequestOutcomes == 5, "Users::outcome holds one column per outcome");
    const es::TimeSeriesSet& ts = world.sampler().series();
    for (const auto& u : world.users()) {
        Users b;
        b.users = u.get();
        // The sampler's names (model/calls/CallSeries): "<entry>.users.latency_p99_s", "<entry>.users.<outcome>_per_s".
        const std::string stem = world.scenario().services[u->entryService()].name + ".users.";
        const auto p50 = column(ts, stem + "latency_p50_s"), p95 = column(ts, stem + "latency_p95_s"),
                   p99 = column(ts, stem + "latency_p99_s");
        b.found = p50 && p95 && p99;
        if (b.found) b.p50 = *p50, b.p95 = *p95, b.p99 = *p99;
        for (int o = 0; o < es::kRequestOutcomes; ++o) {
            const auto c = column(ts, stem + es::requestOutcomeName(static_cast<es::RequestOutcome>(o)) + "_per_s");
            b.found = b.found && c;
            if (c) b.outcome[static_cast<std::size_t>(o)] = *c;
        }
        users_.push_back(b);
    }
}

void CallFigures::fillNode(std::size_t node, NodeFigures& f) const
{
    f.threads = f.busyThreads = 0;
    f.backlog = f.backlogLimit = 0;
    f.requests = 0;
    if (node >= world_.servers().size()) return; // a broker
    const es::CallServer* s = world_.servers()[node].get();
    if (!s) return;
    f.threads = s->threads();
    f.busyThreads = s->busyThreads();
    f.backlog = s->backlog();
    f.backlogLimit = static_cast<std::uint64_t>(std::max(0, s->spec().backlog));
    f.requests = 0;
    for (const Users& u : users_)
        if (u.users->entryService() == node) f.requests = u.users->sent();
    if (!sync_) return; // as events, the consumer (if any) says whether the service is up
    f.up = !s->isDown();
    f.slowFactor = s->slowFactor();
    f.slowExtra = es::toSeconds(s->slowExtra());
}

void CallFigures::fillEdge(const GraphEdge& e, const es::FlowRecorder& flow, EdgeFlow& f) const
{
    f.circuit = -1;
    if (e.kind != EdgeKind::Call) return;
    const auto from = static_cast<std::uint16_t>(e.from), to = static_cast<std::uint16_t>(e.to);
    f.count[static_cast<int>(es::HopKind::CallResponse)] = flow.count(to, from, es::HopKind::CallResponse);
    const es::CallClient* c = world_.callClient(from);
    if (!c || !c->policy().breaker.enabled) return;
    const es::CallClient::Dependency* d = c->dependency(to);
    f.circuit = d ? static_cast<int>(d->breaker.state(world_.sim().now())) : 0; // no call yet: closed
}

void CallFigures::fillUsers(std::vector<UsersFigures>& out) const
{
    out.resize(users_.size());
    const es::TimeSeriesSet& ts = world_.sampler().series();
    for (std::size_t i = 0; i < users_.size(); ++i) {
        const Users& b = users_[i];
        UsersFigures& u = out[i];
        u.node = b.users->entryService();
        u.sent = b.users->sent();
        u.succeeded = b.users->count(es::RequestOutcome::Succeeded);
        u.ended = u.sent - b.users->inFlight();
        u.windowEnd = -1;
        u.successShare = -1;
        if (!b.found || ts.rowCount() == 0) continue;
        const std::size_t row = ts.rowCount() - 1;
        u.windowEnd = es::toSeconds(ts.timeAt(row));
        u.p50 = ts.valueAt(row, b.p50);
        u.p95 = ts.valueAt(row, b.p95);
        u.p99 = ts.valueAt(row, b.p99);
        double ended = 0;
        for (std::size_t c : b.outcome) ended += ts.valueAt(row, c);
        if (ended > 0) u.successShare = ts.valueAt(row, b.outcome[0]) / ended;
        // No success in the window: its percentiles say nothing (not "fast").
        if (ts.valueAt(row, b.outcome[0]) <= 0) u.p50 = u.p95 = u.p99 = -1;
    }
}

} // namespace esui

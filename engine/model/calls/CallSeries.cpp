#include "model/calls/CallSeries.h"

#include "model/World.h"
#include "model/calls/CallClient.h"
#include "model/calls/CallServer.h"
#include "model/calls/UserRequests.h"

namespace es {

using Merge = TimeSeriesSet::Merge;

void CallSeries::addSeries(TimeSeriesSet& set)
{
    const Scenario& sc = world_.scenario();
    for (const auto& u : world_.users()) {
        const std::string n = sc.services[u->entryService()].name + ".users";
        set.addSeries(n + ".latency_p50_s", Merge::Max);
        set.addSeries(n + ".latency_p95_s", Merge::Max);
        set.addSeries(n + ".latency_p99_s", Merge::Max);
        for (int o = 0; o < kRequestOutcomes; ++o)
            set.addSeries(n + "." + requestOutcomeName(static_cast<RequestOutcome>(o)) + "_per_s");
        set.addSeries(n + ".in_flight", Merge::Max);
    }
    windows_.assign(world_.users().size(), LatencyWindow{});
    previous_.assign(world_.users().size(), {});
    for (std::size_t i = 0; i < world_.servers().size(); ++i)
        if (world_.servers()[i]) {
            set.addSeries(sc.services[i].name + ".busy_threads", Merge::Max);
            set.addSeries(sc.services[i].name + ".backlog", Merge::Max);
        }
    // Dependencies appear as calls are made; a breaker's targets are known from the routing, so
    // they are listed here from the services the client may call.
    for (std::size_t i = 0; i < world_.callClients().size(); ++i) {
        const CallClient* c = world_.callClients()[i].get();
        if (!c || !c->policy().breaker.enabled) continue;
        for (std::size_t t = 0; t < world_.servers().size(); ++t)
            if (world_.servers()[t] && t != i) {
                breakers_.push_back(Breaker{static_cast<std::uint16_t>(i), static_cast<std::uint16_t>(t)});
                set.addSeries(sc.services[i].name + "->" + sc.services[t].name + ".circuit", Merge::Max);
            }
    }
}

void CallSeries::sample(std::vector<double>& row, std::size_t& col, double dt)
{
    const SimTime now = world_.sim().now();
    for (std::size_t i = 0; i < world_.users().size(); ++i) {
        const UserRequests& u = *world_.users()[i];
        windows_[i].next(u.latency(), kWindowPercentiles, std::span(row).subspan(col, kWindowPercentiles.size()));
        col += kWindowPercentiles.size();
        for (int o = 0; o < kRequestOutcomes; ++o) {
            const std::uint64_t n = u.count(static_cast<RequestOutcome>(o));
            row[col++] = dt > 0 ? static_cast<double>(n - previous_[i][static_cast<std::size_t>(o)]) / dt : 0;
            previous_[i][static_cast<std::size_t>(o)] = n;
        }
        row[col++] = static_cast<double>(u.inFlight());
    }
    for (const auto& s : world_.servers())
        if (s) {
            row[col++] = s->busyThreads();
            row[col++] = static_cast<double>(s->backlog());
        }
    for (const Breaker& b : breakers_) {
        const CallClient::Dependency* d = world_.callClient(b.caller)->dependency(b.target);
        row[col++] = d ? static_cast<double>(static_cast<int>(d->breaker.state(now))) : 0.0;
    }
}

} // namespace es

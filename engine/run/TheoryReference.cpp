#include "run/TheoryReference.h"

#include "metrics/QueueTheory.h"

#include <cmath>

namespace es {

std::optional<TheoryReference> queueModelFor(const Scenario& sc)
{
    if (!sc.failures.empty() || sc.brokers.size() != 1 || sc.brokers[0].kind != BrokerKind::Queue) return std::nullopt;
    const BrokerSpec& queue = sc.brokers[0];
    if (queue.maxReceives != 0) return std::nullopt;
    const ProducerSpec* prod = nullptr;
    const ServiceSpec* cons = nullptr;
    for (const ServiceSpec& s : sc.services) {
        if (s.producer) {
            if (prod || s.consumer) return std::nullopt;
            prod = &*s.producer;
        } else if (s.consumer) {
            if (cons) return std::nullopt;
            cons = &s;
        }
    }
    if (!prod || !cons) return std::nullopt;
    const ConsumerSpec& c = *cons->consumer;
    if (prod->to != queue.name || c.from != queue.name) return std::nullopt;
    if (prod->process != ProducerSpec::Process::Poisson || !prod->rateChanges.empty() || !prod->bursts.empty() ||
        prod->start != 0 || prod->stop != kNever || prod->limit != 0 || prod->publish != ProducerSpec::Publish::Direct ||
        !(prod->rate > 0))
        return std::nullopt;
    if (c.errorRate != 0 || !c.emits.empty() || !c.onRefusal.empty()) return std::nullopt;
    TheoryReference r;
    r.group = cons->name;
    r.lambda = prod->rate;
    r.servers = c.instances * c.concurrency;
    const double meanService = c.serviceTime.mean();
    if (!(meanService > 0)) return std::nullopt;
    r.mu = 1 / meanService;
    r.utilisation = r.lambda / (r.servers * r.mu);
    r.exponential = c.serviceTime.kind() == Distribution::Kind::Exponential;
    if (c.serviceTime.kind() == Distribution::Kind::Exponential) {
        r.model = "M/M/" + std::to_string(r.servers);
        r.meanWait = theory::mmcMeanWait(r.servers, r.lambda, r.mu);
    } else if (c.serviceTime.kind() == Distribution::Kind::Constant && r.servers == 1) {
        r.model = "M/D/1";
        r.meanWait = theory::md1MeanWait(r.lambda, meanService);
    } else if (r.servers == 1 && std::isfinite(c.serviceTime.secondMoment())) {
        // Any other service time with a finite second moment, one worker: Pollaczek–Khinchine.
        r.model = "M/G/1";
        r.meanWait = theory::mg1MeanWait(r.lambda, meanService, c.serviceTime.secondMoment());
    } else {
        return std::nullopt;
    }
    r.meanSojourn = r.meanWait + meanService; // +infinity when unstable
    return r;
}

std::optional<TheoryReference> theoryFor(const Scenario& sc)
{
    std::optional<TheoryReference> r = queueModelFor(sc);
    if (r && !std::isfinite(r->meanWait)) return std::nullopt; // unstable: no steady state to compare with
    return r;
}

} // namespace es

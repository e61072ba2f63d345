#include "store/StoredLatency.h"

#include "model/World.h"
#include "model/services/ConsumerService.h"

namespace es {

std::vector<LatencyDistribution> latencyDistributionsOf(const World& world)
{
    std::vector<LatencyDistribution> out(world.consumers().size());
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i].assign(world.consumers()[i]->componentName(), world.consumers()[i]->latency());
    return out;
}

void writeLatencyDistributions(sqlite::Database& db, std::int64_t runId, const std::vector<LatencyDistribution>& groups)
{
    sqlite::Statement group(db, "INSERT INTO latency_groups (run_id, idx, name, count, mean_s, min_ns, max_ns) "
                                "VALUES (?, ?, ?, ?, ?, ?, ?)");
    sqlite::Statement bucket(db, "INSERT INTO latency_buckets (run_id, group_idx, bucket, count) VALUES (?, ?, ?, ?)");
    for (std::size_t i = 0; i < groups.size(); ++i) {
        const LatencyDistribution& g = groups[i];
        const auto idx = static_cast<std::int64_t>(i);
        group.bind(1, runId).bind(2, idx).bind(3, g.name).bind(4, g.count).bind(5, g.meanSeconds);
        group.bind(6, g.minNs).bind(7, g.maxNs);
        group.run();
        for (const auto& [b, n] : g.buckets) {
            bucket.bind(1, runId).bind(2, idx).bind(3, b).bind(4, n);
            bucket.run();
        }
    }
}

std::vector<LatencyDistribution> readLatencyDistributions(sqlite::Database& db, std::int64_t runId)
{
    std::vector<LatencyDistribution> out;
    std::vector<std::int64_t> indices;
    sqlite::Statement groups(db, "SELECT idx, name, count, mean_s, min_ns, max_ns FROM latency_groups WHERE run_id = ? ORDER BY idx");
    groups.bind(1, runId);
    while (groups.step()) {
        indices.push_back(groups.int64At(0));
        LatencyDistribution& g = out.emplace_back();
        g.name = groups.textAt(1);
        g.count = groups.uint64At(2);
        g.meanSeconds = groups.doubleAt(3);
        g.minNs = groups.uint64At(4);
        g.maxNs = groups.uint64At(5);
    }
    sqlite::Statement buckets(db, "SELECT bucket, count FROM latency_buckets WHERE run_id = ? AND group_idx = ? ORDER BY bucket");
    for (std::size_t i = 0; i < out.size(); ++i) {
        buckets.bind(1, runId).bind(2, indices[i]);
        while (buckets.step()) out[i].buckets.emplace_back(static_cast<int>(buckets.int64At(0)), buckets.uint64At(1));
        buckets.reset();
    }
    return out;
}

} // namespace es

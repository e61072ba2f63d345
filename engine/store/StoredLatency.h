#pragma once
// The final latency histogram of each consumer group of a run, kept in the store (tables
// latency_groups and latency_buckets, schema 2) so a stored run's latency-distribution chart can be
// drawn later with the very quantiles of its summary. Only the non-empty buckets are written, as
// LatencyDistribution holds them: a few hundred rows per group, not the histogram's 7,296 counters.
// The bucket numbers are LatencyHistogram's layout (metrics/LatencyHistogram.h).
#include "metrics/LatencyDistribution.h"
#include "store/SqliteHandle.h"

#include <cstdint>
#include <vector>

namespace es {

class World;

// Each consumer group's histogram as it stands now, in the world's consumer order.
std::vector<LatencyDistribution> latencyDistributionsOf(const World& world);

// Inside the caller's transaction.
void writeLatencyDistributions(sqlite::Database& db, std::int64_t runId, const std::vector<LatencyDistribution>& groups);
// In the order written; empty for a run stored before schema 2 or without consumer groups.
std::vector<LatencyDistribution> readLatencyDistributions(sqlite::Database& db, std::int64_t runId);

} // namespace es

#pragma once
// Merging run stores (`eventscape-cli merge`): the shards that independent runs wrote (one per job of
// a plan, on any number of hosts) copied into one target store, by run uuid.
//
// Which tables are copied is read from the shard's schema, not listed here: `runs`, every table with
// a `run_id` column (run-scoped: series, samples, failures, trace, latency_*, and whatever a later
// migration adds), `comparisons` and every table with a `comparison_id` column. Row ids are given
// anew by the target and run_id / comparison_id are remapped through the uuid, so a store's own ids
// never collide with another's.
#include "store/SqliteHandle.h"

#include <cstddef>
#include <string>
#include <vector>

namespace es {

struct ShardMergeResult {
    std::string shard;
    std::size_t runsAdded = 0;
    std::size_t runsSkipped = 0;  // already in the target (finished there, or unfinished in both)
    std::size_t runsReplaced = 0; // unfinished in the target, finished in the shard: the shard's wins
    std::size_t comparisonsAdded = 0, comparisonsSkipped = 0;
    std::size_t rowsCopied = 0;   // rows of run- and comparison-scoped tables
    std::vector<std::string> tablesNotCopied; // in the shard but neither run- nor comparison-scoped, or not in the target
};

// What a refused shard's message ends with.
inline constexpr const char* kShardRefusedAdvice = "the shard was not merged and the target is unchanged";

// Checks the shard (openStoreForReading: header, integrity_check, schema not newer, an Eventscape
// store with a runs table), then copies what the target lacks in one transaction: either all of the
// shard's new rows land or none do. Throws a StoreError naming the shard (or the target) otherwise.
// Merging the same shard again adds nothing.
ShardMergeResult mergeShard(sqlite::Database& target, const std::string& shardPath);

} // namespace es

#include "MergeCommand.h"

#include "ExitCodes.h"
#include "store/StoreMerge.h"
#include "store/StoreOpen.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <iostream>

namespace cli {

MergeCommand::MergeCommand(CLI::App& app)
{
    command_ = app.add_subcommand("merge", "Merge run stores (a plan's shards) into one, by run uuid");
    command_->add_option("shards", shards_, "Store files to merge (shard-*.sqlite)")->required();
    command_->add_option("--into", target_, "The target store (created when missing)")->required();
    command_->add_flag("--quiet", quiet_, "Print only refusals and the total, not a line per shard");
}

std::optional<int> MergeCommand::runChosen()
{
    if (!command_->parsed()) return std::nullopt;
    return run();
}

int MergeCommand::run()
{
    std::unique_ptr<es::sqlite::Database> target;
    try {
        target = es::openStoreDatabase(target_);
    } catch (const es::StoreError& e) {
        std::cerr << e.what() << "\n";
        return kExitBadInput;
    }
    std::size_t added = 0, skipped = 0, replaced = 0, comparisons = 0;
    std::vector<std::string> refused;
    for (const std::string& shard : shards_) {
        try {
            const es::ShardMergeResult r = es::mergeShard(*target, shard);
            added += r.runsAdded;
            skipped += r.runsSkipped;
            replaced += r.runsReplaced;
            comparisons += r.comparisonsAdded;
            if (!quiet_)
                std::cerr << fmt::format("{}: {} runs added, {} already there{}{}\n", shard, r.runsAdded, r.runsSkipped,
                                         r.runsReplaced ? fmt::format(", {} unfinished replaced", r.runsReplaced) : "",
                                         r.comparisonsAdded ? fmt::format(", {} comparisons", r.comparisonsAdded) : "");
            if (!r.tablesNotCopied.empty())
                std::cerr << fmt::format("{}: tables not copied (neither run- nor comparison-scoped, or unknown to "
                                         "the target): {}\n",
                                         shard, fmt::join(r.tablesNotCopied, ", "));
        } catch (const es::StoreError& e) {
            std::cerr << e.what() << "\n";
            refused.push_back(shard);
        }
    }
    std::cerr << fmt::format("merged {} of {} stores into {}: {} runs added, {} already there{}{}\n",
                             shards_.size() - refused.size(), shards_.size(), target_, added, skipped,
                             replaced ? fmt::format(", {} unfinished replaced", replaced) : "",
                             comparisons ? fmt::format(", {} comparisons", comparisons) : "");
    if (!refused.empty()) {
        std::cerr << fmt::format("refused {}: {}\n", refused.size(), fmt::join(refused, " "));
        return kExitBadInput;
    }
    return kExitOk;
}

} // namespace cli

#pragma once
// `eventscape-cli merge SHARD... --into TARGET`: run stores (a plan's shards, or stores from other
// machines) merged into one by run uuid (engine/store/StoreMerge.h), one transaction per shard. A
// run the target has is skipped, so merging again adds nothing; a damaged shard is refused, named,
// and leaves the target as it was. See docs/cli-batch.md.
#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

namespace cli {

class MergeCommand {
public:
    explicit MergeCommand(CLI::App& app);
    // The exit code when `merge` was chosen (0 every shard merged, 2 a shard or the target refused:
    // the others are merged), nothing otherwise.
    std::optional<int> runChosen();

private:
    int run();

    CLI::App* command_ = nullptr;
    std::vector<std::string> shards_;
    std::string target_;
    bool quiet_ = false;
};

} // namespace cli

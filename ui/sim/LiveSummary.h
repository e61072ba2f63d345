#pragma once
// The run summary (the --json document) of a run in progress, recomputed on the engine thread for
// the scoreboard, the Figures panel and the end-of-run card. A summary walks every component and the
// live events, so its cadence follows its own cost: at most every kMinInterval, and never more than
// a tenth of the engine thread's time; a paused or finished run gets a fresh one at once.
#include <nlohmann/json.hpp>

#include <chrono>
#include <memory>

namespace es {
class RunDriver;
}

namespace esui {

class LiveSummary {
public:
    static constexpr std::chrono::milliseconds kMinInterval{250};

    // The summary as it should be shown now: recomputed when due (or `fresh`), else the last one.
    // `fresh`: the run stopped (paused, at a note, finished) and the figures must be exact.
    std::shared_ptr<const nlohmann::json> update(const es::RunDriver& driver, bool fresh);
    void reset() { last_.reset(); }

private:
    using Clock = std::chrono::steady_clock;
    std::shared_ptr<const nlohmann::json> last_;
    std::uint64_t lastEvents_ = ~std::uint64_t{0};
    Clock::time_point lastWall_;
    Clock::duration cost_{};
};

} // namespace esui

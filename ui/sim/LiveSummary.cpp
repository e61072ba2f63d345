#include "sim/LiveSummary.h"

#include "run/RunDriver.h"
#include "run/SummaryFormat.h"

#include <algorithm>

namespace esui {

std::shared_ptr<const nlohmann::json> LiveSummary::update(const es::RunDriver& driver, bool fresh)
{
    const auto now = Clock::now();
    const std::uint64_t events = driver.world().sim().eventsProcessed();
    if (last_ && events == lastEvents_) return last_; // nothing happened since
    const auto due = lastWall_ + std::max<Clock::duration>(kMinInterval, 10 * cost_);
    if (last_ && !fresh && now < due) return last_;
    last_ = std::make_shared<const nlohmann::json>(es::summaryToJson(driver.summarize(false, 0)));
    lastEvents_ = events;
    lastWall_ = Clock::now();
    cost_ = lastWall_ - now;
    return last_;
}

} // namespace esui

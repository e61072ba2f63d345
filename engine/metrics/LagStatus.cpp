#include "metrics/LagStatus.h"

#include <algorithm>
#include <stdexcept>

namespace es {

const char* lagStatusName(LagStatus s)
{
    switch (s) {
    case LagStatus::Ok: return "OK";
    case LagStatus::Warn: return "WARN";
    case LagStatus::Rewind: return "REWIND";
    case LagStatus::Stall: return "STALL";
    case LagStatus::Stop: return "STOP";
    }
    return "?";
}

LagWindow::LagWindow(std::size_t size) : ring_(size)
{
    if (size < 2) throw std::invalid_argument("LagWindow: a window needs at least two commits");
}

void LagWindow::commit(SimTime at, std::uint64_t offset, std::uint64_t lag)
{
    const LagCommit c{at, offset, lag};
    if (count_ < ring_.size()) {
        ring_[(head_ + count_) % ring_.size()] = c;
        ++count_;
    } else {
        ring_[head_] = c; // overwrite the oldest
        head_ = (head_ + 1) % ring_.size();
    }
}

LagStatus LagWindow::evaluate(SimTime now, std::uint64_t currentLag) const
{
    // A consumer that has read everything is fine however long ago it last committed.
    if (currentLag == 0 || count_ < 2) return LagStatus::Ok;
    const LagCommit& first = at(0);
    const LagCommit& last = at(count_ - 1);
    if (now - last.at > last.at - first.at) return LagStatus::Stop;
    if (count_ < ring_.size()) return LagStatus::Ok; // not judged on a partial window
    bool lagNeverDown = true;
    for (std::size_t i = 0; i < count_; ++i) {
        const LagCommit& c = at(i);
        if (c.lag == 0) return LagStatus::Ok;
        if (i == 0) continue;
        const LagCommit& prev = at(i - 1);
        if (c.offset < prev.offset) return LagStatus::Rewind;
        if (c.lag < prev.lag) lagNeverDown = false;
    }
    if (first.offset == last.offset && last.lag >= first.lag) return LagStatus::Stall;
    if (lagNeverDown) return LagStatus::Warn;
    return LagStatus::Ok;
}

} // namespace es

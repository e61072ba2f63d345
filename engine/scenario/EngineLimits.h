#pragma once
// Sizes the engine has a hard limit on, checked by the loader so that a file past them is refused
// with its position instead of failing (or exhausting memory) when the world is built. Documented
// in docs/scenario-format.md ("Engine limits").
#include "kernel/SimTime.h"

#include <cstddef>
#include <cstdint>

namespace es {

// Event types, attribute names and attribute values are interned into 16-bit ids, per table.
inline constexpr std::size_t kMaxDistinctNames = 65'000;
// Workers are preallocated (about 80 bytes each, so the maximum is about 80 MB per service).
inline constexpr long long kMaxWorkersPerService = 1'000'000;

// Accounting sinks: consumer groups (services that consume) plus queues nobody consumes. Every live
// event carries four bits per sink (model/EventStore.h), so a row is (sinks / 64) * 32 bytes: about
// 2 KB per event in flight at this limit, none extra up to 64 sinks.
inline constexpr std::size_t kMaxSinks = 4096;

// Copies of one event that routing between brokers makes (topics and buses fan out at once; a path
// through a diamond of subscriptions makes its own copy).
inline constexpr std::uint64_t kMaxRoutedCopies = 10'000;

// Periodic work that runs whether or not there is anything to do (the outbox relay's poll, a log
// consumer's interval commit, a repeating burst, metric sampling): shorter periods would make a run
// spend billions of events doing nothing.
inline constexpr SimTime kMinPollInterval = kMillisecond;

} // namespace es

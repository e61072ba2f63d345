#pragma once
// Partition assignment for a consumer group, as pure functions (easy to test on their own).
// Members are identified by small integers and always considered in sorted order.
#include <vector>

namespace es {

// Kafka's range assignor: partitions in order, members sorted; each gets P / C partitions and the
// first P mod C members one more. Returns the owner of each partition (-1 when there are no members).
std::vector<int> assignRange(int partitions, const std::vector<int>& members);

// Cooperative-sticky target: members keep what they own up to their fair share (P / C, with the
// first P mod C members — in sorted order — allowed one more); the rest goes to members below their
// share, lowest partition to lowest member first. `current` gives today's owner per partition
// (-1 = none, or a member no longer in the group).
std::vector<int> assignSticky(const std::vector<int>& current, const std::vector<int>& members);

} // namespace es

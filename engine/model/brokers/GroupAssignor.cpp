#include "model/brokers/GroupAssignor.h"

#include <algorithm>

namespace es {

std::vector<int> assignRange(int partitions, const std::vector<int>& membersIn)
{
    std::vector<int> owner(static_cast<std::size_t>(partitions), -1);
    std::vector<int> members = membersIn;
    std::sort(members.begin(), members.end());
    const int c = static_cast<int>(members.size());
    if (c == 0) return owner;
    const int base = partitions / c, extra = partitions % c;
    int p = 0;
    for (int i = 0; i < c; ++i) {
        const int n = base + (i < extra ? 1 : 0);
        for (int k = 0; k < n; ++k) owner[static_cast<std::size_t>(p++)] = members[static_cast<std::size_t>(i)];
    }
    return owner;
}

std::vector<int> assignSticky(const std::vector<int>& current, const std::vector<int>& membersIn)
{
    const int partitions = static_cast<int>(current.size());
    std::vector<int> owner(current.size(), -1);
    std::vector<int> members = membersIn;
    std::sort(members.begin(), members.end());
    const int c = static_cast<int>(members.size());
    if (c == 0) return owner;
    const int base = partitions / c, extra = partitions % c;

    // Quotas: members that already own more get the "+1" slots first, so fewer partitions move.
    std::vector<int> owned(static_cast<std::size_t>(c), 0);
    auto indexOf = [&](int m) {
        auto it = std::lower_bound(members.begin(), members.end(), m);
        return (it != members.end() && *it == m) ? static_cast<int>(it - members.begin()) : -1;
    };
    for (int o : current) {
        const int i = o < 0 ? -1 : indexOf(o);
        if (i >= 0) ++owned[static_cast<std::size_t>(i)];
    }
    std::vector<int> order(static_cast<std::size_t>(c));
    for (int i = 0; i < c; ++i) order[static_cast<std::size_t>(i)] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return owned[static_cast<std::size_t>(a)] > owned[static_cast<std::size_t>(b)]; });
    std::vector<int> quota(static_cast<std::size_t>(c), base);
    for (int k = 0; k < extra; ++k) ++quota[static_cast<std::size_t>(order[static_cast<std::size_t>(k)])];

    std::vector<int> kept(static_cast<std::size_t>(c), 0);
    for (int p = 0; p < partitions; ++p) {
        const int o = current[static_cast<std::size_t>(p)];
        const int i = o < 0 ? -1 : indexOf(o);
        if (i >= 0 && kept[static_cast<std::size_t>(i)] < quota[static_cast<std::size_t>(i)]) {
            owner[static_cast<std::size_t>(p)] = o;
            ++kept[static_cast<std::size_t>(i)];
        }
    }
    int i = 0;
    for (int p = 0; p < partitions; ++p) {
        if (owner[static_cast<std::size_t>(p)] >= 0) continue;
        while (kept[static_cast<std::size_t>(i)] >= quota[static_cast<std::size_t>(i)]) ++i;
        owner[static_cast<std::size_t>(p)] = members[static_cast<std::size_t>(i)];
        ++kept[static_cast<std::size_t>(i)];
    }
    return owner;
}

} // namespace es

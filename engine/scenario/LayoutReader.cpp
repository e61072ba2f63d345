#include "scenario/LayoutReader.h"

#include <fmt/format.h>

#include <cmath>
#include <string>

namespace es {

namespace {

std::optional<double> coordinate(const YAML::Node& node)
{
    if (!node.IsScalar()) return std::nullopt;
    // yaml-cpp's conversion accepts "1e3" and ".inf"; a position must be an ordinary finite number.
    double value = 0;
    if (!YAML::convert<double>::decode(node, value) || !std::isfinite(value)) return std::nullopt;
    // Finite is not enough: [1e308, -1e308] spreads the graph over a scene no view can show (the
    // window drew an empty canvas). Positions are pixels; kMaxLayoutCoordinate is far past any screen.
    if (std::abs(value) > kMaxLayoutCoordinate) return std::nullopt;
    return value;
}

} // namespace

std::vector<NodePosition> readLayout(DiagnosticSink& diags, const YAML::Node& layout, const Scenario& s)
{
    std::vector<NodePosition> out;
    if (!layout.IsDefined() || layout.IsNull()) return out;
    if (!layout.IsMap()) {
        diags.error(layout, "'layout' should map node names to [x, y] positions, e.g. layout: { orders: [0, 40] }");
        return out;
    }
    std::vector<std::string> names;
    for (const ServiceSpec& v : s.services) names.push_back(v.name);
    for (const BrokerSpec& b : s.brokers) names.push_back(b.name);
    for (const auto& kv : layout) {
        const std::string name = kv.first.Scalar();
        if (!s.findService(name) && !s.findBroker(name)) {
            const std::string hint = closestMatch(name, names);
            diags.error(kv.first, fmt::format("layout: there is no service or broker called '{}'{}", name,
                                              hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
            continue;
        }
        const YAML::Node& at = kv.second;
        std::optional<double> x, y;
        if (at.IsSequence() && at.size() == 2) {
            x = coordinate(at[0]);
            y = coordinate(at[1]);
        }
        if (!x || !y) {
            diags.error(at.IsDefined() && !at.IsNull() ? at : kv.first,
                        fmt::format("layout: '{}' should be a position [x, y] of two numbers from -{:g} to {:g} (pixels), e.g. [120, 40]",
                                    name, kMaxLayoutCoordinate, kMaxLayoutCoordinate));
            continue;
        }
        out.push_back(NodePosition{name, *x, *y});
    }
    return out;
}

} // namespace es

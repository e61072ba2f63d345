#include "scenario/VersionReader.h"

#include "scenario/Diagnostics.h"

#include <fmt/format.h>

#include <algorithm>

namespace es {

namespace {

// A version or a list of versions, each a whole number from 1 to 1000.
std::vector<int> readVersions(MapReader& r, const std::string& key)
{
    std::vector<int> out;
    YAML::Node n = r.get(key);
    if (!n.IsDefined() || n.IsNull()) return out;
    auto one = [&](const YAML::Node& item) {
        long long v = 0;
        const bool ok = item.IsScalar() && YAML::convert<long long>::decode(item, v) && v >= 1 && v <= 1000;
        if (!ok) {
            r.diags().error(item, fmt::format("{}: '{}' lists versions, whole numbers from 1 to 1000 (e.g. [1, 2])", r.what(), key));
            return;
        }
        out.push_back(static_cast<int>(v));
    };
    if (n.IsSequence()) for (const YAML::Node& item : n) one(item);
    else one(n);
    return out;
}

} // namespace

void readVersionKeys(MapReader& r, ServiceSpec& svc)
{
    if (svc.consumer) {
        svc.consumer->accepts = readVersions(r, "accepts");
        svc.consumer->upcasts = readVersions(r, "upcasts");
        if (!svc.consumer->upcasts.empty() && svc.consumer->accepts.empty())
            r.diags().error(r.get("upcasts"), fmt::format("{}: 'upcasts' turns old versions into one it accepts; give "
                                                          "'accepts' too (e.g. 'accepts: [2], upcasts: [1]')", r.what()));
    }
    YAML::Node d = r.get("deploys");
    if (!d.IsDefined() || d.IsNull()) return;
    if (!d.IsSequence()) {
        r.diags().error(d, fmt::format("{}: 'deploys' should be a list, e.g. '[{{at: 30s, version: 2}}]' on a producer or "
                                       "'[{{at: 20s, accepts: [1, 2]}}]' on a consumer", r.what()));
        return;
    }
    if (svc.producer && svc.consumer) {
        r.diags().error(d, fmt::format("{}: 'deploys' needs a service that only produces or only consumes", r.what()));
        return;
    }
    SimTime last = -1;
    for (const YAML::Node& item : d) {
        MapReader dr(r.diags(), item, r.what() + " deploy");
        if (!dr.ok()) continue;
        const SimTime at = dr.duration("at", true).value_or(0);
        if (at < last)
            dr.diags().error(dr.get("at"), fmt::format("{}: deploys should be in time order", dr.what()));
        last = at;
        if (svc.producer) {
            VersionDeploy v;
            v.at = at;
            if (auto n = dr.integer("version", 1, 1000)) v.version = static_cast<int>(*n);
            else if (!dr.has("version"))
                dr.diags().error(item, fmt::format("{} needs 'version': the event version it ships from then on", dr.what()));
            if (auto s = dr.share("share")) v.share = *s;
            svc.producer->deploys.push_back(v);
        } else if (svc.consumer) {
            ReaderDeploy v;
            v.at = at;
            if (!dr.has("accepts"))
                dr.diags().error(item, fmt::format("{} needs 'accepts': the versions it reads from then on", dr.what()));
            v.accepts = readVersions(dr, "accepts");
            svc.consumer->deploys.push_back(v);
        }
        dr.finish();
    }
}

} // namespace es

#pragma once
// Small look-ups on a RunSummary that several engine tests share: a group, broker or producer by
// name (null when absent, so a test can QVERIFY it), and the conservation violations as one line
// for a failure message.
#include "run/RunSummary.h"

#include <QString>
#include <QStringList>

#include <string>

namespace testsupport {

inline const es::GroupSummary* findGroup(const es::RunSummary& s, const std::string& name)
{
    for (const es::GroupSummary& g : s.groups)
        if (g.name == name) return &g;
    return nullptr;
}

inline const es::BrokerSummary* findBroker(const es::RunSummary& s, const std::string& name)
{
    for (const es::BrokerSummary& b : s.brokers)
        if (b.name == name) return &b;
    return nullptr;
}

inline const es::ProducerSummary* findProducer(const es::RunSummary& s, const std::string& name)
{
    for (const es::ProducerSummary& p : s.producers)
        if (p.name == name) return &p;
    return nullptr;
}

inline const es::RequestSummary* findRequests(const es::RunSummary& s, const std::string& entry)
{
    for (const es::RequestSummary& r : s.requests)
        if (r.entry == entry) return &r;
    return nullptr;
}

inline const es::ServerSummary* findServer(const es::RunSummary& s, const std::string& name)
{
    for (const es::ServerSummary& v : s.servers)
        if (v.name == name) return &v;
    return nullptr;
}

// A caller's calls to one callee.
inline const es::DependencySummary* findDependency(const es::ServerSummary& caller, const std::string& target)
{
    for (const es::DependencySummary& d : caller.dependencies)
        if (d.target == target) return &d;
    return nullptr;
}

inline QString violations(const es::RunSummary& s)
{
    QStringList l;
    for (const std::string& v : s.violations) l << QString::fromStdString(v);
    return l.join(QStringLiteral("; "));
}

} // namespace testsupport

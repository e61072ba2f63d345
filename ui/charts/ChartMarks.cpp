#include "charts/ChartMarks.h"

#include "scenario/Scenario.h"

#include <QObject>

#include <algorithm>

namespace esui {

namespace {

QString failureLabel(const es::FailureSpec& f)
{
    const QString target = QString::fromStdString(f.target);
    switch (f.kind) {
    case es::FailureKind::Crash: return QObject::tr("crash %1").arg(target);
    case es::FailureKind::Slowdown:
        return f.factor != 1 ? QObject::tr("%1 ×%2 slower").arg(target).arg(f.factor) : QObject::tr("%1 slower").arg(target);
    case es::FailureKind::ErrorRate: return QObject::tr("%1 errors %2%").arg(target).arg(f.share * 100);
    case es::FailureKind::Replay: return QObject::tr("replay %1").arg(target);
    case es::FailureKind::PoisonNext: return QObject::tr("poison %1").arg(target);
    case es::FailureKind::Outage: return QObject::tr("outage %1").arg(target);
    case es::FailureKind::Partition: return QObject::tr("partition %1 | %2").arg(target, QString::fromStdString(f.peer));
    default: return QObject::tr("fault on %1").arg(target); // drop, duplicate, delay, poison, …
    }
}

} // namespace

ChartMarks marksFromScenario(const es::Scenario& sc, double endSeconds)
{
    ChartMarks m;
    m.failures = failureBands(sc.failures, sc.failures.size(), endSeconds, endSeconds);
    for (const es::NoteSpec& n : sc.notes) m.notes.push_back({es::toSeconds(n.at), QString::fromStdString(n.text)});
    std::sort(m.notes.begin(), m.notes.end(), [](const ChartNote& a, const ChartNote& b) { return a.t < b.t; });
    return m;
}

std::vector<ChartBand> failureBands(const std::vector<es::FailureSpec>& failures, std::size_t fromScenario, double endSeconds,
                                    double now)
{
    std::vector<ChartBand> out;
    for (std::size_t i = 0; i < failures.size(); ++i) {
        const es::FailureSpec& f = failures[i];
        const bool byHand = i >= fromScenario;
        ChartBand b;
        b.t0 = es::toSeconds(f.at);
        if (byHand && b.t0 > now) continue; // injected, not begun yet (the next millisecond)
        const double open = byHand ? std::max(b.t0, now) : endSeconds;
        b.t1 = es::isInstantFailure(f.kind) ? b.t0 // a mark at its instant, not a band to the end
               : f.duration == es::kNever    ? open
                                             : std::min(endSeconds, es::toSeconds(f.at + f.duration));
        b.label = byHand ? QObject::tr("by hand: %1").arg(failureLabel(f)) : failureLabel(f);
        out.push_back(b);
    }
    return out;
}

QString captionFor(const es::Scenario& sc)
{
    const QString title = QString::fromStdString(sc.title.empty() ? sc.id : sc.title);
    const QString variant = sc.variant.empty() ? QObject::tr("base") : QString::fromStdString(sc.variant);
    return QObject::tr("%1 — variant %2, seed %3").arg(title, variant).arg(sc.seed);
}

} // namespace esui

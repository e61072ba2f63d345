#include "widgets/UsersStatus.h"

#include <cmath>

namespace esui {

QString usersStatusText(const UsersFigures& u, const QString& entry)
{
    if (u.windowEnd < 0) return QObject::tr("users of %1: —").arg(entry);
    const QString p99 = u.p99 < 0 ? QObject::tr("p99 —")
                        : u.p99 >= 1 ? QObject::tr("p99 %1 s").arg(u.p99, 0, 'f', 2)
                                     : QObject::tr("p99 %1 ms").arg(std::lround(u.p99 * 1000));
    const QString ok = u.successShare < 0 ? QObject::tr("no request ended")
                                          : QObject::tr("%1% ok").arg(u.successShare * 100, 0, 'f', u.successShare < 0.995 && u.successShare > 0.99 ? 1 : 0);
    return QObject::tr("users of %1: %2 · %3").arg(entry, p99, ok);
}

UsersStatus::UsersStatus(QWidget* parent) : QLabel(parent)
{
    setObjectName(QStringLiteral("usersStatus"));
    setToolTip(tr("The users of the entry service, over the last sampling window: the 99th percentile of the "
                  "latency of their successful requests, and the share of requests that succeeded (the rest "
                  "failed, timed out, were rejected or failed fast)."));
    // A width for the longest usual text, so the status bar does not jitter as the figures change.
    setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("users of inventory-service: p99 000 ms · 100% ok")));
    hide();
}

void UsersStatus::follow(const Snapshot& s)
{
    if (s.users.empty()) {
        p99_ = share_ = -1;
        if (isVisible()) hide();
        return;
    }
    // One line in the status bar: the first entry service (lessons have one).
    const UsersFigures& u = s.users.front();
    p99_ = u.windowEnd < 0 ? -1 : u.p99;
    share_ = u.windowEnd < 0 ? -1 : u.successShare;
    const QString entry = u.node >= 0 && static_cast<std::size_t>(u.node) < s.nodes.size()
                              ? QString::fromStdString(s.nodes[static_cast<std::size_t>(u.node)].name) : QString();
    const QString text = usersStatusText(u, entry);
    if (text != this->text()) setText(text);
    const char* colour = share_ < 0 || share_ >= 0.99 ? "" : share_ >= 0.9 ? "color: #b06d00; font-weight: bold;" : "color: #d32f2f; font-weight: bold;";
    if (styleSheet() != QLatin1String(colour)) setStyleSheet(QLatin1String(colour));
    if (!isVisible()) show();
}

} // namespace esui

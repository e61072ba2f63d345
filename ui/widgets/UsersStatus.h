#pragma once
// The status bar's word on the users of the entry service (synchronous calls): the p99 latency of
// their successful requests and the share of requests that succeeded, both over the last sampling
// window, e.g. "users of orders: p99 2.41 s · 38% ok". That is the number a user-facing team watches, so
// it is in view whatever dock is open. Coloured when it is bad (under 99% ok: amber; under 90%: red).
// Hidden when the scenario has no users.
#include "sim/Snapshot.h"

#include <QLabel>

namespace esui {

class UsersStatus : public QLabel {
    Q_OBJECT
public:
    explicit UsersStatus(QWidget* parent = nullptr);

    void follow(const Snapshot& s);
    // The figures shown now (the first entry service's); p99 < 0 or share < 0: none yet.
    double p99() const { return p99_; }
    double successShare() const { return share_; }

private:
    double p99_ = -1, share_ = -1;
};

// "p99 2.41 s · 38% ok"-style text for one entry service's users; `entry` names the service.
QString usersStatusText(const UsersFigures& u, const QString& entry);

} // namespace esui

#include "charts/LagStatusBar.h"

#include "charts/ChartCatalog.h"
#include "charts/ChartStore.h"
#include "charts/LineCap.h"
#include "metrics/LagStatus.h"

#include <QHBoxLayout>
#include <QLabel>

namespace esui {

namespace {

QColor colourOf(es::LagStatus s)
{
    switch (s) {
    case es::LagStatus::Ok: return QColor(46, 125, 50);
    case es::LagStatus::Warn: return QColor(214, 137, 0);
    case es::LagStatus::Rewind: return QColor(106, 27, 154);
    case es::LagStatus::Stall:
    case es::LagStatus::Stop: return QColor(198, 40, 40);
    }
    return Qt::gray;
}

const char* meaningOf(es::LagStatus s)
{
    switch (s) {
    case es::LagStatus::Ok: return QT_TR_NOOP("keeping up, or lag going down");
    case es::LagStatus::Warn: return QT_TR_NOOP("committing, but lag has not gone down over the window");
    case es::LagStatus::Rewind: return QT_TR_NOOP("the committed offset went back (a replay or reset)");
    case es::LagStatus::Stall: return QT_TR_NOOP("lag above zero and the committed offset not moving");
    case es::LagStatus::Stop: return QT_TR_NOOP("no commit for longer than the window spans: no live consumer");
    }
    return "";
}

} // namespace

LagStatusBar::LagStatusBar(QWidget* parent) : QWidget(parent), row_(new QHBoxLayout(this))
{
    row_->setContentsMargins(0, 0, 0, 0);
    row_->addStretch(1);
}

void LagStatusBar::updateFrom(const ChartStore& store)
{
    std::vector<std::string> groups = lagStatusGroups(store.names());
    // Past a few dozen groups one label each would be unreadable, and a row of hundreds of labels
    // relaid out on every change froze the window (issue 18): the rest are summed up in one label.
    std::vector<std::string> hidden;
    if (groups.size() > kMaxLinesPerChart) {
        hidden.assign(groups.begin() + static_cast<std::ptrdiff_t>(kMaxLinesPerChart), groups.end());
        groups.resize(kMaxLinesPerChart);
    }
    if (groups != groups_) {
        for (QLabel* l : labels_) delete l;
        labels_.clear();
        groups_ = groups;
        for (std::size_t i = 0; i < groups_.size(); ++i) {
            auto* l = new QLabel(this);
            l->setMargin(3);
            l->setAutoFillBackground(true);
            row_->insertWidget(static_cast<int>(i), l);
            labels_.push_back(l);
        }
    }
    if (!hidden.empty() && !more_) {
        more_ = new QLabel(this);
        more_->setMargin(3);
        row_->insertWidget(static_cast<int>(labels_.size()), more_);
    }
    if (more_) {
        more_->setVisible(!hidden.empty());
        es::LagStatus worstHidden = es::LagStatus::Ok;
        for (const std::string& g : hidden) {
            const SeriesBuffer* b = store.series(g + ".lag_status");
            if (b && !b->empty()) worstHidden = es::worst(worstHidden, static_cast<es::LagStatus>(static_cast<int>(b->back().v)));
        }
        const QString text = tr("and %1 more (worst: %2)").arg(hidden.size()).arg(es::lagStatusName(worstHidden));
        if (more_->text() != text) more_->setText(text);
    }
    for (std::size_t i = 0; i < groups_.size(); ++i) {
        const SeriesBuffer* b = store.series(groups_[i] + ".lag_status");
        const auto status = static_cast<es::LagStatus>(b && !b->empty() ? static_cast<int>(b->back().v) : 0);
        const QString text = QStringLiteral("%1: %2").arg(QString::fromStdString(groups_[i]), es::lagStatusName(status));
        QLabel* l = labels_[i];
        if (l->text() == text) continue;
        l->setText(text);
        l->setToolTip(tr(meaningOf(status)));
        QPalette p = l->palette();
        p.setColor(QPalette::Window, colourOf(status));
        p.setColor(QPalette::WindowText, Qt::white);
        l->setPalette(p);
    }
}

QString LagStatusBar::textOf(const std::string& group) const
{
    for (std::size_t i = 0; i < groups_.size(); ++i)
        if (groups_[i] == group) return labels_[i]->text();
    return {};
}

} // namespace esui

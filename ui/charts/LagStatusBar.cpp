#include "charts/LagStatusBar.h"

#include "charts/ChartCatalog.h"
#include "charts/ChartStore.h"
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
    const std::vector<std::string> groups = lagStatusGroups(store.names());
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

#include "panels/FiguresPanel.h"

#include "panels/FigureFormat.h"
#include "scenario/LessonReader.h"

#include <QHeaderView>
#include <QTreeWidget>

#include <algorithm>
#include <array>

namespace esui {

namespace {

// Keys of the summary that say what ran, not what happened: the window shows those elsewhere.
constexpr std::array<const char*, 6> kSkipped{"schema", "engine_version", "scenario", "events_per_wall_s", "wall_time_s", "trace_digest"};

QString leafText(const nlohmann::json& v, const std::string& path)
{
    if (v.is_null()) return QStringLiteral("—");
    if (v.is_boolean()) return v.get<bool>() ? QObject::tr("yes") : QObject::tr("no");
    if (v.is_number()) return formatFigure(v.get<double>(), es::unitOfFigure(path));
    if (v.is_string()) return QString::fromStdString(v.get<std::string>());
    return QString();
}

} // namespace

FiguresPanel::FiguresPanel(QWidget* parent) : QDockWidget(tr("Figures"), parent), tree_(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("figuresDock"));
    tree_->setColumnCount(2);
    tree_->setHeaderLabels({tr("Figure"), tr("Value")});
    tree_->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    tree_->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    tree_->header()->setStretchLastSection(false);
    tree_->setUniformRowHeights(true);
    tree_->setAlternatingRowColors(true);
    setWidget(tree_);
    // A tab brought to the front after the run finished gets no new frame: fill it from the last one.
    connect(this, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible) refresh();
    });
}

void FiguresPanel::clear()
{
    tree_->clear();
    items_.clear();
    shown_.reset();
    latest_.reset();
}

QString FiguresPanel::valueText(const std::string& path) const
{
    const auto it = items_.find(path);
    return it == items_.end() ? QString() : it->second->text(1);
}

void FiguresPanel::showValue(const nlohmann::json& value, const std::string& path, const QString& name, QTreeWidgetItem* parent)
{
    QTreeWidgetItem*& item = items_[path];
    if (!item) {
        item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(tree_);
        item->setText(0, name);
        item->setToolTip(0, QString::fromStdString(path));
        // The sections open; the components stay closed until asked for, except the few of a lesson.
        if (!parent) item->setExpanded(true);
    }
    if (value.is_object()) {
        for (auto it = value.begin(); it != value.end(); ++it)
            showValue(*it, path.empty() ? it.key() : path + "." + it.key(), QString::fromStdString(it.key()).replace('_', ' '), item);
    } else if (value.is_array()) {
        item->setText(1, value.empty() ? tr("none") : QString());
        for (std::size_t i = 0; i < value.size(); ++i) showValue(value[i], path + "." + std::to_string(i), QString::number(i), item);
    } else {
        const QString text = leafText(value, path);
        if (item->text(1) != text) item->setText(1, text);
    }
}

void FiguresPanel::follow(const Snapshot& s)
{
    if (s.summary) latest_ = s.summary;
    refresh();
}

void FiguresPanel::refresh()
{
    // Hidden (a tab behind another, or closed): nothing to draw; showing it fills it (visibilityChanged).
    if (!latest_ || latest_ == shown_ || !isVisible()) return;
    shown_ = latest_;
    tree_->setUpdatesEnabled(false);
    for (auto it = shown_->begin(); it != shown_->end(); ++it) {
        if (std::find(kSkipped.begin(), kSkipped.end(), it.key()) != kSkipped.end()) continue;
        showValue(*it, it.key(), QString::fromStdString(it.key()).replace('_', ' '), nullptr);
    }
    tree_->setUpdatesEnabled(true);
}

} // namespace esui

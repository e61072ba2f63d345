#include "panels/ScoreboardPanel.h"

#include "panels/FigureFormat.h"
#include "run/WatchFigures.h"
#include "scenario/LessonReader.h"

#include <QFrame>
#include <QGridLayout>
#include <QLabel>
#include <QMainWindow>
#include <QResizeEvent>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace esui {

namespace {

QColor betterColour() { return QColor(0x1b, 0x7f, 0x3a); }
QColor worseColour() { return QColor(0xb3, 0x26, 0x1e); }

} // namespace

ScoreboardPanel::ScoreboardPanel(QWidget* parent) : QDockWidget(tr("Scoreboard"), parent)
{
    setObjectName(QStringLiteral("scoreboardDock"));
    auto* body = new QWidget(this);
    auto* column = new QVBoxLayout(body);
    column->setContentsMargins(8, 6, 8, 6);
    // The run's name (the status bar has it too) and the end-of-run card share one line above the
    // tiles, shown only when there is a comparison to name or a result to give: at 1280x720 every
    // line this strip takes is one the graph does not get.
    auto* top = new QHBoxLayout;
    top->setSpacing(12);
    heading_ = new QLabel(body);
    heading_->setWordWrap(true);
    top->addWidget(heading_, 1);
    result_ = new QLabel(body);
    result_->setWordWrap(true);
    result_->setMargin(3);
    result_->setAutoFillBackground(true);
    result_->hide();
    top->addWidget(result_, 2);
    column->addLayout(top);
    grid_ = new QGridLayout;
    grid_->setHorizontalSpacing(12);
    grid_->setVerticalSpacing(2);
    column->addLayout(grid_);
    setWidget(body);
    connect(this, &QDockWidget::dockLocationChanged, this, &ScoreboardPanel::fitHeight);
    connect(this, &QDockWidget::topLevelChanged, this, &ScoreboardPanel::fitHeight);
}

void ScoreboardPanel::fitHeight()
{
    // A strip over or under the graph is as tall as its figures, no more and no less: the rest of the
    // height is the graph's. Docked at a side or floating it may grow.
    const auto* window = qobject_cast<QMainWindow*>(parentWidget());
    const Qt::DockWidgetArea area = window && !isFloating() ? window->dockWidgetArea(this) : Qt::NoDockWidgetArea;
    if (area == Qt::TopDockWidgetArea || area == Qt::BottomDockWidgetArea) {
        QLayout* layout = widget()->layout();
        layout->activate();
        // A wrapped label (a long figure name) is taller at the width it has than its size hint says.
        const int content = layout->hasHeightForWidth() && widget()->width() > 0 ? layout->totalHeightForWidth(widget()->width())
                                                                                 : widget()->sizeHint().height();
        const int title = style()->pixelMetric(QStyle::PM_TitleBarHeight, nullptr, this);
        // Exactly: the main window hands a dock its size hint, which knows nothing of wrapping.
        setMinimumHeight(content + title);
        setMaximumHeight(content + title);
    } else {
        setMinimumHeight(0);
        setMaximumHeight(QWIDGETSIZE_MAX);
    }
}

QString ScoreboardPanel::runName(const QString& variant, std::uint64_t seed)
{
    return tr("%1, seed %2").arg(variant.isEmpty() ? tr("base") : variant).arg(seed);
}

void ScoreboardPanel::setScenario(const es::Scenario& sc, const QString& path)
{
    // The run being left becomes the comparison if it is of the same file and differs from the new one.
    const QString next = runName(QString::fromStdString(sc.variant), sc.seed);
    if (path == path_ && next != runName_ && shown_) {
        Previous p;
        p.name = runName_;
        for (const es::WatchSpec& w : figures_) p.figures.push_back(w.figure);
        p.values = values_;
        p.finished = finished_;
        p.simTime = simTime_;
        previous_ = std::move(p);
    } else if (path != path_) {
        previous_.reset();
    }
    path_ = path;
    runName_ = next;
    figures_ = sc.watch;
    defaults_ = figures_.empty();
    values_.assign(figures_.size(), std::nullopt);
    shown_.reset();
    finished_ = false;
    simTime_ = 0;
    result_->hide();
    rebuildTiles();
    fitHeight();
}

void ScoreboardPanel::setValuePixelSize(int px)
{
    valuePx_ = px;
    rebuildTiles();
    showValues();
}

std::vector<es::WatchSpec> ScoreboardPanel::defaultFigures(const nlohmann::json& summary)
{
    std::vector<es::WatchSpec> out;
    auto add = [&](const std::string& path, const char* label = nullptr) {
        if (out.size() >= 6 || !es::findFigure(summary, path)) return;
        es::WatchSpec w;
        w.figure = path;
        w.unit = es::unitOfFigure(path);
        w.label = label ? label : es::labelOfFigure(path);
        w.lowerIsBetter = path.find("effects") == std::string::npos && path.find("created") == std::string::npos;
        out.push_back(std::move(w));
    };
    if (const auto it = summary.find("producers"); it != summary.end() && it->is_object())
        for (auto p = it->begin(); p != it->end(); ++p) add("producers." + p.key() + ".created");
    if (const auto it = summary.find("groups"); it != summary.end() && it->is_object())
        for (auto g = it->begin(); g != it->end(); ++g) {
            add("groups." + g.key() + ".effects");
            if (g->value("dead_lettered", 0) > 0) add("groups." + g.key() + ".dead_lettered");
            add("groups." + g.key() + ".latency_s.p99");
        }
    return out;
}

int ScoreboardPanel::columnsFor(int width) const
{
    const int tile = std::max(150, valuePx_ * 6); // a label of two short lines and a six-digit value
    return std::clamp(width / tile, 1, std::max<int>(1, static_cast<int>(tiles_.size())));
}

void ScoreboardPanel::resizeEvent(QResizeEvent* e)
{
    QDockWidget::resizeEvent(e);
    if (columnsFor(width()) != columns_) placeTiles();
    // After the layout has given the tiles their widths: labels wrap differently at another width.
    else if (e->size().width() != e->oldSize().width()) QTimer::singleShot(0, this, &ScoreboardPanel::fitHeight);
}

void ScoreboardPanel::placeTiles()
{
    while (QLayoutItem* item = grid_->takeAt(0)) delete item; // the frames stay; only their places go
    columns_ = columnsFor(width());
    for (std::size_t i = 0; i < tiles_.size(); ++i) {
        grid_->addWidget(tiles_[i].frame, static_cast<int>(i) / columns_, static_cast<int>(i) % columns_, Qt::AlignTop);
        // Now, not from the layout's queued show: fitHeight() must count it.
        if (!isHidden()) tiles_[i].frame->show();
    }
    for (int c = 0; c < grid_->columnCount(); ++c) grid_->setColumnStretch(c, c < columns_ ? 1 : 0);
    fitHeight();
    QTimer::singleShot(0, this, &ScoreboardPanel::fitHeight); // again once the tiles have their widths
}

void ScoreboardPanel::rebuildTiles()
{
    for (Tile& t : tiles_) delete t.frame;
    tiles_.clear();
    QWidget* body = grid_->parentWidget();
    QFont labelFont = font();
    labelFont.setPixelSize(std::max(14, valuePx_ / 2));
    QFont valueFont = font();
    valueFont.setPixelSize(valuePx_);
    valueFont.setBold(true);
    QFont compareFont = font();
    compareFont.setPixelSize(std::max(13, valuePx_ * 2 / 5));
    for (const es::WatchSpec& w : figures_) {
        Tile t;
        t.frame = new QFrame(body);
        t.frame->setFrameShape(QFrame::StyledPanel);
        auto* box = new QVBoxLayout(t.frame);
        box->setContentsMargins(8, 4, 8, 4);
        box->setSpacing(0);
        t.label = new QLabel(QString::fromStdString(w.label), t.frame);
        t.label->setFont(labelFont);
        t.label->setWordWrap(true);
        t.label->setToolTip(QString::fromStdString(w.figure));
        t.value = new QLabel(QStringLiteral("—"), t.frame);
        t.value->setFont(valueFont);
        t.value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        t.compare = new QLabel(t.frame);
        t.compare->setFont(compareFont);
        t.compare->setVisible(previous_.has_value());
        box->addWidget(t.label);
        box->addWidget(t.value);
        box->addWidget(t.compare);
        tiles_.push_back(t);
    }
    placeTiles();
    const QString hint = defaults_ ? tr(" <span style='color:gray'>(this scenario has no <tt>watch:</tt>: the usual figures)</span>") : QString();
    // On a projector the run's name is a line the graph needs, unless there is a comparison to name.
    heading_->setVisible(previous_.has_value());
    heading_->setText(previous_ ? tr("<b>%1</b> &nbsp;against&nbsp; %2%3").arg(runName_.toHtmlEscaped(), previous_->name.toHtmlEscaped(), hint)
                                : tr("<b>%1</b>%2").arg(runName_.toHtmlEscaped(), hint));
}

std::optional<double> ScoreboardPanel::previousValue(std::size_t i) const
{
    if (!previous_ || i >= figures_.size()) return std::nullopt;
    for (std::size_t k = 0; k < previous_->figures.size(); ++k)
        if (previous_->figures[k] == figures_[i].figure) return previous_->values[k];
    return std::nullopt;
}

QString ScoreboardPanel::valueText(std::size_t i) const
{
    return i < figures_.size() ? formatFigure(value(i), figures_[i].unit) : QString();
}

void ScoreboardPanel::showValues()
{
    for (std::size_t i = 0; i < tiles_.size() && i < figures_.size(); ++i) {
        const es::WatchSpec& w = figures_[i];
        tiles_[i].value->setText(valueText(i));
        const std::optional<double> before = previousValue(i);
        if (!previous_ || !before) {
            tiles_[i].compare->setText(previous_ ? tr("%1: —").arg(previous_->name) : QString());
            tiles_[i].compare->setVisible(previous_.has_value()); // an empty line is still a line tall
            continue;
        }
        const QString beforeText = tr("%1: %2%3").arg(previous_->name, formatFigure(before, w.unit),
                                                     previous_->finished ? QString() : tr(" (at %1 s)").arg(previous_->simTime, 0, 'f', 0));
        QString diff;
        if (const std::optional<double> now = value(i); now && *now != *before) {
            const bool better = w.lowerIsBetter ? *now < *before : *now > *before;
            diff = QStringLiteral(" &nbsp;<span style='color:%1'><b>%2</b></span>")
                       .arg((better ? betterColour() : worseColour()).name(), formatDifference(*now - *before, w.unit));
        }
        tiles_[i].compare->setText(beforeText.toHtmlEscaped() + diff);
        tiles_[i].compare->setVisible(true);
    }
}

QString ScoreboardPanel::resultText() const { return result_->isHidden() ? QString() : result_->text(); }

void ScoreboardPanel::showResult(const Snapshot& s)
{
    if (s.state != RunState::Finished || !s.summary) {
        if (!result_->isHidden()) {
            result_->hide();
            fitHeight();
        }
        return;
    }
    const nlohmann::json& j = *s.summary;
    const bool ok = j.value("conservation_ok", false);
    QString text = ok ? tr("Finished at %1 s. Conservation held: every event accounted for.").arg(s.simTime, 0, 'f', 0)
                      : tr("Finished at %1 s. Conservation was violated:").arg(s.simTime, 0, 'f', 0);
    if (!ok)
        if (const auto v = j.find("violations"); v != j.end() && v->is_array())
            for (const auto& line : *v) text += QStringLiteral("\n• ") + QString::fromStdString(line.get<std::string>());
    result_->setText(text);
    QPalette p = result_->palette();
    p.setColor(QPalette::Window, ok ? QColor(0xdf, 0xf2, 0xe3) : QColor(0xf8, 0xdc, 0xd9));
    p.setColor(QPalette::WindowText, ok ? betterColour().darker(130) : worseColour());
    result_->setPalette(p);
    if (result_->isHidden()) {
        result_->show();
        fitHeight();
    }
}

void ScoreboardPanel::follow(const Snapshot& s)
{
    if (!s.summary || s.summary == shown_) return;
    shown_ = s.summary;
    if (defaults_ && figures_.empty()) {
        figures_ = defaultFigures(*shown_);
        values_.assign(figures_.size(), std::nullopt);
        rebuildTiles();
    }
    for (std::size_t i = 0; i < figures_.size(); ++i) values_[i] = es::figureValue(*shown_, figures_[i].figure);
    finished_ = s.state == RunState::Finished;
    simTime_ = s.simTime;
    showValues();
    showResult(s);
}

} // namespace esui

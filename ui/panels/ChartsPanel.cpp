#include "panels/ChartsPanel.h"

#include "charts/ChartCatalog.h"
#include "charts/ChartWidget.h"
#include "charts/LagStatusBar.h"
#include "charts/TheoryLines.h"
#include "scenario/Scenario.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QMenu>
#include <QSettings>
#include <QToolButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <utility>

namespace esui {

namespace {
// A run longer than this is followed through a sliding window of this length.
constexpr double kFollowSpan = 600;

bool sameCounts(const std::vector<es::LatencyDistribution>& a, const std::vector<es::LatencyDistribution>& b)
{
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].count != b[i].count || a[i].name != b[i].name) return false;
    return true;
}
} // namespace

ChartsPanel::ChartsPanel(QWidget* parent) : QDockWidget(tr("Charts"), parent)
{
    setObjectName(QStringLiteral("chartsDock"));
    auto* body = new QWidget(this);
    auto* outer = new QVBoxLayout(body);
    outer->setContentsMargins(4, 4, 4, 4);
    auto* top = new QHBoxLayout;
    toolRow_ = top;
    status_ = new LagStatusBar(body);
    freeze_ = new QCheckBox(tr("Freeze"), body);
    freeze_->setToolTip(tr("Stop following the run: the time axis stays where it is"));
    auto* chooser = new QToolButton(body);
    chooser->setText(tr("Charts"));
    chooser->setToolTip(tr("Choose which charts show (remembered for this scenario)"));
    chooser->setPopupMode(QToolButton::InstantPopup);
    chooserMenu_ = new QMenu(chooser);
    chooser->setMenu(chooserMenu_);
    top->addWidget(status_, 1);
    top->addWidget(chooser);
    top->addWidget(freeze_);
    outer->addLayout(top);
    auto* scroll = new QScrollArea(body);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* list = new QWidget(scroll);
    column_ = new QVBoxLayout(list);
    column_->setContentsMargins(0, 0, 0, 0);
    column_->addStretch(1);
    scroll->setWidget(list);
    outer->addWidget(scroll, 1);
    setWidget(body);
    connect(freeze_, &QCheckBox::toggled, this, [this](bool frozen) {
        if (!frozen) followTime(marks_.cursor), refreshAll(true, true); // catch up with the run at once
    });
}

void ChartsPanel::resizeEvent(QResizeEvent* e)
{
    QDockWidget::resizeEvent(e);
    const auto direction = width() > 2 * height() ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom;
    if (column_->direction() != direction) column_->setDirection(direction);
}

void ChartsPanel::addToolWidget(QWidget* w) { toolRow_->insertWidget(toolRow_->count() - 1, w); }

void ChartsPanel::setScenario(const es::Scenario& sc)
{
    endTime_ = es::toSeconds(sc.duration);
    marks_ = marksFromScenario(sc, endTime_);
    handBands_ = false;
    caption_ = captionFor(sc);
    theory_ = es::theoryFor(sc);
    idle_ = idleComponents(sc);
    choicesKey_ = chartChoicesKey(sc);
    {
        QSettings settings;
        choices_ = loadChartChoices(settings, choicesKey_, sc);
    }
    store_.clear();
    t0_ = 0;
    t1_ = std::min(endTime_, kFollowSpan);
    rebuildCharts();
}

void ChartsPanel::rebuildCharts()
{
    for (ChartWidget* c : charts_) delete c;
    charts_.clear();
    chartedNames_ = store_.names();
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    // The charts chosen come first, in their order; the rest follow, hidden, one menu entry away.
    std::vector<ChartSpec> specs = defaultCharts(chartedNames_, idle_);
    // A lesson whose chosen charts have no data in this run (another style) still shows something.
    const bool anyShown = putChosenFirst(specs, choices_.shown) > 0;
    int i = 0;
    for (ChartSpec& spec : specs) {
        const bool shown = anyShown ? choices_.isShown(spec.id) : i < 2;
        auto* w = new ChartWidget(std::move(spec), column_->parentWidget());
        ChartFigure& f = w->figure();
        f.setDark(dark);
        f.setCompact(true);
        f.setMarks(marks_);
        f.setTimeRange(t0_, t1_);
        const QString id = f.spec().id;
        for (std::size_t l = 0; l < f.spec().lines.size(); ++l)
            if (choices_.lineHidden(id, f.spec().lines[l].series)) f.setLineVisible(static_cast<int>(l), false);
        f.setLegendToggled([this, w, id](int line) {
            const ChartFigure& fig = w->figure();
            choices_.setLineHidden(id, fig.spec().lines[static_cast<std::size_t>(line)].series, !fig.lineVisible(line));
            saveChoices();
        });
        if (previous_ && showPrevious_) f.setPreviousRun(&*previous_, previousName_);
        f.refresh(store_);
        w->setVisible(shown);
        connect(w, &ChartWidget::resized, this, [w, this] { w->figure().refresh(store_); });
        connect(w, &ChartWidget::contextMenuRequested, this, [this, i, id](QMenu* menu) {
            addPartitionAction(id, menu);
            emit chartMenuRequested(i, menu);
        });
        connect(w, &ChartWidget::zoomRequested, this, &ChartsPanel::zoomTime);
        connect(w, &ChartWidget::panRequested, this, &ChartsPanel::panTime);
        connect(w, &ChartWidget::followRequested, this, &ChartsPanel::followRun);
        column_->insertWidget(i++, w, 1);
        charts_.push_back(w);
    }
    // The charts share the room between them; the closing stretch takes only what none of them may.
    column_->setStretch(column_->count() - 1, 0);
    rebuildChooser();
}

void ChartsPanel::beginRun(const es::Scenario& sc, const QString& name)
{
    const QString key = chartChoicesKey(sc);
    if (key == runKey_ && name != runName_ && std::isfinite(store_.lastTime())) {
        // The rows of the run being left (the new run's first snapshot would clear them): moved, not
        // copied, since the store starts over anyway.
        previous_ = std::move(store_);
        store_.clear();
        previousName_ = runName_;
    } else if (key != runKey_) {
        previous_.reset();
    }
    runKey_ = key;
    runName_ = name;
    rebuildCharts();
}

void ChartsPanel::setPreviousRunShown(bool shown)
{
    showPrevious_ = shown;
    for (ChartWidget* c : charts_) c->figure().setPreviousRun(previous_ && shown ? &*previous_ : nullptr, previousName_);
    if (previousAction_ && previousAction_->isChecked() != shown) previousAction_->setChecked(shown);
    refreshAll(true, false);
}

void ChartsPanel::rebuildChooser()
{
    chooserMenu_->clear();
    previousAction_ = nullptr;
    if (previous_) {
        previousAction_ = chooserMenu_->addAction(tr("Previous run, dashed (%1)").arg(previousName_));
        previousAction_->setCheckable(true);
        previousAction_->setChecked(showPrevious_);
        connect(previousAction_, &QAction::toggled, this, &ChartsPanel::setPreviousRunShown);
        chooserMenu_->addSeparator();
    }
    for (ChartWidget* c : charts_) {
        const QString id = c->figure().spec().id;
        QAction* a = chooserMenu_->addAction(c->figure().spec().title);
        a->setCheckable(true);
        a->setChecked(!c->isHidden());
        a->setData(id);
        connect(a, &QAction::toggled, this, [this, id](bool on) { setChartShown(id, on); });
    }
}

void ChartsPanel::addPartitionAction(const QString& id, QMenu* menu)
{
    // On demand: a group's total lag hides which partition is behind (a hot key's, a dead member's).
    const QString partitions = id == QLatin1String("lag-messages") ? QStringLiteral("partition-lag")
                               : id == QLatin1String("lag-seconds") ? QStringLiteral("partition-lag-seconds")
                                                                    : QString();
    if (partitions.isEmpty() || !chart(partitions)) return;
    QAction* a = menu->addAction(tr("Show lag per partition"));
    a->setCheckable(true);
    a->setChecked(chartShown(partitions));
    connect(a, &QAction::toggled, this, [this, partitions](bool on) { setChartShown(partitions, on); });
    menu->addSeparator();
}

bool ChartsPanel::chartShown(const QString& id) const
{
    const ChartWidget* c = chart(id);
    return c && !c->isHidden();
}

void ChartsPanel::setChartShown(const QString& id, bool shown)
{
    ChartWidget* c = chart(id);
    if (!c || chartShown(id) == shown) return;
    c->setVisible(shown);
    if (shown) {
        c->figure().setMarks(marks_);
        c->figure().setTimeRange(t0_, t1_);
        c->figure().refresh(store_); // hidden charts are not refreshed while the run goes on
    }
    for (QAction* a : chooserMenu_->actions())
        if (a->data().toString() == id && a->isChecked() != shown) a->setChecked(shown);
    // The order on screen is the order remembered.
    choices_.shown.clear();
    for (ChartWidget* w : charts_)
        if (!w->isHidden()) choices_.shown.push_back(w->figure().spec().id);
    saveChoices();
}

void ChartsPanel::saveChoices()
{
    QSettings settings;
    saveChartChoices(settings, choicesKey_, choices_);
    choices_.remembered = true;
}

void ChartsPanel::setRange(double t0, double t1)
{
    const double end = std::max({endTime_, marks_.cursor, 1e-3});
    const double span = std::clamp(t1 - t0, 1e-3, end);
    t0 = std::clamp(t0, 0.0, end - span);
    freeze_->setChecked(true);
    t0_ = t0;
    t1_ = t0 + span;
    refreshAll(true, true);
}

void ChartsPanel::zoomTime(double around, double factor)
{
    if (!(factor > 0)) return;
    setRange(around - (around - t0_) * factor, around + (t1_ - around) * factor);
}

void ChartsPanel::panTime(double dt) { setRange(t0_ + dt, t1_ + dt); }

void ChartsPanel::followRun()
{
    freeze_->setChecked(false); // its toggled handler catches up with the run
    followTime(marks_.cursor);
    refreshAll(true, true);
}

void ChartsPanel::follow(const Snapshot& s)
{
    const std::uint64_t run = store_.run();
    bool newData = store_.append(s.series);
    if (store_.run() != run || store_.names() != chartedNames_) rebuildCharts(), newData = true;
    // The distributions of the run so far change between sampled rows too: they are redrawn when
    // an event completed since the last redraw, the time charts when rows arrived or the axis moved.
    const bool distributionsMoved = !sameCounts(store_.distributions(), s.latency);
    if (distributionsMoved) store_.setDistributions(s.latency);
    marks_.cursor = s.simTime;
    // Failures injected by hand join the scenario's bands as they happen (one still in force grows
    // with the cursor).
    const bool byHand = s.failures.size() > s.scenarioFailures;
    if (byHand || handBands_) { // (a restart drops them: the scenario's bands again)
        handBands_ = byHand;
        std::vector<ChartBand> bands = failureBands(s.failures, s.scenarioFailures, endTime_, s.simTime);
        const bool moved = bands.size() != marks_.failures.size() ||
                           !std::equal(bands.begin(), bands.end(), marks_.failures.begin(), [](const ChartBand& a, const ChartBand& b) {
                               return a.t0 == b.t0 && a.t1 == b.t1 && a.label == b.label;
                           });
        if (moved) marks_.failures = std::move(bands), newData = true;
    }
    if (!freeze_->isChecked()) newData = followTime(s.simTime) || newData;
    linesPending_ = linesPending_ || newData;
    distributionsPending_ = distributionsPending_ || distributionsMoved;
    // Redrawing the dock's charts (their lines laid out and painted again, the time axis' labels
    // made again) costs milliseconds per chart: while the run plays, at most kRedrawEveryMs apart,
    // so the graph keeps its frame rate; what arrived meanwhile is drawn at the next redraw. Paused or
    // finished: at once, so a still run always shows its last figures.
    // On a slow or busy machine the charts give way rather than the graph: the interval is at least
    // kRedrawCostShare times what the last redraw cost (their painting costs about as much again), so
    // the dock keeps to about a third of the GUI thread and the animation its frame rate.
    const qint64 interval = std::max<qint64>(kRedrawEveryMs, kRedrawCostShare * lastRedrawMs_);
    const bool due = s.state != RunState::Playing || !redrawClock_.isValid() || redrawClock_.elapsed() >= interval;
    if (!due) return;
    redrawClock_.restart();
    ++redraws_;
    refreshAll(linesPending_, distributionsPending_);
    if (linesPending_) status_->updateFrom(store_);
    linesPending_ = distributionsPending_ = false;
    lastRedrawMs_ = redrawClock_.elapsed();
}

bool ChartsPanel::followTime(double now)
{
    const double span = std::min(std::max(endTime_, 1.0), kFollowSpan);
    const double t1 = std::max(span, now);
    const bool moved = t1 != t1_ || t1 - span != t0_;
    t1_ = t1;
    t0_ = t1 - span;
    return moved;
}

void ChartsPanel::refreshAll(bool lines, bool distributions)
{
    for (ChartWidget* c : charts_) {
        if (c->isHidden()) continue; // refreshed when shown
        ChartFigure& f = c->figure();
        f.setMarks(marks_);
        if (f.spec().kind == ChartKind::Distribution) {
            if (distributions) f.refresh(store_);
            continue;
        }
        if (lines) {
            if (theory_ && f.spec().id == QLatin1String("latency")) f.setReferences(theoryLines(theory_, store_));
            f.setTimeRange(t0_, t1_);
            f.refresh(store_);
        }
    }
}

ChartWidget* ChartsPanel::chart(const QString& id) const
{
    for (ChartWidget* c : charts_)
        if (c->figure().spec().id == id) return c;
    return nullptr;
}

std::vector<ChartExportJob> ChartsPanel::exportJobs(QSize size, int dpi) const
{
    std::vector<ChartExportJob> jobs;
    for (const ChartWidget* c : charts_) {
        ChartExportJob j{c->figure().shownSpec(), marks_, t0_, t1_, size, dpi}; // as the reader sees it
        j.marks.caption = caption_;
        jobs.push_back(std::move(j));
    }
    return jobs;
}

} // namespace esui

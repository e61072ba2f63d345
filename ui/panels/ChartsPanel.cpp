#include "panels/ChartsPanel.h"

#include "charts/ChartCatalog.h"
#include "charts/ChartWidget.h"
#include "charts/LagStatusBar.h"
#include "charts/TheoryLines.h"
#include "scenario/Scenario.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QMessageBox>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>

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
    status_ = new LagStatusBar(body);
    freeze_ = new QCheckBox(tr("Freeze"), body);
    freeze_->setToolTip(tr("Stop following the run: the time axis stays where it is"));
    top->addWidget(status_, 1);
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
        if (!frozen) followTime(marks_.cursor), refreshAll(true); // catch up with the run at once
    });
}

void ChartsPanel::setScenario(const es::Scenario& sc)
{
    endTime_ = es::toSeconds(sc.duration);
    marks_ = marksFromScenario(sc, endTime_);
    caption_ = captionFor(sc);
    theory_ = es::theoryFor(sc);
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
    int i = 0;
    for (ChartSpec& spec : defaultCharts(chartedNames_)) {
        auto* w = new ChartWidget(std::move(spec), column_->parentWidget());
        w->figure().setDark(dark);
        w->figure().setCompact(true);
        w->figure().setMarks(marks_);
        w->figure().setTimeRange(t0_, t1_);
        w->figure().refresh(store_);
        connect(w, &ChartWidget::resized, this, [w, this] { w->figure().refresh(store_); });
        connect(w, &ChartWidget::exportRequested, this, [this, i] { exportChartInteractive(i); });
        column_->insertWidget(i++, w);
        charts_.push_back(w);
    }
}

void ChartsPanel::follow(const Snapshot& s)
{
    const std::uint64_t run = store_.run();
    bool newData = store_.append(s.series);
    if (store_.run() != run || store_.names() != chartedNames_) rebuildCharts(), newData = true;
    // The distributions of the run so far change between sampled rows too: they are redrawn when
    // an event completed since the last frame, the time charts only when rows arrived.
    const bool distributionsMoved = !sameCounts(store_.distributions(), s.latency);
    if (distributionsMoved) store_.setDistributions(s.latency);
    marks_.cursor = s.simTime;
    if (!freeze_->isChecked()) newData = followTime(s.simTime) || newData;
    refreshAll(newData);
    if (distributionsMoved && !newData)
        for (ChartWidget* c : charts_)
            if (c->figure().spec().kind == ChartKind::Distribution) c->figure().refresh(store_);
    if (newData) status_->updateFrom(store_);
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

void ChartsPanel::refreshAll(bool lines)
{
    for (ChartWidget* c : charts_) {
        ChartFigure& f = c->figure();
        f.setMarks(marks_);
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

std::vector<ChartExportJob> ChartsPanel::exportJobs(QSize size) const
{
    std::vector<ChartExportJob> jobs;
    for (const ChartWidget* c : charts_) {
        ChartExportJob j{c->figure().spec(), marks_, t0_, t1_, size};
        j.marks.caption = caption_;
        jobs.push_back(std::move(j));
    }
    return jobs;
}

void ChartsPanel::exportChartInteractive(int index)
{
    if (index < 0 || index >= static_cast<int>(charts_.size())) return;
    const ChartExportJob job = exportJobs()[static_cast<std::size_t>(index)];
    const QString path = QFileDialog::getSaveFileName(this, tr("Export chart"), job.spec.id + QStringLiteral(".png"),
                                                      tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"));
    if (path.isEmpty()) return;
    const auto format = chartFormatForPath(path);
    QString error;
    if (!format) error = tr("%1: the name must end in .png, .svg or .pdf").arg(path);
    else exportChart(job, store_, path, *format, &error);
    if (!error.isEmpty()) QMessageBox::warning(this, tr("Export chart"), error);
}

void ChartsPanel::exportAllInteractive()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Export all charts into"));
    if (dir.isEmpty()) return;
    QString error;
    exportCharts(exportJobs(), store_, dir, {ChartFormat::Png, ChartFormat::Svg, ChartFormat::Pdf}, &error);
    if (!error.isEmpty()) QMessageBox::warning(this, tr("Export all charts"), error);
}

} // namespace esui

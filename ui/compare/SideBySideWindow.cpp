#include "compare/SideBySideWindow.h"

#include "charts/ChartMarks.h"
#include "charts/ChartStore.h"
#include "charts/ChartWidget.h"
#include "compare/SideBySideCharts.h"
#include "graph/GraphView.h"
#include "graph/TokenLegend.h"
#include "widgets/SpeedControl.h"

#include <QFileInfo>
#include <QGridLayout>
#include <QGuiApplication>
#include <QScreen>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

#include <nlohmann/json.hpp>

namespace esui {

SideBySideWindow::SideBySideWindow(QWidget* parent) : QWidget(parent, Qt::Window)
{
    // Most of the screen: every run's graph and the charts under them need the room.
    const QRect screen = QGuiApplication::primaryScreen() ? QGuiApplication::primaryScreen()->availableGeometry() : QRect(0, 0, 1280, 720);
    resize(std::max(960, screen.width() * 9 / 10), std::max(600, screen.height() * 9 / 10));
    auto* top = new QVBoxLayout(this);
    top->setContentsMargins(6, 6, 6, 6);
    auto* bar = new QHBoxLayout;
    play_ = new QPushButton(tr("Play"), this);
    play_->setShortcut(Qt::Key_Space);
    restart_ = new QPushButton(tr("Restart"), this);
    newSeed_ = new QPushButton(tr("New seed"), this);
    speed_ = new SpeedControl(this);
    clock_ = new QLabel(this);
    QFont big = clock_->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    clock_->setFont(big);
    bar->addWidget(play_);
    bar->addWidget(restart_);
    bar->addWidget(newSeed_);
    bar->addWidget(speed_);
    bar->addSpacing(16);
    bar->addWidget(clock_, 1);
    top->addLayout(bar);

    auto* split = split_ = new QSplitter(Qt::Vertical, this);
    graphsArea_ = new QWidget(split);
    graphsGrid_ = new QGridLayout(graphsArea_);
    graphsGrid_->setContentsMargins(0, 0, 0, 0);
    chartsArea_ = new QWidget(split);
    auto* chartsRow = new QHBoxLayout(chartsArea_);
    chartsRow->setContentsMargins(0, 0, 0, 0);
    split->addWidget(graphsArea_);
    split->addWidget(chartsArea_);
    top->addWidget(split, 1);

    connect(play_, &QPushButton::clicked, &runs_, &LockstepRuns::togglePlay);
    connect(restart_, &QPushButton::clicked, &runs_, &LockstepRuns::restart);
    connect(newSeed_, &QPushButton::clicked, &runs_, &LockstepRuns::newSeed);
    connect(speed_, &SpeedControl::speedChanged, &runs_, &LockstepRuns::setSpeed);
    connect(&runs_, &LockstepRuns::frame, this, &SideBySideWindow::onFrame);
    connect(&runs_, &LockstepRuns::stateChanged, this, &SideBySideWindow::updateControls);
    connect(&runs_, &LockstepRuns::failed, this, [this](const QString& m) { clock_->setText(tr("A run stopped: %1").arg(m)); });
    speed_->setSpeed(runs_.speed());
}

SideBySideWindow::~SideBySideWindow() = default;

bool SideBySideWindow::open(const QString& path, const std::vector<LockstepRow>& rows, QString* error)
{
    if (!runs_.open(path, rows, error)) return false;
    for (GraphView* g : graphs_) delete g;
    for (QLabel* l : titles_) delete l;
    for (QLabel* l : statuses_) delete l;
    graphs_.clear(), titles_.clear(), statuses_.clear(), stores_.clear();
    const int n = runs_.count();
    const int columns = n <= 3 ? n : 2; // four as 2 x 2
    std::vector<const ChartStore*> stores;
    for (int i = 0; i < n; ++i) {
        auto* title = new QLabel(QStringLiteral("<b>%1</b>").arg(runs_.row(i).label().toHtmlEscaped()), graphsArea_);
        auto* graph = new GraphView(graphsArea_);
        graph->setGraph(runs_.run(i)->graph(), runs_.run(i)->scenario().layout);
        // Three or four graphs are small: the token legend would take a third of each; two keep it.
        if (n > 2) graph->legend()->hide();
        auto* status = new QLabel(graphsArea_);
        status->setTextInteractionFlags(Qt::TextSelectableByMouse);
        const int r = (i / columns) * 3, c = i % columns;
        graphsGrid_->addWidget(title, r, c);
        graphsGrid_->addWidget(graph, r + 1, c);
        graphsGrid_->addWidget(status, r + 2, c);
        graphsGrid_->setRowStretch(r + 1, 1);
        titles_.push_back(title), graphs_.push_back(graph), statuses_.push_back(status);
        stores_.push_back(std::make_unique<ChartStore>());
        stores.push_back(stores_.back().get());
        SimulationController* run = runs_.run(i);
        ChartStore* store = stores_.back().get();
        connect(run, &SimulationController::frame, graph, [graph, store](const Snapshot& s) {
            graph->updateFrom(s);
            if (store->append(s.series)) store->setDistributions(s.latency);
        });
    }
    source_ = std::make_unique<PrefixedSeries>(stores);
    chartedNames_ = 0;
    rebuildCharts();
    // The charts carry the comparison: they get two fifths of the height, the graphs the rest.
    split_->setSizes({height() * 3 / 5, height() * 2 / 5});
    setWindowTitle(tr("Side by side — %1").arg(QString::fromStdString(runs_.run(0)->scenario().title)));
    updateControls();
    onFrame();
    return true;
}

void SideBySideWindow::rebuildCharts()
{
    for (ChartWidget* c : charts_) delete c;
    charts_.clear();
    std::vector<const ChartStore*> stores;
    QStringList labels;
    for (int i = 0; i < runs_.count(); ++i) {
        stores.push_back(stores_[static_cast<std::size_t>(i)].get());
        labels << runs_.row(i).label();
    }
    chartedNames_ = seriesNameCount();
    if (runs_.count() == 0) return;
    ChartMarks marks = marksFromScenario(runs_.run(0)->scenario(), runs_.endTime());
    for (ChartSpec& spec : sideBySideCharts(runs_.run(0)->scenario(), stores, labels)) {
        auto* w = new ChartWidget(std::move(spec), chartsArea_);
        w->figure().setCompact(true);
        w->figure().setMarks(marks);
        w->figure().setTimeRange(0, std::max(runs_.endTime(), 1.0));
        w->figure().refresh(*source_);
        connect(w, &ChartWidget::resized, this, [this, w] { w->figure().refresh(*source_); });
        chartsArea_->layout()->addWidget(w);
        charts_.push_back(w);
    }
}

void SideBySideWindow::onFrame()
{
    if (runs_.count() == 0) return;
    if (seriesNameCount() != chartedNames_) rebuildCharts();
    const double now = runs_.now();
    for (ChartWidget* w : charts_) {
        ChartMarks m = w->figure().marks();
        m.cursor = now;
        w->figure().setMarks(m);
        w->figure().refresh(*source_);
    }
    for (int i = 0; i < runs_.count(); ++i) statuses_[static_cast<std::size_t>(i)]->setText(statusOf(i));
    clock_->setText(clockText());
}

std::size_t SideBySideWindow::seriesNameCount() const
{
    std::size_t n = 0;
    for (const auto& s : stores_) n += s->names().size();
    return n;
}

QString SideBySideWindow::clockText() const
{
    return tr("t = %1 s of %2 s · seed %3, the same for every run")
        .arg(runs_.now(), 0, 'f', 1)
        .arg(runs_.endTime(), 0, 'f', 0)
        .arg(runs_.seed());
}

QString SideBySideWindow::statusOf(int i) const
{
    const Snapshot& s = runs_.run(i)->latest();
    if (!s.summary) return tr("t = %1 s").arg(s.simTime, 0, 'f', 1);
    const nlohmann::json& j = *s.summary;
    QString text = tr("t = %1 s").arg(s.simTime, 0, 'f', 1);
    if (s.state == RunState::Finished && j.contains("trace_digest"))
        text += tr(" · finished · trace digest %1").arg(QString::fromStdString(j["trace_digest"].get<std::string>()));
    return text;
}

void SideBySideWindow::updateControls()
{
    play_->setText(runs_.isPlaying() ? tr("Pause") : tr("Play"));
    play_->setEnabled(!runs_.isFinished());
    speed_->setSpeed(runs_.speed());
}

} // namespace esui

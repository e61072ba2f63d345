#include "MainWindow.h"

#include "actions/LayoutActions.h"
#include "actions/RunActions.h"
#include "graph/GraphView.h"
#include "panels/InspectorPanel.h"
#include "sim/SimulationController.h"
#include "widgets/SpeedControl.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

namespace esui {

namespace {

QLabel* statusLabel(QWidget* parent, const QString& longest)
{
    // A minimum width from the longest expected text, so the status bar does not jitter at 60 Hz.
    auto* l = new QLabel(parent);
    l->setMinimumWidth(QFontMetrics(l->font()).horizontalAdvance(longest));
    return l;
}

QString eventRate(double eps)
{
    if (eps >= 1e6) return QObject::tr("%1 M events/s").arg(eps / 1e6, 0, 'f', 2);
    if (eps >= 1e3) return QObject::tr("%1 k events/s").arg(eps / 1e3, 0, 'f', 1);
    return QObject::tr("%1 events/s").arg(eps, 0, 'f', 0);
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), controller_(new SimulationController(this)), graph_(new GraphView(this))
{
    actions_ = new RunActions(controller_, this);
    speed_ = new SpeedControl(this);
    connect(speed_, &SpeedControl::speedChanged, controller_, &SimulationController::setSpeed);

    QToolBar* bar = addToolBar(tr("Run"));
    bar->setObjectName(QStringLiteral("runToolBar"));
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(actions_->playPause());
    bar->addAction(actions_->step());
    bar->addAction(actions_->restart());
    bar->addSeparator();
    bar->addWidget(speed_);

    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open scenario…"), QKeySequence::Open, this, &MainWindow::chooseScenario);
    layoutActions_ = new LayoutActions(controller_, graph_, this);
    file->addSeparator();
    file->addAction(layoutActions_->save());
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    QMenu* run = menuBar()->addMenu(tr("&Run"));
    run->addActions({actions_->playPause(), actions_->step(), actions_->restart()});
    QMenu* view = menuBar()->addMenu(tr("&View"));
    inspector_ = new InspectorPanel(controller_, this);
    addDockWidget(Qt::RightDockWidgetArea, inspector_);
    connect(graph_, &GraphView::nodeSelected, inspector_, &InspectorPanel::showNode);
    view->addAction(inspector_->toggleViewAction());
    view->addSeparator();
    view->addAction(layoutActions_->reset());

    // The scenario's notes, shown above the graph when one is in force.
    note_ = new QLabel(this);
    note_->setWordWrap(true);
    note_->setMargin(8);
    note_->setAutoFillBackground(true);
    note_->setBackgroundRole(QPalette::ToolTipBase);
    note_->setForegroundRole(QPalette::ToolTipText);
    note_->hide();
    auto* central = new QWidget(this);
    auto* column = new QVBoxLayout(central);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    column->addWidget(note_);
    column->addWidget(graph_, 1);
    setCentralWidget(central);

    stateLabel_ = statusLabel(this, tr("Finished"));
    timeLabel_ = statusLabel(this, tr("t = 00000.000 s / 00000 s"));
    eventsLabel_ = statusLabel(this, tr("000,000,000 events"));
    rateLabel_ = statusLabel(this, tr("000.00 M events/s"));
    statusBar()->addWidget(stateLabel_);
    statusBar()->addPermanentWidget(timeLabel_);
    statusBar()->addPermanentWidget(eventsLabel_);
    statusBar()->addPermanentWidget(rateLabel_);

    connect(controller_, &SimulationController::frame, this, &MainWindow::showFrame);
    resize(1280, 800);
}

MainWindow::~MainWindow() = default;

bool MainWindow::openScenario(const QString& path, QString* error, bool quiet)
{
    QString message;
    if (!controller_->load(path, &message)) {
        if (error) *error = message;
        if (!quiet) QMessageBox::warning(this, tr("Cannot open scenario"), message);
        return false;
    }
    controller_->setSpeed(speed_->speed());
    graph_->setGraph(controller_->graph(), controller_->scenario().layout);
    const QString title = QString::fromStdString(controller_->scenario().title);
    setWindowTitle(tr("%1 — Eventscape").arg(title.isEmpty() ? QFileInfo(path).fileName() : title));
    return true;
}

void MainWindow::chooseScenario()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open scenario"), QFileInfo(controller_->path()).absolutePath(),
                                                      tr("Scenarios (*.yaml *.yml *.json);;All files (*)"));
    if (!path.isEmpty()) openScenario(path);
}

void MainWindow::showFrame(const Snapshot& s)
{
    graph_->updateFrom(s);
    inspector_->updateFrom(s);
    actions_->follow(s);
    const QLocale locale;
    timeLabel_->setText(tr("t = %1 s / %2 s").arg(s.simTime, 0, 'f', 3).arg(s.endTime, 0, 'f', 0));
    eventsLabel_->setText(tr("%1 events").arg(locale.toString(static_cast<qulonglong>(s.eventsProcessed))));
    rateLabel_->setText(eventRate(s.eventsPerSecond));
    stateLabel_->setText(s.state == RunState::Playing ? tr("Running") : s.state == RunState::Paused ? tr("Paused") : tr("Finished"));
    const QString note = QString::fromStdString(s.note);
    if (note != note_->text()) note_->setText(note);
    note_->setVisible(!note.isEmpty());
}

} // namespace esui

#include "MainWindow.h"

#include "journey/JourneyWindow.h"
#include "actions/CompareActions.h"

#include "actions/ChartExportActions.h"
#include "actions/FailureActions.h"
#include "actions/LayoutActions.h"
#include "actions/PresentationMode.h"
#include "actions/RunActions.h"
#include "actions/RunStoreActions.h"
#include "app/AnimationPaceMenu.h"
#include "app/Preferences.h"
#include "app/RecentFilesMenu.h"
#include "app/ScenarioDrop.h"
#include "app/ThemeMenu.h"
#include "graph/GraphView.h"
#include "graph/TokenLegend.h"
#include "journey/JourneyWindow.h"
#include "lessons/LessonLibrary.h"
#include "lessons/LessonPicker.h"
#include "panels/ChartsPanel.h"
#include "panels/FailureLogPanel.h"
#include "panels/FiguresPanel.h"
#include "panels/ScoreboardPanel.h"
#include "panels/InspectorPanel.h"
#include "panels/LessonPanel.h"
#include "sim/SimulationController.h"
#include "widgets/SpeedControl.h"
#include "widgets/UsersStatus.h"
#include "widgets/VariantChooser.h"

#include <QCheckBox>
#include <QLineEdit>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QScreen>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>

namespace esui {

namespace {

QLabel* statusLabel(QWidget* parent, const QString& longest)
{
    // A minimum width from the longest expected text, so the status bar does not jitter at 60 Hz.
    auto* l = new QLabel(parent);
    l->setMinimumWidth(QFontMetrics(l->font()).horizontalAdvance(longest));
    return l;
}

// The kernel's events (arrivals, service ends, timers), not the scenario's business events: say so,
// or a class reads "11,042 events" next to a producer that created 3,589.
QString eventRate(double eps)
{
    if (eps >= 1e6) return QObject::tr("%1 M sim. events/s").arg(eps / 1e6, 0, 'f', 2);
    if (eps >= 1e3) return QObject::tr("%1 k sim. events/s").arg(eps / 1e3, 0, 'f', 1);
    return QObject::tr("%1 sim. events/s").arg(eps, 0, 'f', 0);
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), prefs_(std::make_unique<Preferences>()), controller_(new SimulationController(this)),
      graph_(new GraphView(this))
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
    bar->addAction(actions_->nextNote());
    bar->addAction(actions_->newSeed());
    bar->addSeparator();
    bar->addWidget(speed_);
    bar->addSeparator();
    variants_ = new VariantChooser(this);
    auto* variantCaption = new QLabel(tr("Variant"), this);
    variantCaption->setMargin(6);
    variantCaption->setBuddy(variants_);
    bar->addWidget(variantCaption);
    bar->addWidget(variants_);
    connect(variants_, &VariantChooser::variantChosen, this, [this](const QString& v) { openVariant(v); });

    charts_ = new ChartsPanel(this);
    chartExport_ = new ChartExportActions(charts_, graph_, controller_, this);
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open scenario…"), QKeySequence::Open, this, &MainWindow::chooseScenario);
    file->addAction(tr("&Lessons…"), QKeySequence(Qt::CTRL | Qt::Key_L), this, &MainWindow::chooseLesson);
    recent_ = new RecentFilesMenu(*prefs_, this);
    connect(recent_, &RecentFilesMenu::openRequested, this, [this](const QString& path) { openScenario(path); });
    file->addMenu(recent_);
    layoutActions_ = new LayoutActions(controller_, graph_, this);
    file->addSeparator();
    file->addAction(layoutActions_->save());
    file->addMenu(chartExport_->exportMenu());
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    QMenu* run = menuBar()->addMenu(tr("&Run"));
    run->addActions({actions_->playPause(), actions_->step(), actions_->restart()});
    run->addSeparator();
    run->addActions({actions_->nextNote(), actions_->newSeed()});
    failureActions_ = new FailureActions(controller_, graph_, this);
    run->addSeparator();
    run->addAction(failureActions_->saveAction());
    runStore_ = new RunStoreActions(controller_, this);
    run->addAction(runStore_->saveAction());
    run->addSeparator();
    compare_ = new CompareActions(controller_, this);
    run->addActions({compare_->sideBySideAction(), compare_->overSeedsAction()});
    connect(runStore_, &RunStoreActions::saved, this, [this](qint64, const QString& message) {
        statusBar()->showMessage(message, 12000);
    });
    // Saved into the file: load it again (same variant and seed), so Restart repeats the run.
    connect(failureActions_, &FailureActions::saved, this, [this](int count, const QString& path) {
        const QString variant = QString::fromStdString(controller_->scenario().variant);
        const std::uint64_t seed = controller_->scenario().seed;
        if (!load(path, variant, nullptr, false)) return;
        if (controller_->scenario().seed != seed) controller_->restartWithSeed(seed);
        statusBar()->showMessage(tr("%n failure(s) saved into %1; the scenario was loaded again with them", nullptr, count)
                                     .arg(QFileInfo(path).fileName()),
                                 8000);
    });

    // The graph takes the middle, the scoreboard a strip over it, the charts the band under it (a
    // pipeline is wide and short), and a column on the right holds the lesson, the inspector and
    // every figure (tabs): at a projector's 1280x720 the graph keeps most of the width.
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    setCorner(Qt::TopRightCorner, Qt::RightDockWidgetArea);
    addDockWidget(Qt::BottomDockWidgetArea, charts_);
    scoreboard_ = new ScoreboardPanel(this);
    addDockWidget(Qt::TopDockWidgetArea, scoreboard_);
    lessonPanel_ = new LessonPanel(this);
    addDockWidget(Qt::RightDockWidgetArea, lessonPanel_);
    connect(lessonPanel_, &LessonPanel::pauseAtNotesChanged, this, [this](bool on) {
        controller_->setPauseAtNotes(on);
        prefs_->setPauseAtNotes(on);
    });
    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(scoreboard_->toggleViewAction());
    view->addAction(lessonPanel_->toggleViewAction());
    inspector_ = new InspectorPanel(controller_, this);
    figures_ = new FiguresPanel(this);
    tabifyDockWidget(lessonPanel_, inspector_);
    tabifyDockWidget(inspector_, figures_);
    failureLog_ = new FailureLogPanel(this);
    tabifyDockWidget(figures_, failureLog_);
    lessonPanel_->raise();
    connect(graph_, &GraphView::nodeSelected, inspector_, &InspectorPanel::showNode);
    connect(graph_, &GraphView::nodeSelected, inspector_, [this] {
        inspector_->show();
        inspector_->raise();
    });
    // A clicked token: what its envelope says in the inspector, and its whole journey beside.
    journey_ = new JourneyWindow(controller_, this);
    connect(graph_, &GraphView::tokenClicked, inspector_, [this](const TokenInfo& t) {
        inspector_->showToken(t);
        inspector_->show();
        inspector_->raise();
        journey_->trace(t.hop.envelope.correlationId);
        journey_->show();
        journey_->raise();
    });
    view->addAction(inspector_->toggleViewAction());
    view->addAction(figures_->toggleViewAction());
    view->addAction(failureLog_->toggleViewAction());
    QAction* journey = view->addAction(tr("Message &journey…"));
    journey->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_J));
    connect(journey, &QAction::triggered, journey_, [this] {
        journey_->show();
        journey_->raise();
        journey_->searchField()->setFocus();
    });
    view->addAction(charts_->toggleViewAction());
    // The key to the message tokens, over the graph's corner; hidden by those who know it by heart.
    QAction* legend = view->addAction(tr("Message &legend"));
    legend->setCheckable(true);
    legend->setChecked(true);
    connect(legend, &QAction::toggled, graph_->legend(), &QWidget::setVisible);
    presentation_ = new PresentationMode(this, graph_, scoreboard_);
    view->addSeparator();
    view->addAction(presentation_->action());
    view->addSeparator();
    view->addAction(layoutActions_->reset());
    view->addMenu(new AnimationPaceMenu(*prefs_, graph_, this));
    view->addMenu(new ThemeMenu(*prefs_, this));
    setAcceptDrops(true);

    setCentralWidget(graph_); // the note in force is a banner over the graph's top (GraphView::setNote)

    stateLabel_ = statusLabel(this, tr("Finished"));
    timeLabel_ = statusLabel(this, tr("t = 00000.000 s / 00000 s"));
    eventsLabel_ = statusLabel(this, tr("000,000,000 simulator events"));
    rateLabel_ = statusLabel(this, tr("000.00 M sim. events/s"));
    seedLabel_ = statusLabel(this, tr("seed 0000000000"));
    variantLabel_ = new QLabel(this);
    users_ = new UsersStatus(this);
    statusBar()->addWidget(stateLabel_);
    statusBar()->addWidget(users_);
    statusBar()->addPermanentWidget(variantLabel_);
    statusBar()->addPermanentWidget(seedLabel_);
    statusBar()->addPermanentWidget(timeLabel_);
    statusBar()->addPermanentWidget(eventsLabel_);
    statusBar()->addPermanentWidget(rateLabel_);

    connect(controller_, &SimulationController::frame, this, &MainWindow::showFrame);
    connect(controller_, &SimulationController::seedChanged, this, &MainWindow::showRunIdentity);
    // Every load and every reseed emits it: a new run, and the run before becomes the comparison.
    connect(controller_, &SimulationController::seedChanged, this, [this] {
        scoreboard_->setScenario(controller_->scenario(), controller_->path());
        charts_->beginRun(controller_->scenario(), ScoreboardPanel::runName(QString::fromStdString(controller_->scenario().variant),
                                                                            controller_->scenario().seed));
        figures_->clear();
    });
    connect(controller_, &SimulationController::engineFailed, this, &MainWindow::showEngineError);
    connect(speed_, &SpeedControl::speedChanged, this, [this](double s) {
        if (rememberSpeed_) prefs_->setSpeed(s);
    });
    // First start: most of the screen, since the graph, the lesson and the inspector share it (a saved
    // geometry replaces this).
    // A projector-sized screen (up to 1440x900) gets all of it.
    const QSize avail = screen() ? screen()->availableGeometry().size() : QSize(1280, 800);
    const bool small = avail.width() <= 1440 || avail.height() <= 900;
    resize(small ? avail : QSize(avail.width() * 85 / 100, avail.height() * 85 / 100));
    // The right column a quarter of the width, the charts a third of the height.
    resizeDocks({lessonPanel_}, {width() * 24 / 100}, Qt::Horizontal);
    // A third: at 720 px a chart's 180 px with the dock's row above it, and no scroll bar.
    resizeDocks({charts_}, {height() * 34 / 100}, Qt::Vertical);
    restorePreferences(); // last: restoreState() needs every dock and toolbar to exist
}

void MainWindow::restorePreferences()
{
    if (const auto s = prefs_->speed()) speed_->setSpeed(*s);
    lessonPanel_->pauseAtNotesBox()->setChecked(prefs_->pauseAtNotes());
    restoreGeometry(prefs_->windowGeometry());
    restoreState(prefs_->windowState(), kDockLayoutVersion);
}

void MainWindow::closeEvent(QCloseEvent* e)
{
    presentation_->setOn(false); // the saved layout is the working one, not the projector's
    prefs_->setWindow(saveGeometry(), saveState(kDockLayoutVersion));
    prefs_->sync();
    QMainWindow::closeEvent(e);
}

MainWindow::~MainWindow() = default;

void MainWindow::setSpeedForThisRun(double speed)
{
    rememberSpeed_ = false; // the slider's signal comes back synchronously, inside setSpeed()
    speed_->setSpeed(speed);
    rememberSpeed_ = true;
}

void MainWindow::setPauseAtNotesForThisRun(bool on)
{
    const QSignalBlocker quiet(lessonPanel_->pauseAtNotesBox()); // the saved preference stays
    lessonPanel_->pauseAtNotesBox()->setChecked(on);
    controller_->setPauseAtNotes(on);
}

bool MainWindow::openScenario(const QString& path, QString* error, bool quiet) { return load(path, QString(), error, quiet); }

bool MainWindow::openVariant(const QString& variant, QString* error, bool quiet)
{
    if (!controller_->isLoaded()) return false;
    return load(controller_->path(), variant, error, quiet);
}

bool MainWindow::load(const QString& path, const QString& variant, QString* error, bool quiet)
{
    QString message;
    if (!controller_->load(path, variant, &message)) {
        if (error) *error = message;
        if (!quiet) QMessageBox::warning(this, tr("Cannot open scenario"), message);
        return false;
    }
    controller_->setSpeed(speed_->speed());
    graph_->setGraph(controller_->graph(), controller_->scenario().layout);
    const QString title = QString::fromStdString(controller_->scenario().title);
    setWindowTitle(tr("%1 — Eventscape").arg(title.isEmpty() ? QFileInfo(path).fileName() : title));
    lessonPanel_->setScenario(controller_->scenario());
    charts_->setScenario(controller_->scenario());
    variants_->setScenario(controller_->scenario());
    showRunIdentity();
    prefs_->addRecentFile(path);
    prefs_->setLastFolder(QFileInfo(path).absolutePath());
    return true;
}

bool MainWindow::openFromCommandLine(const QString& pathOrLesson, const QString& variant, QString* error)
{
    QString path = pathOrLesson;
    // A bare name that is no file here: a lesson's (eventscape outbox), as eventscape-cli takes it.
    if (!QFileInfo::exists(path) && !path.contains(QLatin1Char('/')) && QFileInfo(path).suffix().isEmpty()) {
        const QString lesson = QDir(LessonLibrary::findLessonsDir()).filePath(path + QStringLiteral(".yaml"));
        if (QFileInfo::exists(lesson)) path = lesson;
    }
    QString message;
    bool ok = load(path, QString(), &message, true);
    if (ok && !variant.isEmpty()) ok = load(path, variant, &message, true);
    if (ok) return true;
    if (error) *error = message;
    showOpenError(message);
    return false;
}

void MainWindow::showOpenError(const QString& message)
{
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Cannot open scenario"), message, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("openErrorDialog"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::showRunIdentity()
{
    seedLabel_->setText(tr("seed %1").arg(controller_->seed()));
    const QString v = controller_->variant();
    variantLabel_->setText(tr("variant: %1").arg(v.isEmpty() ? tr("base") : v));
}

void MainWindow::chooseScenario()
{
    QString folder = prefs_->lastFolder();
    if (folder.isEmpty() || !QFileInfo(folder).isDir()) folder = QFileInfo(controller_->path()).absolutePath();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open scenario"), folder,
                                                      tr("Scenarios (*.yaml *.yml *.json);;All files (*)"));
    if (!path.isEmpty()) openScenario(path);
}

void MainWindow::chooseLesson()
{
    const LessonLibrary library;
    LessonPicker picker(library, this);
    picker.select(controller_->path());
    if (picker.exec() == QDialog::Accepted && !picker.selectedPath().isEmpty()) openScenario(picker.selectedPath());
}

void MainWindow::dragEnterEvent(QDragEnterEvent* e)
{
    if (!firstDroppedScenario(e->mimeData()).isEmpty()) e->acceptProposedAction();
    else e->ignore();
}

void MainWindow::dropEvent(QDropEvent* e)
{
    const QString path = firstDroppedScenario(e->mimeData());
    if (path.isEmpty()) {
        e->ignore();
        return;
    }
    e->acceptProposedAction();
    // After the drop returns: a failure's message box must not block the drag source's event loop.
    QTimer::singleShot(0, this, [this, path] { openScenario(path); });
}

// Window-modal but not blocking (open(), not exec()): the message comes from a timer slot, and the
// window must keep painting and answering (Quit, Open) while it is up.
void MainWindow::showEngineError(const QString& message)
{
    stateLabel_->setText(tr("Stopped on an error"));
    auto* box = new QMessageBox(QMessageBox::Critical, tr("The simulation stopped"),
                                tr("The engine stopped on an error:\n\n%1\n\nOpen another scenario, or Restart to "
                                   "try this one again.").arg(message),
                                QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("engineErrorDialog"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::showFrame(const Snapshot& s)
{
    graph_->updateFrom(s);
    inspector_->updateFrom(s);
    actions_->follow(s);
    lessonPanel_->follow(s);
    charts_->follow(s);
    scoreboard_->follow(s);
    figures_->follow(s);
    failureLog_->follow(s);
    users_->follow(s);
    const QLocale locale;
    timeLabel_->setText(tr("t = %1 s / %2 s").arg(s.simTime, 0, 'f', 3).arg(s.endTime, 0, 'f', 0));
    eventsLabel_->setText(tr("%1 simulator events").arg(locale.toString(static_cast<qulonglong>(s.eventsProcessed))));
    rateLabel_->setText(eventRate(s.eventsPerSecond));
    stateLabel_->setText(s.state == RunState::Playing ? tr("Running") : s.state == RunState::Paused ? tr("Paused") : tr("Finished"));
    graph_->setNote(QString::fromStdString(s.note));
}

} // namespace esui

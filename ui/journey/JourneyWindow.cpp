#include "journey/JourneyWindow.h"

#include "charts/PaintedExport.h"
#include "journey/SequenceDiagram.h"
#include "run/JourneyReplay.h"
#include "sim/SimulationController.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QVBoxLayout>

namespace esui {

struct JourneyWindow::Result {
    es::ReplayedJourney replay;
    es::SimTime until = 0;
    bool comparable = false;     // the run stood still at `until`: its digest must be the replay's
    std::uint64_t runDigest = 0;
};

JourneyWindow::JourneyWindow(SimulationController* controller, QWidget* parent)
    : QWidget(parent, Qt::Window), controller_(controller)
{
    setWindowTitle(tr("Message journey"));
    search_ = new QLineEdit(this);
    search_->setPlaceholderText(tr("correlation or event id, e.g. 15"));
    search_->setClearButtonEnabled(true);
    auto* traceButton = new QPushButton(tr("Trace"), this);
    exportButton_ = new QPushButton(tr("Export…"), this);
    exportButton_->setEnabled(false);
    status_ = new QLabel(tr("Click a message token in the graph, or type its id."), this);
    status_->setWordWrap(true);
    diagram_ = new SequenceDiagram(this);
    scroll_ = new QScrollArea(this);
    scroll_->setWidget(diagram_);
    scroll_->setWidgetResizable(false);
    scroll_->setBackgroundRole(QPalette::Base);

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Message:"), this));
    top->addWidget(search_, 1);
    top->addWidget(traceButton);
    top->addWidget(exportButton_);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(status_);
    layout->addWidget(scroll_, 1);
    resize(900, 560);

    connect(search_, &QLineEdit::returnPressed, this, &JourneyWindow::searchEntered);
    connect(traceButton, &QPushButton::clicked, this, &JourneyWindow::searchEntered);
    connect(exportButton_, &QPushButton::clicked, this, &JourneyWindow::exportClicked);
    // While the run plays, follow the message: trace it again now and then.
    follow_.setInterval(2000);
    connect(&follow_, &QTimer::timeout, this, [this] {
        if (isVisible() && id_ != 0 && !task_.running() && controller_->isPlaying()) startReplay();
    });
    follow_.start();
    // When the run stops (paused, finished), trace once more: the journey to that moment, and the
    // replay's digest can be checked against the run's.
    connect(controller_, &SimulationController::frame, this, [this](const Snapshot& s) {
        const bool playing = s.state == RunState::Playing;
        if (wasPlaying_ && !playing && isVisible() && id_ != 0) startReplay();
        wasPlaying_ = playing;
    });
    // Another file, variant or seed: the journey shown belongs to a run that is gone.
    const auto forget = [this] {
        task_.stop();
        id_ = 0;
        diagram_->setJourney({});
        exportButton_->setEnabled(false);
        status_->setText(tr("A new run: click a message token in the graph, or type its id."));
    };
    connect(controller_, &SimulationController::loaded, this, forget);
    connect(controller_, &SimulationController::seedChanged, this, forget);
}

JourneyWindow::~JourneyWindow() = default; // task_ stops and joins its worker first

const es::Journey& JourneyWindow::journey() const { return diagram_->journey(); }

QString JourneyWindow::statusText() const { return status_->text(); }

void JourneyWindow::searchEntered()
{
    bool ok = false;
    const std::uint64_t id = search_->text().trimmed().remove(QLatin1Char('#')).toULongLong(&ok);
    if (!ok || id == 0) {
        status_->setText(tr("'%1' is not a message id: type a whole number above 0, such as 15.").arg(search_->text()));
        return;
    }
    trace(id);
}

void JourneyWindow::trace(std::uint64_t id)
{
    id_ = id;
    search_->setText(QString::number(id));
    startReplay();
}

void JourneyWindow::startReplay()
{
    if (!controller_->isLoaded()) return;
    const Snapshot& now = controller_->latest();
    es::Scenario sc = controller_->scenario();
    sc.failures = now.failures; // the scenario's and those injected by hand, with the times they had
    auto result = std::make_shared<Result>();
    result->until = now.simNow;
    result->comparable = now.state != RunState::Playing;
    result->runDigest = now.traceDigest;
    status_->setText(tr("Tracing message %1 up to %2 s…").arg(id_).arg(now.simTime, 0, 'f', 3));
    const std::uint64_t id = id_;
    task_.start(
        this,
        [sc = std::move(sc), result, id](const std::atomic<bool>& stop) {
            try {
                result->replay = es::replayJourney(sc, result->until, id, &stop);
            } catch (const std::exception&) {
                result->replay.stopped = true; // the run itself was built from this scenario: not expected
            }
        },
        [this, result] { replayDone(result); });
}

void JourneyWindow::replayDone(const std::shared_ptr<Result>& r)
{
    const es::Journey& j = r->replay.journey;
    const double until = es::toSeconds(r->until);
    if (r->replay.stopped) {
        status_->setText(tr("The trace of %1 stopped before %2 s.").arg(id_).arg(until, 0, 'f', 3));
        return;
    }
    if (!j.found()) {
        status_->setText(tr("No event or correlation %1 up to %2 s: ids are numbered from 1 in the order events are created.")
                             .arg(id_)
                             .arg(until, 0, 'f', 3));
        diagram_->setJourney({});
        exportButton_->setEnabled(false);
        emit traced();
        return;
    }
    const bool first = diagram_->journey().correlationId != j.correlationId;
    diagram_->setJourney(j);
    exportButton_->setEnabled(true);
    // A new journey: wide enough to show it whole if the screen allows.
    if (first && isVisible() && diagram_->width() + 40 > scroll_->viewport()->width())
        resize(std::min(diagram_->width() + 60, screen() ? screen()->availableGeometry().width() - 40 : 1400), height());
    QString text = j.asked == j.correlationId
                       ? tr("Correlation %1: %2 steps up to %3 s.").arg(j.correlationId).arg(j.steps.size()).arg(until, 0, 'f', 3)
                       : tr("Event %1 belongs to correlation %2: %3 steps up to %4 s.")
                             .arg(j.asked)
                             .arg(j.correlationId)
                             .arg(j.steps.size())
                             .arg(until, 0, 'f', 3);
    if (r->comparable)
        text += r->replay.traceDigest == r->runDigest
                    ? tr(" Replayed: the same run as the window's (digest %1).").arg(r->runDigest, 16, 16, QLatin1Char('0'))
                    : tr(" <b>The replay differs from the window's run</b> (digest %1, the run's %2): this journey may be wrong.")
                          .arg(r->replay.traceDigest, 16, 16, QLatin1Char('0'))
                          .arg(r->runDigest, 16, 16, QLatin1Char('0'));
    status_->setText(text);
    emit traced();
}

bool JourneyWindow::exportTo(const QString& path, QString* error) const
{
    const std::optional<ChartFormat> format = chartFormatForPath(path);
    if (!format) {
        if (error) *error = tr("%1: give a file ending in .png, .svg or .pdf").arg(path);
        return false;
    }
    const es::Journey& j = journey();
    const SequenceLayout& l = diagram_->layout();
    PaintedDocument doc;
    doc.size = l.size.toSize().expandedTo(QSize(200, 100));
    doc.title = tr("Journey of correlation %1").arg(j.correlationId);
    const QFont font = diagram_->font();
    return writePainted(doc, [&](QPainter& p, const QRectF&) { paintSequence(p, j, l, font); }, path, *format, error);
}

void JourneyWindow::exportClicked()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the journey"),
                                                      QStringLiteral("journey-%1.svg").arg(journey().correlationId),
                                                      tr("SVG drawing (*.svg);;PNG image (*.png);;PDF document (*.pdf)"));
    if (path.isEmpty()) return;
    QString error;
    if (!exportTo(path, &error)) status_->setText(error);
}

} // namespace esui

#include "actions/FailureActions.h"

#include "graph/GraphView.h"
#include "scenario/FailureWriter.h"
#include "sim/SimulationController.h"

#include <QAction>
#include <QMenu>
#include <QMessageBox>
#include <QWidget>

namespace esui {

namespace {

bool isService(NodeKind k) { return k == NodeKind::Producer || k == NodeKind::Consumer; }
bool isBroker(NodeKind k) { return k == NodeKind::Queue || k == NodeKind::Topic || k == NodeKind::Log || k == NodeKind::Bus; }

} // namespace

FailureActions::FailureActions(SimulationController* controller, GraphView* graph, QWidget* window)
    : QObject(window), controller_(controller), graph_(graph), window_(window), save_(new QAction(tr("Save &failures into the scenario"), window))
{
    save_->setToolTip(tr("Write the failures injected by hand into the scenario's failures:, so the run can be repeated"));
    save_->setEnabled(false);
    connect(save_, &QAction::triggered, this, [this] {
        QString error;
        if (!saveIntoScenario(&error)) QMessageBox::warning(window_, tr("Cannot save the failures"), error);
    });
    connect(controller_, &SimulationController::frame, this, &FailureActions::updateSave);
    connect(graph_, &GraphView::nodeMenuRequested, this, &FailureActions::fillNodeMenu);
    connect(graph_, &GraphView::edgeMenuRequested, this, &FailureActions::fillEdgeMenu);
}

void FailureActions::updateSave()
{
    const Snapshot& s = controller_->latest();
    save_->setEnabled(s.failures.size() > s.scenarioFailures);
}

std::vector<es::FailureSpec> FailureActions::injected() const
{
    const Snapshot& s = controller_->latest();
    if (s.failures.size() <= s.scenarioFailures) return {};
    return {s.failures.begin() + static_cast<std::ptrdiff_t>(s.scenarioFailures), s.failures.end()};
}

int FailureActions::openByHand(es::FailureKind kind, const std::string& target, const std::string& peer) const
{
    const Snapshot& s = controller_->latest();
    for (std::size_t i = s.scenarioFailures; i < s.failures.size(); ++i) {
        const es::FailureSpec& f = s.failures[i];
        if (f.kind == kind && f.target == target && f.peer == peer && f.duration == es::kNever) return static_cast<int>(i);
    }
    return -1;
}

void FailureActions::inject(es::FailureSpec f)
{
    controller_->injectFailure(std::move(f));
    controller_->pull(); // the menu and the log see it at once, also while paused
}

void FailureActions::addLift(QMenu* menu, const QString& text, int index)
{
    QAction* a = menu->addAction(text);
    connect(a, &QAction::triggered, this, [this, index] {
        controller_->liftFailure(static_cast<std::size_t>(index));
        controller_->pull();
    });
}

void FailureActions::fillNodeMenu(int node, QMenu* menu)
{
    const ServiceGraph& g = controller_->graph();
    if (node < 0 || node >= static_cast<int>(g.nodes.size()) || controller_->latest().state == RunState::Finished) return;
    const GraphNode& n = g.nodes[static_cast<std::size_t>(node)];
    const QString name = QString::fromStdString(n.name);
    const std::string& target = n.name;
    es::FailureSpec f;
    f.target = target;
    menu->addSection(tr("Failures by hand: %1").arg(name));
    if (isService(n.kind)) {
        if (const int open = openByHand(es::FailureKind::Crash, target); open >= 0) addLift(menu, tr("Restart %1").arg(name), open);
        else
            connect(menu->addAction(tr("Crash %1 now").arg(name)), &QAction::triggered, this, [this, f]() mutable {
                f.kind = es::FailureKind::Crash;
                inject(f);
            });
    }
    if (n.kind == NodeKind::Consumer || n.server) {
        if (const int open = openByHand(es::FailureKind::Slowdown, target); open >= 0) {
            addLift(menu, tr("Back to normal speed"), open);
        } else {
            QMenu* slow = menu->addMenu(tr("Slow down"));
            for (int factor : {2, 5, 10})
                connect(slow->addAction(tr("×%1").arg(factor)), &QAction::triggered, this, [this, f, factor]() mutable {
                    f.kind = es::FailureKind::Slowdown;
                    f.factor = factor;
                    inject(f);
                });
        }
        if (const int open = openByHand(es::FailureKind::ErrorRate, target); open >= 0) {
            addLift(menu, tr("No more errors"), open);
        } else {
            QMenu* errors = menu->addMenu(tr("Error rate"));
            for (int percent : {10, 50, 100})
                connect(errors->addAction(tr("%1% of attempts fail").arg(percent)), &QAction::triggered, this, [this, f, percent]() mutable {
                    f.kind = es::FailureKind::ErrorRate;
                    f.share = percent / 100.0; // as the scenario reader reads "10%"
                    inject(f);
                });
        }
    }
    if (const es::ServiceSpec* svc = controller_->scenario().findService(target); svc && svc->producer)
        connect(menu->addAction(tr("Poison the next message")), &QAction::triggered, this, [this, f]() mutable {
            f.kind = es::FailureKind::PoisonNext; // an instant action: its next event can never be processed
            f.count = 1;
            inject(f);
        });
    if (isBroker(n.kind)) {
        if (const int open = openByHand(es::FailureKind::Outage, target); open >= 0) addLift(menu, tr("End the outage of %1").arg(name), open);
        else
            connect(menu->addAction(tr("Outage of %1 now").arg(name)), &QAction::triggered, this, [this, f]() mutable {
                f.kind = es::FailureKind::Outage;
                inject(f);
            });
    }
    menu->addSeparator();
    menu->addAction(save_);
}

void FailureActions::fillEdgeMenu(int edge, QMenu* menu)
{
    const ServiceGraph& g = controller_->graph();
    if (edge < 0 || edge >= static_cast<int>(g.edges.size()) || controller_->latest().state == RunState::Finished) return;
    const GraphEdge& e = g.edges[static_cast<std::size_t>(edge)];
    const GraphNode& a = g.nodes[static_cast<std::size_t>(e.from)];
    const GraphNode& b = g.nodes[static_cast<std::size_t>(e.to)];
    // A partition cuts a service from a broker, or two services (calls); the service is the target.
    const bool serviceFirst = isService(a.kind);
    const GraphNode& service = serviceFirst ? a : b;
    const GraphNode& other = serviceFirst ? b : a;
    if (!isService(service.kind) || !(isBroker(other.kind) || isService(other.kind))) return;
    const QString link = tr("%1 ↔ %2").arg(QString::fromStdString(service.name), QString::fromStdString(other.name));
    menu->addSection(tr("Failures by hand: %1").arg(link));
    if (const int open = openByHand(es::FailureKind::Partition, service.name, other.name); open >= 0) {
        addLift(menu, tr("Heal the partition"), open);
    } else {
        es::FailureSpec f;
        f.kind = es::FailureKind::Partition;
        f.target = service.name;
        f.peer = other.name;
        connect(menu->addAction(tr("Partition this link now")), &QAction::triggered, this, [this, f] { inject(f); });
    }
    menu->addSeparator();
    menu->addAction(save_);
}

bool FailureActions::saveIntoScenario(QString* error)
{
    const std::vector<es::FailureSpec> added = injected();
    if (added.empty()) {
        if (error) *error = tr("No failure was injected by hand in this run.");
        return false;
    }
    const QString path = controller_->path();
    try {
        es::saveFailures(path.toStdString(), added);
    } catch (const es::FailureSaveError& e) {
        if (error) *error = QString::fromStdString(e.what());
        return false;
    }
    emit saved(static_cast<int>(added.size()), path); // the window loads it again, so Restart repeats the run
    return true;
}

} // namespace esui

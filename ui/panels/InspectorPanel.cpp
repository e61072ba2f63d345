#include "panels/InspectorPanel.h"

#include "model/services/KeySpace.h"

#include "sim/SimulationController.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace esui {

namespace {

// Fills a section with rows. At 60 frames a second the live rows mostly keep their labels: then only
// the values' text is set, without rebuilding items (which would flicker and cost layout passes).
void fill(QTreeWidgetItem* section, const InspectorRows& rows)
{
    bool same = section->childCount() == rows.size();
    for (int i = 0; same && i < rows.size(); ++i) same = section->child(i)->text(0) == rows[i].label;
    if (!same) {
        qDeleteAll(section->takeChildren());
        for (const InspectorRow& r : rows) new QTreeWidgetItem(section, {r.label, QString()});
    }
    for (int i = 0; i < rows.size(); ++i) {
        QTreeWidgetItem* item = section->child(i);
        if (item->text(1) == rows[i].value) continue;
        item->setText(1, rows[i].value);
        item->setToolTip(1, rows[i].value); // the whole value, should the dock be too narrow for it
    }
}

} // namespace

InspectorPanel::InspectorPanel(SimulationController* controller, QWidget* parent)
    : QDockWidget(tr("Inspector"), parent), controller_(controller)
{
    setObjectName(QStringLiteral("inspectorPanel"));
    setAllowedAreas(Qt::LeftDockWidgetArea | Qt::RightDockWidgetArea);
    auto* body = new QWidget;
    auto* column = new QVBoxLayout(body);
    title_ = new QLabel;
    QFont bold = title_->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.2);
    title_->setFont(bold);
    title_->setWordWrap(true);
    title_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    hint_ = new QLabel(tr("Click a node to see its settings and figures, or a message to see its envelope."));
    hint_->setWordWrap(true);
    hint_->setForegroundRole(QPalette::PlaceholderText);
    tree_ = new QTreeWidget;
    tree_->setColumnCount(2);
    tree_->setHeaderHidden(true);
    tree_->setRootIsDecorated(false);
    tree_->setIndentation(6);
    // Values keep their width and the tree scrolls sideways: a tree view does not grow a row for
    // wrapped text, so wrapping would cut long values (rules, emits). Multi-line values get their lines.
    tree_->setUniformRowHeights(false);
    tree_->setSelectionMode(QAbstractItemView::ExtendedSelection); // Ctrl+C copies ids
    tree_->setFocusPolicy(Qt::ClickFocus); // never takes Space from the window's play shortcut by tabbing
    tree_->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    tree_->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    tree_->header()->setStretchLastSection(false);
    live_ = section(tr("Now"));
    config_ = section(tr("Configuration"));
    token_ = section(tr("Message"));
    column->addWidget(title_);
    column->addWidget(hint_);
    column->addWidget(tree_, 1);
    // A chosen key: the one the class follows (a SKU an order is about), true value beside the view's.
    watch_ = new QLineEdit;
    watch_->setObjectName(QStringLiteral("watchKey"));
    watch_->setPlaceholderText(tr("Watch a key (e.g. sku-17), Enter"));
    watch_->setClearButtonEnabled(true);
    watch_->setToolTip(tr("Every service with state shows this key first: its true value beside the read model's"));
    watch_->setVisible(false);
    connect(watch_, &QLineEdit::returnPressed, this, [this] { watchKey(watch_->text()); });
    column->addWidget(watch_);
    setWidget(body);
    setMinimumWidth(260);
    connect(controller_, &SimulationController::loaded, this, &InspectorPanel::clear);
    clear();
}

bool InspectorPanel::watchKey(const QString& text)
{
    const std::string wanted = text.trimmed().toStdString();
    if (wanted.empty()) {
        controller_->watchKey(-1);
        return true;
    }
    // The first producer's key space with keys names the entities (see SnapshotBuilder::entityName).
    const es::Scenario& sc = controller_->scenario();
    const es::KeyRegistry keys = es::KeyRegistry::forScenario(sc, false);
    for (const es::ServiceSpec& s : sc.services) {
        if (!s.producer) continue;
        const int id = keys.idOf(s.name);
        if (id < 0) continue;
        const es::KeySpace& space = keys.space(static_cast<std::uint16_t>(id));
        // Names are formatted per position: a search over a million keys takes a blink, once.
        constexpr std::uint64_t kSearched = 1'000'000;
        for (std::uint64_t i = 0; i < std::min(space.size(), kSearched); ++i)
            if (space.name(i) == wanted) {
                controller_->watchKey(static_cast<std::int64_t>(i));
                watch_->setStyleSheet(QString());
                return true;
            }
        bool number = false;
        const qulonglong i = text.trimmed().toULongLong(&number);
        if (number && i < space.size()) {
            controller_->watchKey(static_cast<std::int64_t>(i));
            watch_->setStyleSheet(QString());
            return true;
        }
        watch_->setStyleSheet(QStringLiteral("color: #b00020"));
        watch_->setToolTip(tr("No key '%1' in %2's keys (%3 … %4)")
                               .arg(text.trimmed(), QString::fromStdString(s.name), QString::fromStdString(space.name(0)),
                                    QString::fromStdString(space.name(space.size() - 1))));
        return false;
    }
    return false;
}

QTreeWidgetItem* InspectorPanel::section(const QString& title)
{
    auto* item = new QTreeWidgetItem(tree_, {title});
    QFont f = item->font(0);
    f.setBold(true);
    item->setFont(0, f);
    item->setFirstColumnSpanned(true);
    item->setFlags(Qt::ItemIsEnabled);
    item->setExpanded(true);
    return item;
}

void InspectorPanel::showSections(bool node, bool token)
{
    hint_->setVisible(!node && !token);
    title_->setVisible(node || token);
    tree_->setVisible(node || token);
    config_->setHidden(!node);
    live_->setHidden(!node);
    token_->setHidden(!token);
    if (!node) watch_->setVisible(false);
}

void InspectorPanel::clear()
{
    node_ = -1;
    showingToken_ = false;
    title_->clear();
    showSections(false, false);
}

void InspectorPanel::showNode(int index)
{
    const ServiceGraph& g = controller_->graph();
    if (index < 0 || index >= static_cast<int>(g.nodes.size())) {
        // A click on a message token may clear the node selection: keep the message shown.
        if (!showingToken_) clear();
        return;
    }
    const GraphNode& n = g.nodes[static_cast<std::size_t>(index)];
    node_ = index;
    showingToken_ = false;
    title_->setText(QString::fromStdString(n.name));
    fill(config_, configRows(controller_->scenario(), n));
    const std::vector<NodeFigures>& figures = controller_->latest().nodes;
    NodeFigures none;
    none.kind = n.kind;
    const NodeFigures& f = static_cast<std::size_t>(index) < figures.size() ? figures[static_cast<std::size_t>(index)] : none;
    fill(live_, liveRows(f));
    showSections(true, false);
    watch_->setVisible(f.entities > 0 || !f.entityValues.empty());
}

void InspectorPanel::showToken(const TokenInfo& token)
{
    node_ = -1;
    showingToken_ = true;
    title_->setText(tr("%1 #%2").arg(QString::fromStdString(token.typeName)).arg(token.hop.envelope.eventId));
    // Keys travel as (key space, index); the scenario alone names them (no hash cache needed).
    const std::string keyName = es::KeyRegistry::forScenario(controller_->scenario(), false).name(token.hop.envelope.key);
    fill(token_, tokenRows(token, keyName));
    showSections(false, true);
}

void InspectorPanel::updateFrom(const Snapshot& s)
{
    if (node_ < 0 || static_cast<std::size_t>(node_) >= s.nodes.size() || !isVisible()) return;
    const NodeFigures& f = s.nodes[static_cast<std::size_t>(node_)];
    fill(live_, liveRows(f));
    watch_->setVisible(f.entities > 0 || !f.entityValues.empty());
}

QString InspectorPanel::title() const { return title_->text(); }

QString InspectorPanel::field(const QString& label) const
{
    for (const QTreeWidgetItem* section : {live_, config_, token_}) {
        if (section->isHidden()) continue;
        for (int i = 0; i < section->childCount(); ++i)
            if (section->child(i)->text(0) == label) return section->child(i)->text(1);
    }
    return {};
}

} // namespace esui

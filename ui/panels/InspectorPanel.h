#pragma once
// The inspector, docked on the right: what the user clicked. For a node, its configuration from the
// scenario and its live figures, refreshed from every snapshot; for a message token, its envelope.
// The rows come from InspectorRows; this class only lays them out (a two-column tree with one
// section per kind of row, which scrolls by itself) and keeps them current.
#include "panels/InspectorRows.h"
#include "sim/Snapshot.h"

#include <QDockWidget>

class QLabel;
class QLineEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace esui {

class SimulationController;

class InspectorPanel : public QDockWidget {
    Q_OBJECT
public:
    InspectorPanel(SimulationController* controller, QWidget* parent = nullptr);

    int nodeIndex() const { return node_; } // -1 when no node is shown
    bool showsToken() const { return showingToken_; }
    QString title() const;
    // The value shown next to `label` in the visible sections ("" when there is no such row).
    QString field(const QString& label) const;
    // Watch the entity named `text` (a key's name, "sku-17", or its position): every service with
    // state shows it first. Empty text stops watching. False, with the hint saying why, if no key has it.
    bool watchKey(const QString& text);

public slots:
    void showNode(int index); // a node of the controller's graph; -1 clears (unless a message is shown)
    void showToken(const esui::TokenInfo& token);
    void updateFrom(const esui::Snapshot& snapshot);
    void clear();

private:
    QTreeWidgetItem* section(const QString& title);
    void showSections(bool node, bool token);

    SimulationController* controller_;
    QLabel* title_;
    QLabel* hint_;
    QTreeWidget* tree_;
    QLineEdit* watch_;
    QTreeWidgetItem* live_;
    QTreeWidgetItem* config_;
    QTreeWidgetItem* token_;
    int node_ = -1;
    bool showingToken_ = false;
};

} // namespace esui

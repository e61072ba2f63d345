#pragma once
// Every figure of the run summary, as `eventscape-cli run --json` has it, in a tree (section,
// component, figure) that updates in place while the run goes on: what the CLI summary says is never
// out of the window's reach. Values are written with their units (FigureFormat); a figure's tooltip
// is its path, the name `watch:` and the docs use (docs/cli-json.md).
#include "sim/Snapshot.h"

#include <QDockWidget>

#include <map>
#include <string>

class QTreeWidget;
class QTreeWidgetItem;

namespace esui {

class FiguresPanel : public QDockWidget {
    Q_OBJECT
public:
    explicit FiguresPanel(QWidget* parent = nullptr);
    void clear(); // a new scenario or variant
    void follow(const Snapshot& s);

    QTreeWidget* tree() const { return tree_; }
    // The text shown for the figure at `path` ("" if the tree has none).
    QString valueText(const std::string& path) const;

private:
    void showValue(const nlohmann::json& value, const std::string& path, const QString& name, QTreeWidgetItem* parent);
    void refresh(); // shows latest_ if visible and not shown yet

    QTreeWidget* tree_;
    std::map<std::string, QTreeWidgetItem*> items_;
    std::shared_ptr<const nlohmann::json> shown_, latest_;
};

} // namespace esui

#pragma once
// The service graph: builds node and edge items for a ServiceGraph, places them with the dot
// layout, and updates the nodes from each snapshot. Wheel zooms around the cursor, dragging the
// background pans, a click selects a node, dragging a node moves it (its edges follow; positions()
// is what "Save layout" writes). It fits the graph to the window until the user zooms.
#include "sim/ServiceGraph.h"
#include "sim/Snapshot.h"

#include <QGraphicsView>
#include <QVector>

class QLabel;

class QMenu;

namespace esui {

class NodeItem;
class EdgeItem;
class TokenLayer;
class TokenLegend;

class GraphView : public QGraphicsView {
    Q_OBJECT
public:
    explicit GraphView(QWidget* parent = nullptr);
    ~GraphView() override;

    // `saved`: node positions from the scenario's `layout:`; dot places the other nodes.
    void setGraph(const ServiceGraph& graph, const std::vector<es::NodePosition>& saved = {});
    // Every node's centre now, in graph order (what the scenario's `layout:` holds).
    std::vector<es::NodePosition> positions() const;
    // Back to dot's layout for every node, ignoring saved positions.
    void resetLayout();
    void updateFrom(const Snapshot& snapshot);
    // The nodes and edges with a margin, in scene units: what an export draws (GraphExport).
    QRectF exportRect() const { return contentRect().adjusted(-20, -20, 20, 20); }

    const QVector<NodeItem*>& nodeItems() const { return nodes_; }
    const QVector<EdgeItem*>& edgeItems() const { return edges_; }
    NodeItem* selectedNode() const;
    TokenLayer* tokenLayer() const { return tokens_; }
    // Animation seconds per wall second for the tokens (kept across scenarios).
    void setAnimationPace(double pace);
    double animationPace() const { return animationPace_; }
    TokenLegend* legend() const { return legend_; }
    // Viewport paints since the view was made (frames per second = the difference over a second).
    std::uint64_t framesPainted() const { return framesPainted_; }
    // The lesson's note in force ("" none): a banner over the top of the graph, which the fit leaves
    // room for (it does not push the view down and resize everything as it comes and goes).
    void setNote(const QString& text);
    QLabel* noteBanner() const { return note_; }
    // Presentation: the graph may grow past its usual 1.5× to fill a projector, and the banner's
    // text is larger.
    void setPresentation(bool on);
    bool presentation() const { return presentation_; }
    // The scale the view draws the scene at now (1 = scene units are pixels).
    double viewScale() const { return transform().m11(); }
    // Wall time of the last viewport paint and a smoothed average, in milliseconds.
    double lastPaintMs() const { return lastPaintMs_; }
    double meanPaintMs() const { return meanPaintMs_; }

signals:
    void nodeSelected(int index); // -1 when the selection is cleared
    void layoutEdited();          // the user moved a node, or the layout was reset
    void tokenClicked(const esui::TokenInfo& token);
    // A right-click on node `index` (a ServiceGraph index) or on edge `index`: listeners fill the
    // menu (failures by hand); it is shown if they put anything in it.
    void nodeMenuRequested(int index, QMenu* menu);
    void edgeMenuRequested(int index, QMenu* menu);

protected:
    void wheelEvent(QWheelEvent* e) override;
    void resizeEvent(QResizeEvent* e) override;
    void placeLegend(); // along the bottom, as wide as the view allows
    void placeNote();   // along the top
    void paintEvent(QPaintEvent* e) override;
    void changeEvent(QEvent* e) override;
    void contextMenuEvent(QContextMenuEvent* e) override;

private:
    void fit();
    QRectF contentRect() const;
    void place(const std::vector<es::NodePosition>& saved);

    QGraphicsScene* scene_;
    QVector<NodeItem*> nodes_;
    QVector<EdgeItem*> edges_;
    ServiceGraph graph_; // for resetLayout()
    bool userZoomed_ = false;
    double lastSimTime_ = 0;
    double lastPaintMs_ = 0, meanPaintMs_ = 0;
    TokenLayer* tokens_ = nullptr; // owned by the scene
    TokenLegend* legend_;
    QLabel* note_;
    bool presentation_ = false;
    // Presentation mode moves the columns closer; where everything was, to be put back.
    void compactColumns();
    void squeeze(); // columns and rows closer, with the nodes' sizes as they are
    void restoreColumns();
    static constexpr double kColumnTolerance = 24;   // scene units: centres this close in x are one column
    static constexpr double kPresentationGap = 44;   // scene units between columns while presenting
    static constexpr double kPresentationTextPx = 14; // the smallest text presenting should reach
    QVector<QPointF> beforePresentation_;
    QVector<std::pair<QPainterPath, QPolygonF>> edgesBeforePresentation_;
    double animationPace_ = 1;
    std::uint64_t framesPainted_ = 0;
};

} // namespace esui

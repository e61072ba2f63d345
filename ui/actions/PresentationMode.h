#pragma once
// View → Presentation (F11 or F5): the window as a projector needs it. Full screen; the docks
// reduced to the scoreboard (with larger figures) over the graph; the lesson's current note a banner
// over the graph in large type; the graph allowed to grow to fill the screen so its smallest text
// is readable from the back of a room. Leaving it (the same keys, or Esc) puts every dock, the window
// state and the sizes back as they were.
#include <QByteArray>
#include <QObject>
#include <QRect>

class QAction;
class QDockWidget;
class QMainWindow;

namespace esui {

class GraphView;
class ScoreboardPanel;

class PresentationMode : public QObject {
    Q_OBJECT
public:
    PresentationMode(QMainWindow* window, GraphView* graph, ScoreboardPanel* scoreboard);

    QAction* action() const { return action_; }
    bool isOn() const { return on_; }
    void setOn(bool on);

    // The pixel size of the smallest text the graph draws now (a node's kind caption, at the view's
    // scale): what "readable from the back" is measured by.
    double smallestGraphTextPx() const;

    static constexpr int kScoreboardValuePx = 44;
    static constexpr int kNormalValuePx = 30;

private:
    QMainWindow* window_;
    GraphView* graph_;
    ScoreboardPanel* scoreboard_;
    QAction* action_;
    QAction* leave_;
    bool on_ = false;
    QByteArray savedState_;
    bool wasMaximized_ = false, wasFullScreen_ = false;
    QRect savedGeometry_;
};

} // namespace esui

#pragma once
// The scoreboard: the figures that carry the lesson's point (its `watch:`), live and large enough to
// read from the back of a room, each with its unit. Switching to another variant of the same file
// keeps the previous run's last figures beside the new ones, with the difference coloured by which
// way is better, so a "compare" note can be answered without writing numbers down. At the end of a
// run a result card says whether conservation held. Every value is read from the run summary the
// engine thread hands over (Snapshot::summary), by the same path the CLI prints: the scoreboard
// cannot disagree with `eventscape-cli run --json`.
#include "scenario/Scenario.h"
#include "sim/Snapshot.h"

#include <QDockWidget>

#include <optional>
#include <vector>

class QFrame;
class QGridLayout;
class QLabel;

namespace esui {

class ScoreboardPanel : public QDockWidget {
    Q_OBJECT
public:
    explicit ScoreboardPanel(QWidget* parent = nullptr);

    // A new run of `sc` loaded from `path`. Another variant of the file shown before keeps that run's
    // last figures as the comparison; another file drops it.
    void setScenario(const es::Scenario& sc, const QString& path);
    void follow(const Snapshot& s);

    // What is shown (for tests and the presentation view).
    const std::vector<es::WatchSpec>& figures() const { return figures_; }
    std::optional<double> value(std::size_t i) const { return i < values_.size() ? values_[i] : std::nullopt; }
    QString valueText(std::size_t i) const;
    // The previous run's value of figure i, if there is a previous run and it had that figure.
    std::optional<double> previousValue(std::size_t i) const;
    QString previousName() const { return previous_ ? previous_->name : QString(); }
    // The end-of-run card's text ("" while the run goes on).
    QString resultText() const;
    // The value labels' font size in pixels (the presentation view scales it).
    void setValuePixelSize(int px);

    // The figures a scenario without `watch:` shows: what each producer created and each group's
    // effects, dead letters and p99 latency, as far as the summary has them, at most six.
    static std::vector<es::WatchSpec> defaultFigures(const nlohmann::json& summary);
    // How a run is named beside another: "base, seed 7", "sync, seed 7" (the charts use it too).
    static QString runName(const QString& variant, std::uint64_t seed);

protected:
    void resizeEvent(QResizeEvent* e) override;

private:
    struct Tile {
        QFrame* frame = nullptr;
        QLabel* label = nullptr;
        QLabel* value = nullptr;
        QLabel* compare = nullptr;
    };
    struct Previous {
        QString name;                 // variant (and seed) of the run kept
        std::vector<std::string> figures;
        std::vector<std::optional<double>> values;
        bool finished = false;
        double simTime = 0;
    };
    void rebuildTiles();
    void fitHeight();
    void placeTiles(); // in as many columns as the width takes: a strip over the graph, or a column
    int columnsFor(int width) const;
    void showValues();
    void showResult(const Snapshot& s);

    QString path_;
    QString runName_;
    bool defaults_ = false; // figures_ came from defaultFigures(), not the scenario
    std::vector<es::WatchSpec> figures_;
    std::vector<std::optional<double>> values_;
    std::optional<Previous> previous_;
    bool finished_ = false;
    double simTime_ = 0;
    std::shared_ptr<const nlohmann::json> shown_;
    std::vector<Tile> tiles_;
    QLabel* heading_;
    QLabel* result_;
    QGridLayout* grid_;
    int valuePx_ = 30;
    int columns_ = 0;
};

} // namespace esui

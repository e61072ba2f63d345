#pragma once
// One coloured label per consumer group with its lag status (OK, WARN, REWIND, STALL, STOP), as the
// sampler evaluated it at the newest row (Burrow's rules, engine/metrics/LagStatus.h).
#include <QWidget>

#include <string>
#include <vector>

class QLabel;
class QHBoxLayout;

namespace esui {

class ChartStore;

class LagStatusBar : public QWidget {
    Q_OBJECT
public:
    explicit LagStatusBar(QWidget* parent = nullptr);
    // Rebuilds the labels when the groups changed, then shows each group's newest status.
    void updateFrom(const ChartStore& store);
    // The text shown for `group` ("indexer: STOP"), empty when there is no such label.
    QString textOf(const std::string& group) const;

private:
    QHBoxLayout* row_;
    std::vector<std::string> groups_;
    std::vector<QLabel*> labels_;
    QLabel* more_ = nullptr; // "and N more": the groups past kMaxLinesPerChart (charts/LineCap.h)
};

} // namespace esui

#pragma once
// What the reader chose in the charts dock for one scenario: which charts show, in which order, and
// which lines of each are hidden. Kept in QSettings under "charts/<key>", so a lesson opened again
// shows the charts it showed when it was closed; a scenario seen for the first time shows its
// `charts:` list (the format's default when it has none).
#include <QHash>
#include <QString>
#include <QStringList>

#include <string>
#include <vector>

class QSettings;

namespace es {
struct Scenario;
}

namespace esui {

struct ChartChoices {
    QStringList shown;                       // chart ids, in order
    QHash<QString, QStringList> hiddenLines; // chart id -> the series of its lines that are hidden
    bool remembered = false;                 // read from the settings, not from the scenario

    bool isShown(const QString& id) const { return shown.contains(id); }
    bool lineHidden(const QString& chart, const std::string& series) const;
    void setLineHidden(const QString& chart, const std::string& series, bool hidden);
};

// One key per scenario file (its absolute path; a scenario built in code: its id). Variants of one
// file share it: they are the same lesson.
QString chartChoicesKey(const es::Scenario& sc);

// The remembered choices for `key`, or the scenario's `charts:` list (as chart ids) when none are.
ChartChoices loadChartChoices(QSettings& settings, const QString& key, const es::Scenario& sc);
void saveChartChoices(QSettings& settings, const QString& key, const ChartChoices& choices);

} // namespace esui

#pragma once
// The lesson beside the graph (a dock, "lessonPanel"): title, summary, objectives, and the notes with
// their times. As the run passes a note's time, that note is marked and scrolled into view, so the
// reader sees where the story is. "Pause at notes" decides whether `pause: true` notes stop the run.
#include "scenario/Scenario.h"
#include "sim/Snapshot.h"

#include <QDockWidget>

#include <vector>

class QCheckBox;
class QLabel;
class QListWidget;

namespace esui {

class LessonPanel : public QDockWidget {
    Q_OBJECT
public:
    explicit LessonPanel(QWidget* parent = nullptr);

    void setScenario(const es::Scenario& scenario);
    // Marks the latest note at or before the snapshot's time (none before the first note).
    void follow(const Snapshot& s);

    QListWidget* objectivesList() const { return objectives_; }
    QListWidget* notesList() const { return notes_; }
    QCheckBox* pauseAtNotesBox() const { return pauseAtNotes_; }
    // Row in notesList() of the note marked current; -1 when none.
    int currentNote() const { return current_; }

signals:
    void pauseAtNotesChanged(bool on);

private:
    void markCurrent(int row);

    QLabel* title_;
    QLabel* summary_;
    QLabel* objectivesHeading_ = nullptr;
    QLabel* notesHeading_ = nullptr;
    QListWidget* objectives_;
    QListWidget* notes_;
    QCheckBox* pauseAtNotes_;
    std::vector<es::SimTime> noteTimes_; // by row; rows are in time order
    int current_ = -1;
};

} // namespace esui

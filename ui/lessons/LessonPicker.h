#pragma once
// File → Lessons…: the built-in lessons by title, with the selected one's summary and objectives
// beside the list. Open (or a double-click) accepts; selectedPath() is the chosen file.
#include "lessons/LessonLibrary.h"

#include <QDialog>

class QLabel;
class QListWidget;

namespace esui {

class LessonPicker : public QDialog {
    Q_OBJECT
public:
    explicit LessonPicker(const LessonLibrary& library, QWidget* parent = nullptr);

    QListWidget* list() const { return list_; }
    // The selected lesson's file; empty when nothing is selected.
    QString selectedPath() const;
    // Selects the lesson of that file, if listed (the one open in the window, say).
    void select(const QString& path);

private:
    void showDetails();

    QList<LessonEntry> lessons_;
    QListWidget* list_;
    QLabel* title_;
    QLabel* details_;
};

} // namespace esui

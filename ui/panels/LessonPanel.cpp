#include "panels/LessonPanel.h"

#include <QCheckBox>
#include <QLabel>
#include <QListWidget>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>

namespace esui {

namespace {

QLabel* heading(const QString& text, QWidget* parent)
{
    auto* l = new QLabel(text, parent);
    QFont f = l->font();
    f.setBold(true);
    l->setFont(f);
    return l;
}

QListWidget* wrappingList(QWidget* parent)
{
    // Long lines wrap instead of scrolling sideways: the dock is narrow.
    auto* list = new QListWidget(parent);
    list->setWordWrap(true);
    list->setTextElideMode(Qt::ElideNone);
    list->setResizeMode(QListView::Adjust);
    list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    list->setUniformItemSizes(false);
    list->setSpacing(3); // wrapped items must not run into each other
    return list;
}

} // namespace

LessonPanel::LessonPanel(QWidget* parent)
    : QDockWidget(tr("Lesson"), parent), title_(new QLabel(this)), summary_(new QLabel(this)),
      objectives_(wrappingList(this)), notes_(wrappingList(this)), pauseAtNotes_(new QCheckBox(tr("Pause at notes"), this))
{
    setObjectName(QStringLiteral("lessonPanel"));
    QFont big = title_->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.15);
    title_->setFont(big);
    title_->setWordWrap(true);
    summary_->setWordWrap(true);
    summary_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    objectives_->setObjectName(QStringLiteral("lessonObjectives"));
    notes_->setObjectName(QStringLiteral("lessonNotes"));
    objectives_->setSelectionMode(QAbstractItemView::NoSelection);
    objectives_->setFocusPolicy(Qt::NoFocus);
    pauseAtNotes_->setChecked(true);
    pauseAtNotes_->setToolTip(tr("Stop the run at the notes that ask for it"));
    connect(pauseAtNotes_, &QCheckBox::toggled, this, &LessonPanel::pauseAtNotesChanged);

    auto* body = new QWidget(this);
    auto* column = new QVBoxLayout(body);
    column->addWidget(title_);
    column->addWidget(summary_);
    objectivesHeading_ = heading(tr("Objectives"), body);
    column->addWidget(objectivesHeading_);
    column->addWidget(objectives_, 2);
    notesHeading_ = heading(tr("Notes"), body);
    column->addWidget(notesHeading_);
    column->addWidget(notes_, 3);
    column->addStretch(0); // takes the room when a scenario has neither objectives nor notes
    column->addWidget(pauseAtNotes_);
    // A long summary in a short window (1280x720 with the charts open) scrolls with the panel instead
    // of being cut: the lists keep a few rows each and scroll on their own.
    objectives_->setMinimumHeight(objectives_->fontMetrics().height() * 3);
    notes_->setMinimumHeight(notes_->fontMetrics().height() * 4);
    auto* scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("lessonScroll"));
    scroll->setWidget(body);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // the text wraps to the width instead
    setWidget(scroll);
    setMinimumWidth(260);
}

void LessonPanel::setScenario(const es::Scenario& scenario)
{
    title_->setText(QString::fromStdString(scenario.title));
    summary_->setText(QString::fromStdString(scenario.summary).trimmed());
    summary_->setVisible(!scenario.summary.empty());
    objectives_->clear();
    for (const std::string& o : scenario.objectives) objectives_->addItem(QString::fromStdString(o));
    // A scenario that is not a lesson (a benchmark, a user's own file) may have neither: no empty boxes.
    objectivesHeading_->setVisible(!scenario.objectives.empty());
    objectives_->setVisible(!scenario.objectives.empty());
    notesHeading_->setVisible(!scenario.notes.empty());
    notes_->setVisible(!scenario.notes.empty());
    pauseAtNotes_->setVisible(!scenario.notes.empty());

    std::vector<es::NoteSpec> notes = scenario.notes;
    std::stable_sort(notes.begin(), notes.end(), [](const auto& a, const auto& b) { return a.at < b.at; });
    notes_->clear();
    noteTimes_.clear();
    current_ = -1;
    for (const es::NoteSpec& n : notes) {
        const QString when = tr("%1 s").arg(es::toSeconds(n.at), 0, 'f', n.at % es::kSecond == 0 ? 0 : 3);
        auto* item = new QListWidgetItem(QStringLiteral("%1 — %2").arg(when, QString::fromStdString(n.text)), notes_);
        if (n.pause) item->setToolTip(tr("The run pauses here when \"Pause at notes\" is on"));
        noteTimes_.push_back(n.at);
    }
}

void LessonPanel::follow(const Snapshot& s)
{
    // The same microsecond of slack as the run controls: a run paused at a note is "at" it.
    const es::SimTime now = es::fromSeconds(s.simTime) + es::kMicrosecond;
    const auto passed = std::upper_bound(noteTimes_.begin(), noteTimes_.end(), now);
    markCurrent(static_cast<int>(passed - noteTimes_.begin()) - 1);
}

void LessonPanel::markCurrent(int row)
{
    if (row == current_) return;
    // Bold on the palette's tooltip colours, as the note shown above the graph: no fixed colours.
    if (QListWidgetItem* old = notes_->item(current_)) {
        old->setFont(notes_->font());
        old->setData(Qt::BackgroundRole, {});
        old->setData(Qt::ForegroundRole, {});
    }
    current_ = row;
    if (QListWidgetItem* now = notes_->item(current_)) {
        QFont bold = notes_->font();
        bold.setBold(true);
        now->setFont(bold);
        now->setBackground(palette().brush(QPalette::ToolTipBase));
        now->setForeground(palette().brush(QPalette::ToolTipText));
        notes_->scrollToItem(now);
    }
}

} // namespace esui

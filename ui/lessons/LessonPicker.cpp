#include "lessons/LessonPicker.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace esui {

LessonPicker::LessonPicker(const LessonLibrary& library, QWidget* parent)
    : QDialog(parent), lessons_(library.lessons()), list_(new QListWidget(this)), title_(new QLabel(this)),
      details_(new QLabel(this))
{
    setWindowTitle(tr("Lessons"));
    list_->setObjectName(QStringLiteral("lessonList"));
    for (const LessonEntry& e : lessons_) {
        auto* item = new QListWidgetItem(e.title, list_);
        item->setToolTip(e.path);
    }
    list_->setMinimumWidth(320);
    // Whole titles: "Hot key — one busy key overloads one partition while the others idle" is wider
    // than the list, and an elided title is a lesson nobody can tell apart.
    list_->setWordWrap(true);
    list_->setTextElideMode(Qt::ElideNone);
    list_->setResizeMode(QListView::Adjust);
    list_->setSpacing(2);

    // Title, then summary and objectives, in the palette's colours (rich text without colours).
    QFont big = title_->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.15);
    title_->setFont(big);
    title_->setWordWrap(true);
    details_->setWordWrap(true);
    details_->setTextFormat(Qt::RichText);
    details_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    auto* detailsPane = new QWidget(this);
    auto* detailsColumn = new QVBoxLayout(detailsPane);
    detailsColumn->addWidget(title_);
    detailsColumn->addWidget(details_, 1);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(detailsPane);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setMinimumWidth(360);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    QPushButton* open = buttons->button(QDialogButtonBox::Open);

    auto* row = new QHBoxLayout;
    row->addWidget(list_, 2);
    row->addWidget(scroll, 3);
    auto* column = new QVBoxLayout(this);
    column->addLayout(row, 1);
    column->addWidget(buttons);

    connect(list_, &QListWidget::currentRowChanged, this, [this, open] {
        showDetails();
        open->setEnabled(list_->currentRow() >= 0);
    });
    connect(list_, &QListWidget::itemActivated, this, &QDialog::accept); // double-click or Enter
    list_->setCurrentRow(lessons_.isEmpty() ? -1 : 0);
    open->setEnabled(!lessons_.isEmpty());
    if (lessons_.isEmpty()) title_->setText(tr("No lessons found"));
    resize(820, 480);
}

QString LessonPicker::selectedPath() const
{
    const int row = list_->currentRow();
    return row >= 0 && row < lessons_.size() ? lessons_[row].path : QString();
}

void LessonPicker::select(const QString& path)
{
    const QString wanted = QFileInfo(path).canonicalFilePath();
    for (int i = 0; i < lessons_.size(); ++i)
        if (QFileInfo(lessons_[i].path).canonicalFilePath() == wanted) list_->setCurrentRow(i);
}

void LessonPicker::showDetails()
{
    const int row = list_->currentRow();
    if (row < 0 || row >= lessons_.size()) {
        title_->clear();
        details_->clear();
        return;
    }
    const LessonEntry& e = lessons_[row];
    title_->setText(e.title);
    QString html = QStringLiteral("<p>%1</p>").arg(e.summary.toHtmlEscaped());
    if (!e.objectives.isEmpty()) {
        html += QStringLiteral("<p><b>%1</b></p><ul>").arg(tr("Objectives").toHtmlEscaped());
        for (const QString& o : e.objectives) html += QStringLiteral("<li>%1</li>").arg(o.toHtmlEscaped());
        html += QStringLiteral("</ul>");
    }
    details_->setText(html);
}

} // namespace esui

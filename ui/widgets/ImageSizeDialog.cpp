#include "widgets/ImageSizeDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>

namespace esui {

namespace {
QSpinBox* spin(int lo, int hi, int value, const QString& suffix, QWidget* parent)
{
    auto* s = new QSpinBox(parent);
    s->setRange(lo, hi);
    s->setValue(value);
    s->setSuffix(suffix);
    return s;
}
} // namespace

ImageSizeDialog::ImageSizeDialog(const ImageSize& initial, QWidget* parent)
    : QDialog(parent), width_(spin(100, 10000, initial.size.width(), tr(" px"), this)),
      height_(spin(100, 10000, initial.size.height(), tr(" px"), this)), dpi_(spin(24, 1200, initial.dpi, tr(" dpi"), this)),
      printed_(new QLabel(this))
{
    setWindowTitle(tr("Image size"));
    auto* form = new QFormLayout(this);
    form->addRow(tr("&Width:"), width_);
    form->addRow(tr("&Height:"), height_);
    form->addRow(tr("&Resolution:"), dpi_);
    form->addRow(tr("Printed size:"), printed_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QSpinBox* s : {width_, height_, dpi_}) connect(s, &QSpinBox::valueChanged, this, &ImageSizeDialog::updatePrintedSize);
    updatePrintedSize();
}

ImageSize ImageSizeDialog::value() const { return {QSize(width_->value(), height_->value()), dpi_->value()}; }

void ImageSizeDialog::updatePrintedSize()
{
    const double cmPerPixel = 2.54 / dpi_->value();
    printed_->setText(tr("%1 × %2 cm").arg(width_->value() * cmPerPixel, 0, 'f', 1).arg(height_->value() * cmPerPixel, 0, 'f', 1));
}

std::optional<ImageSize> askImageSize(const ImageSize& initial, QWidget* parent)
{
    ImageSizeDialog dialog(initial, parent);
    if (dialog.exec() != QDialog::Accepted) return std::nullopt;
    return dialog.value();
}

} // namespace esui

#pragma once
// The small dialog before a PNG export: width and height in pixels and the DPI, with the printed
// size they give (so "300 dpi for a 16 cm figure" is a choice one can read off). The DPI scales the
// drawing and goes into the PNG's metadata (PaintedExport).
#include <QDialog>
#include <QSize>

#include <optional>

class QLabel;
class QSpinBox;

namespace esui {

struct ImageSize {
    QSize size{1600, 900};
    int dpi = 96;
};

class ImageSizeDialog : public QDialog {
    Q_OBJECT
public:
    ImageSizeDialog(const ImageSize& initial, QWidget* parent = nullptr);
    ImageSize value() const;

    QSpinBox* widthBox() const { return width_; }
    QSpinBox* heightBox() const { return height_; }
    QSpinBox* dpiBox() const { return dpi_; }

private:
    void updatePrintedSize();

    QSpinBox* width_;
    QSpinBox* height_;
    QSpinBox* dpi_;
    QLabel* printed_;
};

// Shows the dialog; nullopt when cancelled.
std::optional<ImageSize> askImageSize(const ImageSize& initial, QWidget* parent);

} // namespace esui

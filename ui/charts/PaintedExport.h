#pragma once
// Writes whatever a painting function draws as PNG (QImage), SVG (QSvgGenerator) or PDF
// (QPdfWriter): the one place that knows the three devices, shared by the charts (ChartExport) and
// the service graph (GraphExport), so each of them has a single painting path and the vector
// formats stay vector.
//
// Units: the painting function draws into a rectangle of "screen pixels" (96 dpi). SVG and PDF get
// that size (a PDF page of width * 72 / 96 points). A PNG of `size` pixels at `dpi` is painted at
// size * 96 / dpi and scaled up, so a 300 dpi image is the same drawing with sharper lines and text,
// and its pHYs chunk says 300 dpi.
#include <QByteArray>
#include <QColor>
#include <QImage>
#include <QRectF>
#include <QSize>
#include <QString>

#include <functional>
#include <optional>
#include <vector>
#include <string>

class QPainter;

namespace esui {

enum class ChartFormat { Png, Svg, Pdf };

// "png", "svg", "pdf" (any case); nullopt otherwise.
std::optional<ChartFormat> chartFormatFromName(const QString& name);
// From a file name's suffix.
std::optional<ChartFormat> chartFormatForPath(const QString& path);
QString chartFormatSuffix(ChartFormat f);
// "WIDTHxHEIGHT" in pixels, each from 100 to 10000 (the command lines' --size); nullopt otherwise.
std::optional<QSize> exportSizeFromText(const std::string& text);

// Draws the picture into `target` (its top left at 0, 0), in screen pixels.
using PaintFunction = std::function<void(QPainter& painter, const QRectF& target)>;

struct PaintedDocument {
    QSize size{1600, 900}; // pixels
    int dpi = 96;          // PNG
    QString title;         // SVG and PDF metadata
    QString description;   // SVG metadata
    QColor background = Qt::white; // PNG: filled before painting (SVG and PDF draw what is painted)
};

// The PNG's pixels: `doc.size` with `doc.dpi` as dots per metre.
QImage renderPainted(const PaintedDocument& doc, const PaintFunction& paint);

// False with "cannot write PATH: why" in `error` when the file cannot be written.
bool writePainted(const PaintedDocument& doc, const PaintFunction& paint, const QString& path, ChartFormat format,
                  QString* error = nullptr);

// A PDF of several pages of doc.size each (a report: text pages, then one chart per page), each
// painted by its function into the page's rectangle, vector throughout.
bool writePaintedPdfPages(const PaintedDocument& doc, const std::vector<PaintFunction>& pages, const QString& path,
                          QString* error = nullptr);
// An SVG of the picture as text (to put inline into an HTML page), without the XML prologue.
QByteArray paintedSvg(const PaintedDocument& doc, const PaintFunction& paint);

} // namespace esui

#include "charts/PaintedExport.h"

#include <QBuffer>
#include <QFileInfo>
#include <QRegularExpression>
#include <QObject>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>

namespace esui {

namespace {
constexpr double kScreenDpi = 96; // the painting's own units: pixels at 96 dpi, as on a screen

void setPdfPage(QPdfWriter& pdf, const PaintedDocument& doc, QSize size)
{
    pdf.setResolution(static_cast<int>(kScreenDpi)); // painter units = the pixels asked for
    pdf.setPageSize(QPageSize(QSizeF(size.width() * 72.0 / kScreenDpi, size.height() * 72.0 / kScreenDpi), QPageSize::Point,
                              QString(), QPageSize::ExactMatch));
    pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
    pdf.setTitle(doc.title);
    pdf.setCreator(QStringLiteral("Eventscape"));
}

}

std::optional<ChartFormat> chartFormatFromName(const QString& name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("png")) return ChartFormat::Png;
    if (n == QLatin1String("svg")) return ChartFormat::Svg;
    if (n == QLatin1String("pdf")) return ChartFormat::Pdf;
    return std::nullopt;
}

std::optional<ChartFormat> chartFormatForPath(const QString& path) { return chartFormatFromName(QFileInfo(path).suffix()); }

QString chartFormatSuffix(ChartFormat f)
{
    switch (f) {
    case ChartFormat::Png: return QStringLiteral("png");
    case ChartFormat::Svg: return QStringLiteral("svg");
    case ChartFormat::Pdf: return QStringLiteral("pdf");
    }
    return {};
}

QImage renderPainted(const PaintedDocument& doc, const PaintFunction& paint)
{
    const QSize size = doc.size.isValid() ? doc.size : QSize(1600, 900);
    const double dpi = doc.dpi > 0 ? doc.dpi : kScreenDpi;
    const double scale = dpi / kScreenDpi;
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(doc.background);
    {
        // Painted at the image's default resolution (the one fonts are laid out at) and scaled; the
        // DPI goes into the metadata afterwards, or the text would be enlarged twice.
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        p.scale(scale, scale);
        paint(p, QRectF(QPointF(0, 0), QSizeF(size) / scale));
    }
    const int dotsPerMeter = qRound(dpi / 0.0254);
    image.setDotsPerMeterX(dotsPerMeter);
    image.setDotsPerMeterY(dotsPerMeter);
    return image;
}

bool writePainted(const PaintedDocument& doc, const PaintFunction& paint, const QString& path, ChartFormat format, QString* error)
{
    const QSize size = doc.size.isValid() ? doc.size : QSize(1600, 900);
    const QRectF target(QPointF(0, 0), QSizeF(size));
    auto fail = [&](const QString& why) {
        if (error) *error = QObject::tr("cannot write %1: %2").arg(path, why);
        return false;
    };
    switch (format) {
    case ChartFormat::Png:
        if (!renderPainted(doc, paint).save(path, "PNG")) return fail(QObject::tr("the image could not be saved"));
        return true;
    case ChartFormat::Svg: {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(size);
        svg.setViewBox(target);
        svg.setTitle(doc.title);
        svg.setDescription(doc.description);
        QPainter p;
        if (!p.begin(&svg)) return fail(QObject::tr("the file could not be opened"));
        p.setRenderHint(QPainter::Antialiasing);
        paint(p, target);
        p.end();
        return true;
    }
    case ChartFormat::Pdf: {
        QPdfWriter pdf(path);
        setPdfPage(pdf, doc, size);
        QPainter p;
        if (!p.begin(&pdf)) return fail(QObject::tr("the file could not be opened"));
        p.setRenderHint(QPainter::Antialiasing);
        paint(p, target);
        p.end();
        return true;
    }
    }
    return fail(QObject::tr("unknown format"));
}

bool writePaintedPdfPages(const PaintedDocument& doc, const std::vector<PaintFunction>& pages, const QString& path,
                          QString* error)
{
    const QSize size = doc.size.isValid() ? doc.size : QSize(1123, 794);
    QPdfWriter pdf(path);
    setPdfPage(pdf, doc, size);
    QPainter p;
    if (!p.begin(&pdf)) {
        if (error) *error = QObject::tr("cannot write %1: %2").arg(path, QObject::tr("the file could not be opened"));
        return false;
    }
    p.setRenderHint(QPainter::Antialiasing);
    for (std::size_t i = 0; i < pages.size(); ++i) {
        if (i > 0) pdf.newPage();
        p.save();
        pages[i](p, QRectF(QPointF(0, 0), QSizeF(size)));
        p.restore();
    }
    p.end();
    return true;
}

QByteArray paintedSvg(const PaintedDocument& doc, const PaintFunction& paint)
{
    const QSize size = doc.size.isValid() ? doc.size : QSize(1600, 900);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        QSvgGenerator svg;
        svg.setOutputDevice(&buffer);
        svg.setSize(size);
        svg.setViewBox(QRectF(QPointF(0, 0), QSizeF(size)));
        svg.setTitle(doc.title);
        svg.setDescription(doc.description);
        QPainter p(&svg);
        p.setRenderHint(QPainter::Antialiasing);
        paint(p, QRectF(QPointF(0, 0), QSizeF(size)));
    }
    QByteArray out = buffer.data();
    const qsizetype start = out.indexOf("<svg");
    return start > 0 ? out.mid(start) : out;
}

std::optional<QSize> exportSizeFromText(const std::string& text)
{
    const auto m = QRegularExpression(QStringLiteral("^(\\d+)x(\\d+)$")).match(QString::fromStdString(text));
    if (!m.hasMatch()) return std::nullopt;
    const QSize s(m.captured(1).toInt(), m.captured(2).toInt());
    if (s.width() < 100 || s.height() < 100 || s.width() > 10000 || s.height() > 10000) return std::nullopt;
    return s;
}

} // namespace esui

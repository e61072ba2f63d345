#include "charts/ChartExport.h"

#include "charts/ChartFigure.h"
#include "charts/ChartStore.h"

#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>

namespace esui {

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

namespace {

// The one painting path: a fresh figure, laid out at the target size, painted.
void paintJob(const ChartExportJob& job, const ChartStore& store, QPainter& p, const QRectF& target)
{
    ChartFigure figure(job.spec);
    figure.setCompact(false); // full size: axis titles, legend, larger fonts
    figure.resize(target.size());
    figure.setMarks(job.marks);
    figure.setTimeRange(job.t0, job.t1);
    figure.refresh(store);
    p.setRenderHint(QPainter::Antialiasing);
    figure.paint(p, target);
}

} // namespace

bool exportChart(const ChartExportJob& job, const ChartStore& store, const QString& path, ChartFormat format, QString* error)
{
    const QSize size = job.size.isValid() ? job.size : QSize(1600, 900);
    const QRectF target(QPointF(0, 0), QSizeF(size));
    auto fail = [&](const QString& why) {
        if (error) *error = QObject::tr("cannot write %1: %2").arg(path, why);
        return false;
    };
    switch (format) {
    case ChartFormat::Png: {
        QImage image(size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        {
            QPainter p(&image);
            paintJob(job, store, p, target);
        }
        if (!image.save(path, "PNG")) return fail(QObject::tr("the image could not be saved"));
        return true;
    }
    case ChartFormat::Svg: {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(size);
        svg.setViewBox(target);
        svg.setTitle(job.spec.title);
        svg.setDescription(job.marks.caption);
        QPainter p;
        if (!p.begin(&svg)) return fail(QObject::tr("the file could not be opened"));
        paintJob(job, store, p, target);
        p.end();
        return true;
    }
    case ChartFormat::Pdf: {
        QPdfWriter pdf(path);
        pdf.setResolution(96); // painter units = the pixels asked for
        pdf.setPageSize(QPageSize(QSizeF(size.width() * 72.0 / 96.0, size.height() * 72.0 / 96.0), QPageSize::Point,
                                  QString(), QPageSize::ExactMatch));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        pdf.setTitle(job.spec.title);
        pdf.setCreator(QStringLiteral("Eventscape"));
        QPainter p;
        if (!p.begin(&pdf)) return fail(QObject::tr("the file could not be opened"));
        paintJob(job, store, p, target);
        p.end();
        return true;
    }
    }
    return fail(QObject::tr("unknown format"));
}

QStringList exportCharts(const std::vector<ChartExportJob>& jobs, const ChartStore& store, const QString& dir,
                         const std::vector<ChartFormat>& formats, QString* error)
{
    QStringList written;
    if (!QDir().mkpath(dir)) {
        if (error) *error = QObject::tr("cannot create folder %1").arg(dir);
        return written;
    }
    for (const ChartExportJob& job : jobs)
        for (ChartFormat f : formats) {
            const QString path = QDir(dir).filePath(job.spec.id + QLatin1Char('.') + chartFormatSuffix(f));
            QString why;
            if (exportChart(job, store, path, f, &why)) written << path;
            else if (error && error->isEmpty()) *error = why;
        }
    return written;
}

} // namespace esui

#include "charts/ChartExport.h"

#include "charts/ChartFigure.h"
#include "charts/SeriesSource.h"

#include <QDir>
#include <QPainter>

namespace esui {

namespace {

// The one painting path: a fresh figure, laid out at the target size, painted.
PaintFunction paintJob(const ChartExportJob& job, const SeriesSource& store)
{
    return [&job, &store](QPainter& p, const QRectF& target) {
        ChartFigure figure(job.spec);
        figure.setCompact(false); // full size: axis titles, legend, larger fonts
        figure.resize(target.size());
        figure.setMarks(job.marks);
        figure.setTimeRange(job.t0, job.t1);
        figure.refresh(store);
        figure.paint(p, target);
    };
}

PaintedDocument documentOf(const ChartExportJob& job)
{
    PaintedDocument doc;
    doc.size = job.size.isValid() ? job.size : QSize(1600, 900);
    doc.dpi = job.dpi;
    doc.title = job.spec.title;
    doc.description = job.marks.caption;
    return doc;
}

} // namespace

QImage renderChartImage(const ChartExportJob& job, const SeriesSource& store) { return renderPainted(documentOf(job), paintJob(job, store)); }

bool exportChart(const ChartExportJob& job, const SeriesSource& store, const QString& path, ChartFormat format, QString* error)
{
    return writePainted(documentOf(job), paintJob(job, store), path, format, error);
}

QStringList exportCharts(const std::vector<ChartExportJob>& jobs, const SeriesSource& store, const QString& dir,
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
